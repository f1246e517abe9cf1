import GlobalOptimization
import MigrationModel
import PhysicsInformed

/// The identification criterion of seed 002: Theil's inequality coefficient between the simulated
/// balances s and the observed balances o, pooled over all settlements and observation times,
///
///     U(θ) = √(mean (s − o)²) / (√(mean s²) + √(mean o²)) ∈ [0, 1],
///
/// where s = s(θ) is the solution of M q̈ + c q̇ + (L_K + D) q = f(t) with parameters θ from the
/// case's initial state (`FitMetrics.theilU`). 0 is a perfect fit.
///
/// A trial whose parameters are invalid (x_young ≥ x_old) or whose integration fails (a non-finite
/// state, step-size underflow) scores U = 1, the worst value U can take: a finite penalty that keeps
/// the Hölder-constant estimates of the index method finite, and that no valid trial can lose to.
public struct TheilObjective: Sendable {
    public let data: IdentificationCase
    public let space: ParameterSpace

    public init(data: IdentificationCase, space: ParameterSpace) {
        self.data = data
        self.space = space
    }

    /// The worst value of U, given to failed trials.
    public static let failureValue = 1.0

    /// One trial's outcome: U and the simulated balances, or why it failed.
    public struct Evaluation: Sendable {
        public let theilU: Double
        /// Rows times, columns settlements (nil when the trial failed).
        public let simulated: [[Double]]?
        public let failure: String?
    }

    /// U and the simulation at model parameters `p`.
    public func evaluate(_ p: ModelParameters) -> Evaluation {
        let result: SimulationResult
        do { result = try data.simulate(p) } catch {
            return Evaluation(theilU: Self.failureValue, simulated: nil, failure: "\(error)")
        }
        let s = result.balances.flatMap { $0 }
        guard s.allSatisfy(\.isFinite) else {
            return Evaluation(theilU: Self.failureValue, simulated: nil, failure: "the simulated balances are not finite")
        }
        let u = FitMetrics.theilU(observed: data.observed.flatMap { $0 }, predicted: s)
        return Evaluation(theilU: u.isFinite ? u : Self.failureValue, simulated: result.balances, failure: nil)
    }

    /// U at a point y of the search box.
    public func callAsFunction(_ y: [Double]) -> Double {
        evaluate(space.parameters(at: y, base: data.base)).theilU
    }

    /// The box-constrained problem for the optimization core.
    public var problem: OptimizationProblem {
        let objective = self
        return OptimizationProblem(name: "identify", lowerBounds: space.lowerBounds, upperBounds: space.upperBounds) { y in objective(y) }
    }
}
