/// A box-constrained minimization problem: minimize f(x) over a ≤ x ≤ b subject to gⱼ(x) ≤ 0.
///
/// One interface for every method of the optimization core (index method, metaheuristics,
/// local methods), in the spirit of pymoo's Problem. Constraints are evaluated in order, which is
/// what the index scheme of Strongin's method needs (stop at the first violated one).
public struct OptimizationProblem: Sendable {
    public let name: String
    public let lowerBounds: [Double]
    public let upperBounds: [Double]
    public let objective: @Sendable ([Double]) -> Double
    /// Inequality constraints gⱼ(x) ≤ 0 (feasible when every value is ≤ 0).
    public let constraints: [@Sendable ([Double]) -> Double]
    /// The known global minimum value, when the problem is a test problem with one.
    public let knownMinimum: Double?
    /// A known global minimizer, when there is one.
    public let knownMinimizer: [Double]?

    public var dimension: Int { lowerBounds.count }

    public init(name: String = "problem", lowerBounds: [Double], upperBounds: [Double],
                constraints: [@Sendable ([Double]) -> Double] = [],
                knownMinimum: Double? = nil, knownMinimizer: [Double]? = nil,
                objective: @escaping @Sendable ([Double]) -> Double) {
        precondition(lowerBounds.count == upperBounds.count, "OptimizationProblem: bounds differ in length")
        precondition(zip(lowerBounds, upperBounds).allSatisfy { $0 < $1 }, "OptimizationProblem: need lower < upper")
        self.name = name
        self.lowerBounds = lowerBounds
        self.upperBounds = upperBounds
        self.constraints = constraints
        self.knownMinimum = knownMinimum
        self.knownMinimizer = knownMinimizer
        self.objective = objective
    }
}

/// A box-constrained problem with several objectives to minimize at once (Pareto sense).
public struct MultiObjectiveProblem: Sendable {
    public let name: String
    public let lowerBounds: [Double]
    public let upperBounds: [Double]
    public let objectiveCount: Int
    public let objectives: @Sendable ([Double]) -> [Double]
    public let constraints: [@Sendable ([Double]) -> Double]

    public var dimension: Int { lowerBounds.count }

    public init(name: String = "problem", lowerBounds: [Double], upperBounds: [Double], objectiveCount: Int,
                constraints: [@Sendable ([Double]) -> Double] = [],
                objectives: @escaping @Sendable ([Double]) -> [Double]) {
        precondition(lowerBounds.count == upperBounds.count, "MultiObjectiveProblem: bounds differ in length")
        self.name = name
        self.lowerBounds = lowerBounds
        self.upperBounds = upperBounds
        self.objectiveCount = objectiveCount
        self.constraints = constraints
        self.objectives = objectives
    }
}
