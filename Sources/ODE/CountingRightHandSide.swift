/// A right-hand side a solver calls one point at a time, counting the calls (`CountingRightHandSide`,
/// `SplitRightHandSide`).
protocol RightHandSideEvaluator {
    /// Calls so far.
    var evaluations: Int { get }
    /// f(t, y) into `f`.
    mutating func callAsFunction(_ t: Double, _ y: UnsafePointer<Double>, into f: UnsafeMutablePointer<Double>)
}

/// Counts and forwards calls of a first-order right-hand side.
struct CountingRightHandSide: RightHandSideEvaluator {
    let rhs: ODEProblem.RightHandSide
    let dimension: Int
    private(set) var evaluations = 0

    init(_ rhs: @escaping ODEProblem.RightHandSide, dimension: Int) {
        self.rhs = rhs
        self.dimension = dimension
    }

    @inline(__always)
    mutating func callAsFunction(_ t: Double, _ y: UnsafePointer<Double>, into f: UnsafeMutablePointer<Double>) {
        evaluations += 1
        rhs(t, UnsafeBufferPointer(start: y, count: dimension), UnsafeMutableBufferPointer(start: f, count: dimension))
    }
}
