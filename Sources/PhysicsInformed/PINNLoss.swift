import Autodiff
import Foundation
import LinearAlgebra
import MigrationModel

/// The PINN loss of SPEC §4.3 as a function of one flat parameter vector
///
///     θ = [ θ_u (solution network) | θ_F (force network) | b (settlement effects, features only) |
///           log α, log γ, log β, log δ, log c, log m ]
///
/// The force is either forecastable, F_i(t) = s_F·(g_φ(zᵢ(t)) + bᵢ) with g_φ a network shared by all
/// settlements over their standardized features zᵢ(t) (`ForceFeatures`) and bᵢ a settlement effect,
/// or — without features — a network of time alone, F(t) = s_F·G_φ(τ), a diagnostic that cannot be
/// carried beyond the data.
///
/// evaluated on a fresh reverse-mode tape: value and gradient in one pass. u̇ and ü come from the
/// Taylor-mode forward pass of the solution network (`MLP.forwardWithTimeDerivatives`), so the
/// physics residual
///
///     R(t_c) = m·ü + c·u̇ + (L_K + D)·u − F,   K_ij = α·(1 + d_ij/d₀)^(−γ) + β·S_ij,  D = diag(δ(1 − A_i))
///
/// is differentiable with respect to every weight and physical parameter. Parameters that are not
/// learned enter as constants (their gradient entries are zero). In the sparse layout
/// (n > `dense_limit`, `PINNCoupling.sparse`) K lives on the k-nearest-neighbour pairs and L_K·u
/// is formed pair by pair (`graphLaplacian`): an evaluation costs O(N·(pairs + n·width)), not O(N·n²).
///
/// A learned parameter is kept in its bounds [l, u] (`PINNConfiguration.bounds(of:)`) by the
/// penalty w_b·(max(0, ln p − ln u)² + max(0, ln l − ln p)²), w_b = `boundPenalty`: zero inside
/// the box, so a fit that never reaches a bound is the unconstrained one bit for bit; at a bound
/// the overshoot is ~|∂L/∂ln p|/(2w_b), and `physicalParameters` clamps it.
public struct PINNLoss: Sendable {
    public let problem: PINNProblem
    public let configuration: PINNConfiguration
    public let solutionNetwork: MLP
    public let forceNetwork: MLP
    public let normalization: Normalization
    /// Collocation times (decimal years) and their interpolated observations.
    public let collocationTimes: [Double]
    let tauObservations: Tensor          // K×1
    let targetObservations: Tensor       // K×n, (q − μ)/σ
    let tauCollocation: Tensor           // N×1
    let targetInterpolation: Tensor      // N×n, (s(t) − μ)/σ
    let coupling: CouplingTensors
    let immobility: Tensor               // 1×n, 1 − A_i
    let means: Tensor                    // 1×n
    /// Feature inputs at the collocation points, settlement-major: row i·N + c (n·N × d).
    let forceInputs: Tensor?

    /// The coupling's constant tensors: n×n for all pairs, or one entry per coupled pair with the
    /// pairs' pattern.
    enum CouplingTensors: Sendable {
        /// Λ_ij = ln(1 + d_ij/d₀) (zero diagonal), the off-diagonal mask and S, each n×n.
        case dense(logDistanceKernel: Tensor, offDiagonal: Tensor, similarity: Tensor)
        /// Λ_e and S_e for each coupled pair e (1×E) and the pairs themselves.
        case sparse(pattern: EdgePattern, logDistance: Tensor, similarity: Tensor)
    }

    /// Whether the force is the forecastable one of features and settlement effects.
    public var hasFeatureForce: Bool { forceInputs != nil }
    /// Number of settlement effects bᵢ in θ (n with features, 0 for the time-only force).
    public var effectCount: Int { hasFeatureForce ? problem.count : 0 }
    public var effectOffset: Int { solutionNetwork.parameterCount + forceNetwork.parameterCount }
    public var parameterCount: Int { physicalOffset + PhysicalParameter.allCases.count }
    public var physicalOffset: Int { effectOffset + effectCount }

