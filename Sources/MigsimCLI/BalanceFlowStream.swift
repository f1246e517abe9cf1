import DataIO
import Foundation
import LinearAlgebra

extension BalanceCSV {
    /// Regions in order of first appearance and the summed flow matrix M_ij = Σ migrants over the
    /// rows (i, j[, period with the given prefix]) — read from the file as a stream (`CSVByteReader`):
    /// region names are looked up by their bytes (`NameIndex`), numbers converted from their bytes,
    /// and only one (i, j, value) triple per row is kept until the n×n matrix is summed, in file order.
    ///
    /// The result, and every error with its file, line and column, are those of
    /// `flowMatrix(read(path), period:)`, which holds every field of the file as a `String`
    /// (at n = 3,000: 9·10⁶ rows, ~1.4 GB and a minute). Memory: 16 bytes a row, then the matrix.
    static func streamFlowMatrix(_ path: String, period: String?) throws -> ([String], Matrix) {
        var header: [String] = []
        var o = 0, d = 0, m = 0, p: Int? = nil
        var names = NameIndex()
        var previousOrigin: (bytes: [UInt8], index: Int) = ([], -1)
        var cells = FlowCells()
        let prefix = period.map { Array($0.utf8) }
        let plainPrefix = prefix?.allSatisfy(Self.isPlainASCII) ?? true
        try CSVByteReader.read(URL(fileURLWithPath: path)) { fields in
            header = fields
            let t = BalanceCSV(path: path, header: fields, rows: [])
            o = try t.column("origin"); d = try t.column("destination"); m = try t.column("migrants")
            p = period == nil ? nil : try t.column("period")
        } row: { r in
            if let p, let period, let prefix {
                if plainPrefix, let t = r.trimmedBytes(p), t.allSatisfy(Self.isPlainASCII) {
                    guard t.count >= prefix.count, zip(t, prefix).allSatisfy({ $0 == $1 }) else { return }
                } else if !r.trimmedText(p).hasPrefix(period) {
                    return
                }
            }
            let origin = r.trimmedBytes(o), destination = r.trimmedBytes(d)
            for (k, bytes) in [(o, origin), (d, destination)] where bytes?.isEmpty ?? r.trimmedText(k).isEmpty {
                throw emptyRegion(path, line: r.line, column: k, header: header)
            }
            guard let v = r.number(m, trimmed: r.trimmedBytes(m)), v.isFinite, v >= 0 else {
                throw badNumber(path, line: r.line, column: m, header: header, text: r.trimmedText(m), allowNegative: false)
            }
            // Rows usually come grouped by origin: the previous origin is checked before the index.
            let i: Int
            if let origin, previousOrigin.index >= 0, origin.count == previousOrigin.bytes.count,
               origin.isEmpty || memcmp(origin.baseAddress!, previousOrigin.bytes, origin.count) == 0 {
                i = previousOrigin.index
            } else if let origin {
                i = names.index(of: origin)
                previousOrigin = (Array(origin), i)
            } else {
                i = names.index(of: r.trimmedText(o))
            }
            let j = destination.map { names.index(of: $0) } ?? names.index(of: r.trimmedText(d))
            cells.append(origin: i, destination: j, value: v)
        }
        let n = names.count
        guard n >= 2 else { throw tooFewRegions(path, period: period, found: n) }
        return (names.names, cells.summed(n: n))
    }

    /// Printable ASCII: where comparing bytes is comparing `Character`s (no CR LF cluster, no
    /// combining marks, nothing to normalize).
    private static func isPlainASCII(_ b: UInt8) -> Bool { b >= 32 && b < 127 }
}
