import LinearAlgebra

/// The exact integrator of the linear model m q̈ + c q̇ + K q = f(t) with K symmetric and f
/// piecewise linear in t (SPEC §2 with quadratic terms, one inertia m and one damping c).
///
/// K/m = V Λ Vᵀ (LAPACK dsytrd + dstedc, once per model, V kept factored as Q·Z:
/// `SymmetricEigenTransform`); in modal coordinates x = Vᵀq, u = Vᵀq̇,
/// g = Vᵀf/m every mode is an independent damped oscillator
///
///     ẍⱼ + (c/m) ẋⱼ + λⱼ xⱼ = gⱼ(t),
///
/// advanced over each interval between consecutive grid points (start, end, the output times and
/// the force's breakpoints, where g is affine) by its closed-form propagator `DampedOscillatorStep`.
/// No step size, no tolerance: the only errors are those of the eigendecomposition and rounding.
/// The transforms act on all rows at once: [q₀; v₀]·V, F·V (all force samples) and X·Vᵀ
/// (one gemm with Z and one dormtr each).
public struct ModalIntegrator: Sendable {
    public let inertia: Double
    public let damping: Double
    /// λⱼ, the eigenvalues of K/m (ascending).
    public let eigenvalues: [Double]
    /// V = Q·Z in factored form.
    public let modes: SymmetricEigenTransform

    /// - Parameters: m > 0, c ≥ 0 and the symmetric stiffness K (only its upper triangle is read).
    public init(inertia m: Double, damping c: Double, stiffness k: Matrix) throws {
        guard m.isFinite && m > 0 else { throw ModelError.invalidParameter(name: "inertia", value: m, expected: "a finite number > 0") }
        guard c.isFinite && c >= 0 else { throw ModelError.invalidParameter(name: "damping", value: c, expected: "a finite number ≥ 0") }
        guard k.isSquare else { throw ModelError.dimensionMismatch("stiffness is \(k.rows)×\(k.columns), expected a square matrix") }
        let eigen = try SymmetricEigenTransform(k)
        inertia = m
        damping = c
        eigenvalues = eigen.values.map { $0 / m }
        modes = eigen
    }

    /// The model's own K, m and c; nil when the model is not of this linear form (a term that is
    /// not quadratic, or settlements with different inertia).
    public init?(model: LagrangianModel) throws {
        guard let m = model.uniformInertia, let k = model.quadraticStiffness() else { return nil }
        try self.init(inertia: m, damping: model.damping, stiffness: k)
    }

    public var dimension: Int { eigenvalues.count }