    public init(problem: PINNProblem, configuration: PINNConfiguration) throws {
        try configuration.validate()
        let n = problem.count
        let norm = Normalization(times: problem.times, observations: problem.observations, parameters: problem.parameters,
                                 timeInputScale: configuration.timeInputScale)
        normalization = norm
        self.problem = problem
        self.configuration = configuration
        solutionNetwork = MLP(layerSizes: [1] + configuration.solutionHidden + [n], activation: configuration.activation)
        if let features = problem.forceFeatures {
            forceNetwork = MLP(layerSizes: [features.count] + configuration.forceHidden + [1], activation: configuration.activation)
        } else {
            guard !configuration.forceHidden.isEmpty else {
                throw PhysicsInformedError.invalidConfiguration(key: "force_hidden", value: "[]",
                    expected: "at least one hidden layer for the force of time (a linear force, [], needs features)")
            }
            forceNetwork = MLP(layerSizes: [1] + configuration.forceHidden + [n], activation: configuration.activation)
        }

        let times = problem.times
        tauObservations = Tensor.column(times.map(norm.tau))
        var target = [Double](); target.reserveCapacity(times.count * n)
        for row in problem.observations { for i in 0..<n { target.append((row[i] - norm.means[i]) / norm.scale) } }
        targetObservations = Tensor(rows: times.count, cols: n, values: target)

        // Collocation: `per` evenly spaced points in each observation interval, plus the last time.
        let per = configuration.collocationPerInterval
        var tc = [Double]()
        for k in 0..<(times.count - 1) {
            for j in 0..<per { tc.append(times[k] + (times[k + 1] - times[k]) * Double(j) / Double(per)) }
        }
        tc.append(times[times.count - 1])
        collocationTimes = tc
        tauCollocation = Tensor.column(tc.map(norm.tau))
        var interp = [Double](repeating: 0, count: tc.count * n)
        for i in 0..<n {
            let spline = try CubicSpline(knots: times, values: problem.observations.map { $0[i] })
            for (c, t) in tc.enumerated() { interp[c * n + i] = (spline(t) - norm.means[i]) / norm.scale }
        }
        targetInterpolation = Tensor(rows: tc.count, cols: n, values: interp)

        let d0 = problem.parameters.distanceScale
        switch problem.coupling {
        case .dense(let distances, let similarity):
            var lam = [Double](repeating: 0, count: n * n), mask = [Double](repeating: 0, count: n * n)
            var sim = [Double](repeating: 0, count: n * n)
            for i in 0..<n {
                for j in 0..<n where j != i {
                    lam[i * n + j] = Foundation.log1p(distances[i, j] / d0)
                    mask[i * n + j] = 1
                    sim[i * n + j] = similarity[i, j]
                }
            }
            coupling = .dense(logDistanceKernel: Tensor(rows: n, cols: n, values: lam), offDiagonal: Tensor(rows: n, cols: n, values: mask),
                              similarity: Tensor(rows: n, cols: n, values: sim))
        case .sparse(_, let pairs):
            coupling = .sparse(pattern: EdgePattern(nodeCount: n, pairs: pairs.map { ($0.i, $0.j) }),
                               logDistance: Tensor.row(pairs.map { Foundation.log1p($0.kilometres / d0) }),
                               similarity: Tensor.row(pairs.map(\.similarity)))
        }
        immobility = Tensor.row(problem.mobility.map { 1 - $0 })
        means = Tensor.row(norm.means)
        if let features = problem.forceFeatures {
            let d = features.count, nc = tc.count
            var x = [Double](repeating: 0, count: n * nc * d)
            for (c, t) in tc.enumerated() {
                let z = features.inputs(at: t)
                for i in 0..<n { for j in 0..<d { x[(i * nc + c) * d + j] = z[i][j] } }
            }
            forceInputs = Tensor(rows: n * nc, cols: d, values: x)
        } else {
            forceInputs = nil
        }
    }

    /// Weight of the bound penalty (normalized loss units per (ln overshoot)²).
    public static let boundPenalty = 1e4

