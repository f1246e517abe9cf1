/// Preallocated buffers for the stepping loops: one allocation per `solve`, none per step.
struct Workspace {
    let dimension: Int
    private let storage: UnsafeMutablePointer<Double>
    private let count: Int

    /// `vectors` buffers of `dimension` numbers each, zero-initialized.
    init(dimension: Int, vectors: Int) {
        self.dimension = dimension
        self.count = dimension * vectors
        storage = .allocate(capacity: count)
        storage.initialize(repeating: 0, count: count)
    }

    /// Buffer number `index` (a vector of `dimension` numbers; several consecutive ones form a block).
    func vector(_ index: Int) -> UnsafeMutablePointer<Double> { storage + index * dimension }

    func deallocate() { storage.deallocate() }
}

/// Counts and forwards calls of a first-order right-hand side.
struct CountingRightHandSide {
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

/// Index of the first non-finite component of `v`, or nil.
@inline(__always)
func firstNonFinite(_ v: UnsafePointer<Double>, _ n: Int) -> Int? {
    for i in 0..<n where !v[i].isFinite { return i }
    return nil
}

/// The fixed-step grid t₀ + k·h, k = 0…N, whose last node is moved to t₁ exactly
/// (N = ⌈(t₁ − t₀)/h⌉, ignoring a last piece shorter than 10⁻⁹·h caused by rounding).
struct FixedStepGrid {
    let start: Double
    let end: Double
    let step: Double
    let count: Int

    init(span: (Double, Double), step: Double) throws {
        guard step.isFinite, step > 0 else {
            throw ODEError.invalidOption(name: "step", value: step, expected: "a finite step > 0")
        }
        start = span.0
        end = span.1
        self.step = step
        let ratio = (span.1 - span.0) / step
        let nearest = ratio.rounded()
        let steps = abs(ratio - nearest) <= 1e-9 * max(1, ratio) ? nearest : ratio.rounded(.up)
        count = max(1, Int(steps))
    }

    func node(_ k: Int) -> Double { k >= count ? end : start + Double(k) * step }
}

/// A first-order method `solve(_:_:options:)` can run.
public protocol FirstOrderAlgorithm {
    /// Integrates `problem` with already validated `options`.
    func integrate(_ problem: ODEProblem, options: SolverOptions) throws -> ODESolution
}

/// Solves y′ = f(t, y) on the problem's time span with `algorithm`.
public func solve(_ problem: ODEProblem, _ algorithm: some FirstOrderAlgorithm,
                  options: SolverOptions = .init()) throws -> ODESolution {
    try options.validate(dimension: problem.dimension, span: problem.timeSpan)
    for (i, y) in problem.initialState.enumerated() where !y.isFinite {
        throw ODEError.nonFiniteState(time: problem.timeSpan.0, component: i)
    }
    return try algorithm.integrate(problem, options: options)
}
