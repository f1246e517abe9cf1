/// The inhomogeneity f(t) of M q̈ + C q̇ + ∇V(q) = f(t): the external force that pushes people.
public protocol Forcing: Sendable {
    var dimension: Int { get }
    /// out ← f(t) (all n components; must not allocate).
    func evaluate(at t: Double, into out: UnsafeMutablePointer<Double>)
}

/// f ≡ 0.
public struct ZeroForcing: Forcing {
    public let dimension: Int
    public init(dimension: Int) { self.dimension = dimension }
    public func evaluate(at t: Double, into out: UnsafeMutablePointer<Double>) {
        out.update(repeating: 0, count: dimension)
    }
}

/// f(t) = f₀ (constant in time).
public struct ConstantForcing: Forcing {
    public let values: [Double]
    public init(_ values: [Double]) { self.values = values }
    public var dimension: Int { values.count }
    public func evaluate(at t: Double, into out: UnsafeMutablePointer<Double>) {
        values.withUnsafeBufferPointer { out.update(from: $0.baseAddress!, count: $0.count) }
    }
}

/// f given at knots t₀ < t₁ < … < t_K, linear in between and constant beyond the ends —
/// the form a forcing CSV (`id, period, value`) takes.
public struct TabulatedForcing: Forcing {
    public let times: [Double]
    /// values[k][i] = fᵢ(t_k).
    public let values: [[Double]]
    public let dimension: Int

    public init(times: [Double], values: [[Double]]) throws(ModelError) {
        guard !times.isEmpty, times.count == values.count else {
            throw .dimensionMismatch("tabulated forcing needs one value row per knot (\(times.count) knots, \(values.count) rows)")
        }
        for k in 1..<max(1, times.count) where !(times[k] > times[k - 1]) {
            throw .invalidParameter(name: "forcing.time[\(k)]", value: times[k], expected: "knot times strictly increasing (previous \(times[k - 1]))")
        }
        let n = values[0].count
        guard values.allSatisfy({ $0.count == n }) else { throw .dimensionMismatch("tabulated forcing rows differ in length") }
        self.times = times
        self.values = values
        self.dimension = n
    }

    public func evaluate(at t: Double, into out: UnsafeMutablePointer<Double>) {
        let last = times.count - 1
        if t <= times[0] || last == 0 {
            values[0].withUnsafeBufferPointer { out.update(from: $0.baseAddress!, count: dimension) }
            return
        }
        if t >= times[last] {
            values[last].withUnsafeBufferPointer { out.update(from: $0.baseAddress!, count: dimension) }
            return
        }
        // Binary search for k with times[k] ≤ t < times[k+1].
        var lo = 0, hi = last
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if times[mid] <= t { lo = mid } else { hi = mid }
        }
        let w = (t - times[lo]) / (times[hi] - times[lo])
        values[lo].withUnsafeBufferPointer { a in
            values[hi].withUnsafeBufferPointer { b in
                for i in 0..<dimension { out[i] = (1 - w) * a[i] + w * b[i] }
            }
        }
    }
}

/// f given by a closure (tests, synthetic experiments, the fitted force network).
public struct ClosureForcing: Forcing {
    public let dimension: Int
    let body: @Sendable (Double, UnsafeMutablePointer<Double>) -> Void
    public init(dimension: Int, _ body: @escaping @Sendable (Double, UnsafeMutablePointer<Double>) -> Void) {
        self.dimension = dimension
        self.body = body
    }
    public func evaluate(at t: Double, into out: UnsafeMutablePointer<Double>) { body(t, out) }
}
