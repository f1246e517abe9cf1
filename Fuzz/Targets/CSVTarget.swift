// libFuzzer target: the CSV reader (Sources/DataIO/CSVTable.swift over CSV.swift). Any input must
// give a table or a DataError naming the file; every field of a table is read once.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func csvTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    guard let text = String(data: bytes, encoding: .utf8) else {
        _ = firstInvalidUTF8(bytes)
        return 0
    }
    do {
        let table = try CSVTable.parse(text, file: "fuzz.csv")
        var total = 0
        for (row, line) in zip(table.rows, table.lines) { total += row.count + line }
        _ = total
    } catch {
        precondition(error.file == "fuzz.csv")
        _ = error.description
    }
    return 0
}