    /// The starting θ: Glorot-initialized networks (seeded) and the logarithms of the configured
    /// physical parameters (a parameter configured as 0 and learned starts at 10⁻²; a learned one
    /// outside its bounds starts at the nearer bound).
    public func initialParameters() -> [Double] {
        var theta = solutionNetwork.initialParameters(seed: configuration.seed)
        theta += forceNetwork.initialParameters(seed: configuration.seed &+ 0x9E37_79B9_7F4A_7C15)
        theta += [Double](repeating: 0, count: effectCount)
        for p in PhysicalParameter.allCases {
            let v = p.value(in: problem.parameters)
            let start = v > 0 ? v : 1e-2
            theta.append(Foundation.log(configuration.learned.contains(p) ? configuration.bounds(of: p).clamped(start) : start))
        }
        return theta
    }

    /// The bound penalty's value and its gradient entries (at the physical offsets of θ).
    func boundPenalty(_ theta: [Double]) -> (value: Double, gradient: [(index: Int, value: Double)]) {
        var value = 0.0, gradient: [(Int, Double)] = []
        for (k, q) in PhysicalParameter.allCases.enumerated() where configuration.learned.contains(q) {
            let b = configuration.bounds(of: q), x = theta[physicalOffset + k]
            let over = x - Foundation.log(b.upper), under = Foundation.log(b.lower) - x
            if over > 0 {
                value += PINNLoss.boundPenalty * over * over
                gradient.append((physicalOffset + k, 2 * PINNLoss.boundPenalty * over))
            } else if under > 0 {
                value += PINNLoss.boundPenalty * under * under
                gradient.append((physicalOffset + k, -2 * PINNLoss.boundPenalty * under))
            }
        }
        return (value, gradient)
    }

    /// The physical parameters encoded in θ (learned ones from θ, clamped to their bounds; the
    /// others from the configuration).
    public func physicalParameters(_ theta: [Double]) -> ModelParameters {
        var p = problem.parameters
        for (k, q) in PhysicalParameter.allCases.enumerated() where configuration.learned.contains(q) {
            p = q.setting(configuration.bounds(of: q).clamped(Foundation.exp(theta[physicalOffset + k])), in: p)
        }
        return p
    }

    /// The loss terms, for reporting.
    public struct Terms: Sendable, Equatable, Codable {
        public var data: Double, physics: Double, interpolation: Double, smoothness: Double, weightDecay: Double
        /// The bound penalty (0 inside the bounds; absent from artifacts written before it existed).
        public var bounds: Double?
        public var total: Double
    }

    /// Value and gradient of the loss at θ.
    public func valueAndGradient(_ theta: [Double]) -> (value: Double, gradient: [Double]) {
        let tape = Tape()
        let (loss, _) = record(theta, on: tape)
        tape.backward(loss.value)
        var value = loss.value.value.values[0], gradient = tape.gradient(loss.theta).values
        let penalty = boundPenalty(theta)
        if penalty.value > 0 {
            value += penalty.value
            for (i, g) in penalty.gradient { gradient[i] += g }
        }
        return (value, gradient)
    }

    /// The loss and its separate terms at θ (no gradient).
    public func terms(_ theta: [Double]) -> Terms {
        let tape = Tape()
        var t = record(theta, on: tape).terms
        let penalty = boundPenalty(theta).value
        if penalty > 0 { t.bounds = penalty; t.total += penalty }
        return t
    }

    /// The scaled physics residual R/s_F at the collocation points, collocation-major
    /// (entry c·n + i is settlement i at collocation time c).
    public func physicsResidual(_ theta: [Double]) -> [Double] {
        let tape = Tape()
        let recorded = record(theta, on: tape).0
        return recorded.scaledResidual.value.values
    }

    struct Recorded { let value: Variable; let theta: Variable; let scaledResidual: Variable }