    /// q(t) and q̇(t) at `outputTimes` (within [start, end], any order) from q(start) = q₀, q̇(start) = v₀.
    public func simulate(forcing: any PiecewiseLinearForcing, initialBalance q0: [Double], initialVelocity v0: [Double],
                         start: Double, end: Double, outputTimes: [Double]) throws -> SimulationResult {
        let n = dimension
        guard q0.count == n, v0.count == n else {
            throw ModelError.dimensionMismatch("initial state has \(q0.count) balances and \(v0.count) velocities for \(n) settlements")
        }
        guard forcing.dimension == n else {
            throw ModelError.dimensionMismatch("forcing has \(forcing.dimension) components for \(n) settlements")
        }
        guard start.isFinite, end.isFinite, end >= start else {
            throw ModelError.invalidParameter(name: "end", value: end, expected: "a finite time ≥ start (\(start))")
        }
        let grid = Self.grid(start: start, end: end, outputTimes: outputTimes, breakpoints: forcing.breakpoints)
        let outputIndex = outputTimes.map { t in Self.nearest(t, in: grid) }

        // Modal initial state: rows [q₀; v₀]·V.
        let state = try modes.project(Matrix(rows: 2, columns: n, storage: q0 + v0))
        var x = Array(state.storage[0..<n]), u = Array(state.storage[n..<(2 * n)])

        // Modal force at every grid point: G = F·V/m (rows grid points).
        var modalForce: Matrix? = nil
        if !forcing.isZero {
            var f = Matrix(rows: grid.count, columns: n)
            f.storage.withUnsafeMutableBufferPointer { fp in
                for (k, t) in grid.enumerated() { forcing.evaluate(at: t, into: fp.baseAddress! + k * n) }
            }
            var g = try modes.project(f)
            if inertia != 1 { for i in g.storage.indices { g.storage[i] /= inertia } }
            modalForce = g
        }

        // Propagate; record the modal state at every grid point that is an output.
        var isOutput = [Bool](repeating: false, count: grid.count)
        for k in outputIndex { isOutput[k] = true }
        var recordRow = [Int](repeating: -1, count: grid.count)
        var recorded = 0
        for k in grid.indices where isOutput[k] { recordRow[k] = recorded; recorded += 1 }
        var xs = Matrix(rows: recorded, columns: n), us = Matrix(rows: recorded, columns: n)
        var steps: [(h: Double, modes: [DampedOscillatorStep])] = []
        let c = damping / inertia
        func record(_ k: Int) {
            let r = recordRow[k]
            guard r >= 0 else { return }
            xs.storage.replaceSubrange((r * n)..<((r + 1) * n), with: x)
            us.storage.replaceSubrange((r * n)..<((r + 1) * n), with: u)
        }
        record(0)
        for k in 1..<max(1, grid.count) {
            let h = grid[k] - grid[k - 1]
            let propagators: [DampedOscillatorStep]
            if let cached = steps.first(where: { abs($0.h - h) <= 1e-14 * max(1, abs(h)) }) {
                propagators = cached.modes
            } else {
                propagators = eigenvalues.map { DampedOscillatorStep(stiffness: $0, damping: c, step: h) }
                steps.append((h, propagators))
            }
            if let g = modalForce {
                g.storage.withUnsafeBufferPointer { gp in
                    let a = gp.baseAddress! + (k - 1) * n, b = gp.baseAddress! + k * n
                    for j in 0..<n {
                        propagators[j].advance(x: &x[j], u: &u[j], force: a[j], slope: (b[j] - a[j]) / h)
                    }
                }
            } else {
                for j in 0..<n { propagators[j].advance(x: &x[j], u: &u[j], force: 0, slope: 0) }
            }
            record(k)
        }

        // Back to settlements: Q = X·Vᵀ.
        let q = try modes.reconstruct(xs), v = try modes.reconstruct(us)
        let balances = outputIndex.map { k in Array(q.storage[(recordRow[k] * n)..<((recordRow[k] + 1) * n)]) }
        let velocities = outputIndex.map { k in Array(v.storage[(recordRow[k] * n)..<((recordRow[k] + 1) * n)]) }
        return SimulationResult(times: outputTimes, balances: balances, velocities: velocities,
                                rhsEvaluations: 0, acceptedSteps: max(0, grid.count - 1), rejectedSteps: 0)
    }

    /// Sorted grid: start, end, the output times and the breakpoints strictly inside, with points
    /// closer than 1e-12·max(1, |t|) merged.
    static func grid(start: Double, end: Double, outputTimes: [Double], breakpoints: [Double]) -> [Double] {
        let inside = breakpoints.filter { $0 > start && $0 < end }
        let all = ([start, end] + outputTimes.map { min(max($0, start), end) } + inside).sorted()
        var grid: [Double] = []
        for t in all {
            if let last = grid.last, t - last <= 1e-12 * max(1, abs(t)) { continue }
            grid.append(t)
        }
        return grid
    }

    /// Index of the grid point nearest to t.
    static func nearest(_ t: Double, in grid: [Double]) -> Int {
        var lo = 0, hi = grid.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if grid[mid] <= t { lo = mid } else { hi = mid }
        }
        return abs(grid[hi] - t) < abs(grid[lo] - t) ? hi : lo
    }
}
