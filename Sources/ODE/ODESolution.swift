/// How an integration ended. Failures are thrown as `ODEError`, so a returned solution reached t₁.
public enum ODEStatus: Sendable, Equatable {
    case success
}

/// The result of `solve`: output times and states, work counters, and interpolation at any t.
///
/// Counters follow SciPy's `solve_ivp`: `rhsEvaluations` is its `nfev` (every call of the
/// right-hand side, including the initial derivative and the initial-step probe); `acceptedSteps`
/// and `rejectedSteps` count attempted steps of the integrator.
public struct ODESolution: Sendable {
    /// Length of one state vector.
    public let dimension: Int
    /// Output times (every accepted step including t₀, or the `saveAt` times).
    public let times: [Double]
    /// States at `times`, row-major: state k is `flatStates[k·dimension ..< (k+1)·dimension]`.
    public let flatStates: [Double]
    /// Time derivatives y′ at `times`, same layout (used for Hermite interpolation).
    public let flatDerivatives: [Double]
    public let rhsEvaluations: Int
    public let acceptedSteps: Int
    public let rejectedSteps: Int
    public let status: ODEStatus
    let dense: DenseOutput?

    /// The state at output index k.
    public func state(_ k: Int) -> [Double] {
        Array(flatStates[(k * dimension)..<((k + 1) * dimension)])
    }

    /// All output states as arrays (allocates; prefer `flatStates` for large runs).
    public var states: [[Double]] { (0..<times.count).map(state) }

    /// The time series of one state component at `times`.
    public func series(of component: Int) -> [Double] {
        precondition(component >= 0 && component < dimension, "component \(component) outside 0..<\(dimension)")
        return (0..<times.count).map { flatStates[$0 * dimension + component] }
    }

    /// The last output state.
    public var finalState: [Double] { state(times.count - 1) }

    /// Whether `callAsFunction` uses each step's own continuous extension (`denseOutput: true`).
    public var hasDenseOutput: Bool { dense.map { !$0.isEmpty } ?? false }

    /// The solution at any t in the time span. With `denseOutput` it evaluates the continuous
    /// extension of the step containing t (Dormand–Prince: its 4th-order extension; RK4 and Verlet:
    /// cubic Hermite); otherwise cubic Hermite interpolation between neighbouring output points.
    /// Outside the span the nearest piece is extrapolated.
    public func callAsFunction(_ t: Double) -> [Double] {
        if let dense, !dense.isEmpty { return dense.value(at: t) }
        guard times.count > 1 else { return state(0) }
        let k = segmentIndex(containing: t, in: times)
        let h = times[k + 1] - times[k]
        let n = dimension
        var r = [Double](repeating: 0, count: 4 * n)
        var result = [Double](repeating: 0, count: n)
        flatStates.withUnsafeBufferPointer { y in
            flatDerivatives.withUnsafeBufferPointer { f in
                r.withUnsafeMutableBufferPointer { rp in
                    ContinuousExtension.hermiteCoefficients(
                        n: n, h: h, y0: y.baseAddress! + k * n, y1: y.baseAddress! + (k + 1) * n,
                        f0: f.baseAddress! + k * n, f1: f.baseAddress! + (k + 1) * n, into: rp.baseAddress!)
                }
            }
        }
        r.withUnsafeBufferPointer { rp in
            result.withUnsafeMutableBufferPointer { out in
                ContinuousExtension.evaluate(n: n, count: 4, h: h, theta: (t - times[k]) / h,
                                             r: rp.baseAddress!, value: out.baseAddress!, derivative: nil)
            }
        }
        return result
    }
}
