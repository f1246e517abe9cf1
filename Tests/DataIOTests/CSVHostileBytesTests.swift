import Foundation
import Testing
@testable import DataIO

/// Bytes no CSV file should hold: a NUL (once read as the end of a number: `1\0 99` gave 1) and
/// bytes that are not UTF-8; both are refused with the line they are on.
struct CSVHostileBytesTests {
    @Test func nulByteInsideANumberIsRefusedWithItsLine() throws {
        let url = temporaryFile("nul.csv", "id,name,lat,lon,population\nA,A,1\0 99,2,100\nB,B,3,4,100\n")
        do {
            _ = try SettlementsFile.read(url)
            Issue.record("a NUL byte inside a number was accepted")
        } catch {
            #expect(error.line == 2)
            #expect(error.found == "a NUL byte")
            #expect(error.description.hasPrefix(url.path + ":2: "))
        }
    }

    @Test func nonUTF8ByteIsRefusedWithItsLineAndByte() throws {
        let dir = temporaryDirectory()
        let url = dir.appendingPathComponent("latin1.csv")
        var bytes = Array("id,period,value\nA,2001,1.5\n".utf8)
        bytes += Array("B,2001,".utf8) + [0xE9] + Array("\n".utf8)   // é in Latin-1
        try Data(bytes).write(to: url)
        do {
            _ = try CSVTable.read(url)
            Issue.record("a Latin-1 byte was accepted")
        } catch {
            #expect(error.line == 3)
            #expect(error.found == "a byte that is not UTF-8 at byte 8 of the line")
        }
        #expect(firstInvalidUTF8(Data("ok\nstill ok ü\n".utf8 + [0xFF])) == (3, 1))
    }
}

/// `data korea`: a latitude of 123 in regions.csv is refused with its line (it was accepted).
@Test(.needsDataFolder) func koreaRegionLatitudeOutOfRangeIsRefused() throws {
    let dir = temporaryDirectory()
    let bad = dir.appendingPathComponent("regions.csv")
    try "region,lat,lon,area_km2\nSeoul,123,127.0,605\n".write(to: bad, atomically: true, encoding: .utf8)
    do {
        _ = try KoreaCase.derive(flowsURL: sharedKorea.appendingPathComponent("flows_quarterly.csv"),
                                 populationURL: sharedKorea.appendingPathComponent("population.csv"), regionsURL: bad, mapping: koreaMapping)
        Issue.record("a latitude of 123 was accepted")
    } catch {
        #expect(error.line == 2)
        #expect(error.expected == "a latitude in −90…90 degrees")
    }
}