    func record(_ theta: [Double], on tape: Tape) -> (Recorded, terms: Terms) {
        precondition(theta.count == parameterCount, "θ has \(theta.count) entries, the fit has \(parameterCount)")
        let norm = normalization, w = configuration.weights
        let th = tape.variable(Tensor(rows: 1, cols: theta.count, values: theta))
        let pu = solutionNetwork.parameterCount, pf = forceNetwork.parameterCount
        let thetaU = slice(th, offset: 0, rows: 1, cols: pu)
        let thetaF = slice(th, offset: pu, rows: 1, cols: pf)

        func physical(_ q: PhysicalParameter) -> Variable {
            let k = PhysicalParameter.allCases.firstIndex(of: q)!
            if configuration.learned.contains(q) { return exp(slice(th, offset: physicalOffset + k, rows: 1, cols: 1)) }
            return tape.constant(.scalar(q.value(in: problem.parameters)))
        }
        let alpha = physical(.alpha), gamma = physical(.gamma), beta = physical(.beta)
        let delta = physical(.delta), damping = physical(.damping), inertia = physical(.inertia)

        // Data term at the observation times.
        let nObs = solutionNetwork.forward(tape.constant(tauObservations), parameters: thetaU)
        let dataTerm = mean(square(nObs - tape.constant(targetObservations)))

        // Solution and its time derivatives at the collocation points (network units).
        let jet = solutionNetwork.forwardWithTimeDerivatives(tape.constant(tauCollocation), parameters: thetaU)
        let interpTerm = mean(square(jet.value - tape.constant(targetInterpolation)))
        let sigma = norm.scale, bigT = norm.timeScale, sF = norm.forceScale
        let u = tape.constant(means) + sigma * jet.value
        let uDot = (sigma / bigT) * jet.first
        let uDDot = (sigma / (bigT * bigT)) * jet.second

        // Coupling K = α·exp(−γ·Λ)∘offdiag + β·S; (L_K u)_i = u_i Σ_j K_ij − Σ_j K_ij u_j (K symmetric).
        let laplacianU: Variable
        switch coupling {
        case let .dense(logDistanceKernel, offDiagonal, similarity):
            let kDistance = alpha * (exp(-(gamma * tape.constant(logDistanceKernel))) * tape.constant(offDiagonal))
            let k = kDistance + beta * tape.constant(similarity)
            laplacianU = u * sumRows(k) - matmul(u, k)
        case let .sparse(pattern, logDistance, similarity):
            // The same K on the coupled pairs only: one weight per pair, O(N·pairs).
            let w = alpha * exp(-(gamma * tape.constant(logDistance))) + beta * tape.constant(similarity)
            laplacianU = graphLaplacian(u, weights: w, pattern: pattern)
        }
        let ageU = delta * (u * tape.constant(immobility))

        let force: Variable, smoothTerm: Variable
        if let inputs = forceInputs {
            // g_φ over every (settlement, collocation point), reshaped to N×n, plus the effects bᵢ.
            let nc = tauCollocation.rows, n = problem.count
            let flat = forceNetwork.forward(tape.constant(inputs), parameters: thetaF)
            let effects = slice(th, offset: effectOffset, rows: 1, cols: n)
            force = sF * (transpose(slice(flat, offset: 0, rows: n, cols: nc)) + effects)
            smoothTerm = tape.constant(.scalar(0))   // piecewise-constant inputs: no time derivative to penalize
        } else {
            let forceJet = forceNetwork.forwardWithTimeDerivatives(tape.constant(tauCollocation), parameters: thetaF)
            force = sF * forceJet.value
            smoothTerm = mean(square(forceJet.second))
        }
        let residual = inertia * uDDot + damping * uDot + laplacianU + ageU - force
        let scaledResidual = (1 / sF) * residual
        let physicsTerm = mean(square(scaledResidual))
        let decay = sum(square(thetaU)) + sum(square(thetaF))

        var total = w.data * dataTerm + w.physics * physicsTerm
        if w.interpolation > 0 { total = total + w.interpolation * interpTerm }
        if w.forceSmoothness > 0 && !hasFeatureForce { total = total + w.forceSmoothness * smoothTerm }
        if w.weightDecay > 0 { total = total + w.weightDecay * decay }
        let terms = Terms(data: dataTerm.value.values[0], physics: physicsTerm.value.values[0],
                          interpolation: interpTerm.value.values[0], smoothness: smoothTerm.value.values[0],
                          weightDecay: decay.value.values[0], bounds: nil, total: total.value.values[0])
        return (Recorded(value: total, theta: th, scaledResidual: scaledResidual), terms)
    }
}
