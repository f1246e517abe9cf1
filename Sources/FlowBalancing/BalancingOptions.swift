/// Stopping rule shared by the balancers.
public struct BalancingOptions: Sendable, Equatable {
    /// Stop when the maximal relative margin error max |sum − target| / target is at most this.
    /// (A zero target counts its absolute error.)
    public var tolerance: Double
    /// Give up after this many full sweeps (one sweep adjusts every margin once).
    public var maxIterations: Int
    /// Before sweeping, find the cells that the margins force to zero in every solution (a set of
    /// rows that exactly fills the columns it reaches; `ForcedZeroCells`) and fix them at zero, so
    /// that RAS converges geometrically instead of approaching them like 1/sweeps.
    public var fixForcedZeros: Bool

    public init(tolerance: Double = 1e-10, maxIterations: Int = 10_000, fixForcedZeros: Bool = true) {
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.fixForcedZeros = fixForcedZeros
    }

    func validate() throws {
        guard tolerance.isFinite, tolerance > 0 else {
            throw BalancingError.invalidParameter(name: "tolerance", expected: "a positive finite number, got \(tolerance)")
        }
        guard maxIterations > 0 else {
            throw BalancingError.invalidParameter(name: "maxIterations", expected: "a positive integer, got \(maxIterations)")
        }
    }
}

/// Outcome of a balancing run: the balanced cells and how close they came to the targets.
public struct BalancingResult: Sendable, Equatable {
    /// Balanced cells, in the input's (row-major) layout.
    public let values: [Double]
    /// Sweeps performed.
    public let iterations: Int
    /// Whether `maxRelativeError` reached the tolerance.
    public let converged: Bool
    /// Maximal relative margin error over all margins after the last sweep.
    public let maxRelativeError: Double
    /// Relative error of every margin cell, margin by margin (for a matrix: rows, then columns).
    public let marginErrors: [[Double]]
    /// Cells the margins forced to zero, found before the sweeps and fixed there (RAS only).
    public internal(set) var forcedZeroCells = 0
}

/// Relative error of a margin sum against its target; absolute when the target is zero.
@inline(__always)
func relativeError(_ sum: Double, _ target: Double) -> Double {
    target > 0 ? abs(sum - target) / target : abs(sum)
}

/// Throws unless every value is finite and non-negative.
func requireNonNegativeFinite(_ values: [Double], _ what: (Int) -> String) throws {
    for (k, v) in values.enumerated() where !(v.isFinite && v >= 0) {
        throw BalancingError.invalidValue(what: what(k), value: v)
    }
}

/// Feasibility of one margin cell: target vs the sums of its fixed and free cells.
func checkMarginCell(_ name: String, target: Double, fixedSum: Double, freeSum: Double, tolerance: Double) throws {
    let slack = tolerance * max(target, fixedSum)
    if fixedSum > target + slack {
        throw BalancingError.fixedExceedTarget(margin: name, target: target, fixedSum: fixedSum)
    }
    if freeSum == 0, target - fixedSum > slack {
        throw BalancingError.noFreeCells(margin: name, target: target, fixedSum: fixedSum)
    }
}
