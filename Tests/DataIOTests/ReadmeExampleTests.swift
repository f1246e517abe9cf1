import Testing
import DataIO

/// The example of Sources/DataIO/README.md, kept compiling and checked.
@Test func readmeExampleDataIO() throws {
    let settlements = try SettlementsFile.decode(CSVTable.parse("""
        id,name,lat,lon,population
        seoul,Seoul,37.57,126.98,9400000
        busan,Busan,35.18,129.08,3300000
        """, file: "settlements.csv"))
    let balance = try BalanceFile.decode(CSVTable.parse("""
        id,period,value
        seoul,2012-Q1,-1.5
        busan,2012-Q3,0.8
        """, file: "balance.csv"))
    #expect(settlements.settlements.map(\.id) == ["seoul", "busan"])
    #expect(settlements.settlements[1].name == "Busan" && settlements.ages == nil)
    #expect(balance.times == [2012.0, 2012.5])
    #expect(balance.value(id: "busan", period: Period(label: "2012-Q3")!) == 0.8)
    #expect(balance.value(id: "seoul", period: Period(label: "2012-Q3")!) == nil)

    do {
        _ = try SettlementsFile.decode(CSVTable.parse("id,lat,lon,population\nx,91,0,10\n", file: "s.csv"))
        Issue.record("a latitude of 91 was accepted")
    } catch {
        #expect(error.file == "s.csv" && error.line == 2 && error.column?.name == "lat")
    }
}
