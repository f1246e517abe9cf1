import DataIO
import Foundation
import LinearAlgebra
import Testing

/// Random positive matrix with entries in [0.1, 10).
func randomMatrix(_ m: Int, _ n: Int, seed: UInt64) -> Matrix {
    var g = SeededGenerator(seed: seed)
    return Matrix(rows: m, columns: n) { _, _ in 0.1 + 9.9 * g.nextUniform() }
}

func rowSums(_ x: [Double], _ m: Int, _ n: Int) -> [Double] {
    (0..<m).map { i in (0..<n).reduce(0) { $0 + x[i * n + $1] } }
}

func columnSums(_ x: [Double], _ m: Int, _ n: Int) -> [Double] {
    (0..<n).map { j in (0..<m).reduce(0) { $0 + x[$1 * n + j] } }
}

/// A file of the data folder (resolved by `DataFolder`).
func sharedData(_ relative: String) -> URL {
    DataFolder.forTests.file(relative)
}

/// Tests that read the project's data folder (`DataFolder`: `../shared/data` or `MIGSIM_DATA`) carry
/// this trait: without the folder they are skipped, and one line names the missing folder.
extension Trait where Self == ConditionTrait {
    static var needsDataFolder: Self {
        .enabled(if: DataFolder.availableForTests, "needs the data folder (../shared/data or MIGSIM_DATA)")
    }
}

/// Minimal CSV reader for the test fixtures (no quoted commas occur in them).
func readCSV(_ url: URL) throws -> [[String: String]] {
    let text = try String(contentsOf: url, encoding: .utf8)
    var lines = text.split(whereSeparator: \.isNewline).map(String.init)
    let header = lines.removeFirst().split(separator: ",").map(String.init)
    return lines.map { line in
        let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return Dictionary(uniqueKeysWithValues: zip(header, fields))
    }
}
