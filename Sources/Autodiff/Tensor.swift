/// A dense row-major matrix of `rows × cols` doubles: the value (and gradient) type of the tape.
///
/// Shape errors (a `values` count that does not match, an index out of range) are programming
/// errors and stop the program with a precondition naming the operation and the shapes.
public struct Tensor: Sendable, Codable, Equatable {
    public let rows: Int
    public let cols: Int
    /// Element (r, c) is `values[r * cols + c]`.
    public var values: [Double]

    public init(rows: Int, cols: Int, values: [Double]) {
        precondition(rows >= 0 && cols >= 0, "Tensor: negative shape \(rows)×\(cols)")
        precondition(values.count == rows * cols,
                     "Tensor: \(values.count) values for a \(rows)×\(cols) tensor (expected \(rows * cols))")
        self.rows = rows
        self.cols = cols
        self.values = values
    }

    public init(rows: Int, cols: Int, repeating value: Double) {
        self.init(rows: rows, cols: cols, values: [Double](repeating: value, count: rows * cols))
    }

    /// A 1×1 tensor.
    public static func scalar(_ x: Double) -> Tensor { Tensor(rows: 1, cols: 1, values: [x]) }
    /// An n×1 column.
    public static func column(_ v: [Double]) -> Tensor { Tensor(rows: v.count, cols: 1, values: v) }
    /// A 1×n row.
    public static func row(_ v: [Double]) -> Tensor { Tensor(rows: 1, cols: v.count, values: v) }

    public var count: Int { rows * cols }
    public var shapeDescription: String { "\(rows)×\(cols)" }

    public subscript(r: Int, c: Int) -> Double {
        get {
            precondition(r >= 0 && r < rows && c >= 0 && c < cols, "Tensor[\(r), \(c)]: out of range for \(rows)×\(cols)")
            return values[r * cols + c]
        }
        set {
            precondition(r >= 0 && r < rows && c >= 0 && c < cols, "Tensor[\(r), \(c)]: out of range for \(rows)×\(cols)")
            values[r * cols + c] = newValue
        }
    }
}
