/// A dense real matrix stored in row-major order.
///
/// Row-major matches how the rest of migsim thinks about data (one settlement per row) and maps
/// directly onto CBLAS with `CblasRowMajor`. Element (i, j) lives at `storage[i * columns + j]`.
public struct Matrix: Equatable, Sendable {
    public let rows: Int
    public let columns: Int
    public var storage: [Double]

    /// A `rows × columns` matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.storage = Array(repeating: value, count: rows * columns)
    }

    /// A matrix over existing row-major storage.
    public init(rows: Int, columns: Int, storage: [Double]) {
        precondition(storage.count == rows * columns,
                     "Matrix storage has \(storage.count) elements, expected \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// A matrix from nested rows; all rows must have the same length.
    public init(_ rowArrays: [[Double]]) {
        let r = rowArrays.count
        let c = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == c }, "Matrix rows have different lengths")
        self.init(rows: r, columns: c, storage: rowArrays.flatMap { $0 })
    }

    /// A matrix whose element (i, j) is `f(i, j)`.
    public init(rows: Int, columns: Int, _ f: (Int, Int) -> Double) {
        var s = [Double]()
        s.reserveCapacity(rows * columns)
        for i in 0..<rows { for j in 0..<columns { s.append(f(i, j)) } }
        self.init(rows: rows, columns: columns, storage: s)
    }

    /// The n×n identity.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m.storage[i * n + i] = 1 }
        return m
    }

    /// A square matrix with `d` on its diagonal.
    public static func diagonal(_ d: [Double]) -> Matrix {
        var m = Matrix(rows: d.count, columns: d.count)
        for i in d.indices { m.storage[i * d.count + i] = d[i] }
        return m
    }

    @inlinable
    public subscript(i: Int, j: Int) -> Double {
        get { storage[i * columns + j] }
        set { storage[i * columns + j] = newValue }
    }

    public var isSquare: Bool { rows == columns }

    /// Row `i` as an array.
    public func row(_ i: Int) -> [Double] { Array(storage[(i * columns)..<((i + 1) * columns)]) }

    /// Column `j` as an array.
    public func column(_ j: Int) -> [Double] { (0..<rows).map { storage[$0 * columns + j] } }

    /// The transpose.
    public var transposed: Matrix {
        Matrix(rows: columns, columns: rows) { i, j in self[j, i] }
    }

    /// Largest absolute element (max norm); 0 for an empty matrix.
    public var maxAbs: Double { storage.reduce(0) { max($0, abs($1)) } }
}

extension Matrix: CustomStringConvertible {
    public var description: String {
        (0..<rows).map { i in row(i).map { String($0) }.joined(separator: "  ") }.joined(separator: "\n")
    }
}
