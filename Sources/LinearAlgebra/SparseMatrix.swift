/// A sparse matrix in compressed sparse row (CSR) form.
///
/// Row i's non-zeros are `values[rowPointers[i]..<rowPointers[i+1]]` in columns
/// `columnIndices[...]`, sorted by column. Used for k-nearest-neighbour coupling of tens of
/// thousands of settlements, where a dense n×n matrix would not fit.
public struct SparseMatrix: Equatable, Sendable {
    public let rows: Int
    public let columns: Int
    public let rowPointers: [Int]
    public let columnIndices: [Int]
    public let values: [Double]

    public var nonZeroCount: Int { values.count }

    /// Builds a CSR matrix from (row, column, value) triplets; duplicates are summed.
    public init(rows: Int, columns: Int, triplets: [(row: Int, column: Int, value: Double)]) {
        self.rows = rows
        self.columns = columns
        let sorted = triplets.sorted { ($0.row, $0.column) < ($1.row, $1.column) }
        var ptr = [Int](repeating: 0, count: rows + 1)
        var cols = [Int](), vals = [Double]()
        cols.reserveCapacity(sorted.count); vals.reserveCapacity(sorted.count)
        var lastRow = -1, lastCol = -1
        for t in sorted {
            precondition(t.row >= 0 && t.row < rows && t.column >= 0 && t.column < columns,
                         "SparseMatrix: entry (\(t.row), \(t.column)) outside \(rows)×\(columns)")
            if t.row == lastRow && t.column == lastCol {
                vals[vals.count - 1] += t.value
            } else {
                cols.append(t.column); vals.append(t.value)
                ptr[t.row + 1] += 1
                lastRow = t.row; lastCol = t.column
            }
        }
        for i in 0..<rows { ptr[i + 1] += ptr[i] }
        self.rowPointers = ptr
        self.columnIndices = cols
        self.values = vals
    }

    /// Builds a CSR matrix from already compressed arrays (validated).
    public init(rows: Int, columns: Int, rowPointers: [Int], columnIndices: [Int], values: [Double]) {
        precondition(rowPointers.count == rows + 1 && rowPointers.first == 0 && rowPointers.last == values.count,
                     "SparseMatrix: inconsistent row pointers")
        precondition(columnIndices.count == values.count, "SparseMatrix: indices and values differ in length")
        self.rows = rows; self.columns = columns
        self.rowPointers = rowPointers; self.columnIndices = columnIndices; self.values = values
    }

    /// The dense equivalent (for tests and small problems).
    public var dense: Matrix {
        var m = Matrix(rows: rows, columns: columns)
        for i in 0..<rows {
            for p in rowPointers[i]..<rowPointers[i + 1] { m[i, columnIndices[p]] += values[p] }
        }
        return m
    }

    /// y ← A·x (allocation-free; raw buffers so ODE right-hand sides can pass state slices).
    @inlinable
    public func multiply(_ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>) {
        rowPointers.withUnsafeBufferPointer { rp in
            columnIndices.withUnsafeBufferPointer { cp in
                values.withUnsafeBufferPointer { vp in
                    for i in 0..<rows {
                        var s = 0.0
                        var p = rp[i]
                        let end = rp[i + 1]
                        while p < end { s += vp[p] * x[cp[p]]; p += 1 }
                        y[i] = s
                    }
                }
            }
        }
    }

    /// A·x on arrays.
    public func multiply(_ x: [Double]) -> [Double] {
        precondition(x.count == columns, "SparseMatrix.multiply: x has \(x.count) entries, expected \(columns)")
        var y = [Double](repeating: 0, count: rows)
        x.withUnsafeBufferPointer { xp in y.withUnsafeMutableBufferPointer { multiply(xp.baseAddress!, into: $0.baseAddress!) } }
        return y
    }
}
