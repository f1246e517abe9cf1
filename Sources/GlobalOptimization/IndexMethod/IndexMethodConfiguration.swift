/// Parameters of Strongin's index method (seed 002 §5; Strongin & Sergeyev, "Global Optimization with
/// Non-Convex Constraints", ch. 5–8).
public struct IndexMethodConfiguration: Sendable, Equatable, Codable {
    /// Reliability r > 1: the Hölder-constant estimate μ is multiplied by r. Larger r is slower and safer.
    public var reliability: Double
    /// Evolvent density m (bits per coordinate, 1…20).
    public var density: Int
    /// Number L of evolvents sharing all trials (rotated: 1…N(N−1)+1, formula 39; shifted: 1…density).
    public var evolventCount: Int
    /// Rotated (default) or shifted evolvents; see `EvolventFamily`.
    public var evolventFamily: EvolventFamily = .rotated
    /// Local-adaptive strength α in 0…30 (nil: purely global). See `IndexMethodCharacteristics`.
    public var localAdaptation: Double?
    /// Mixed strategy: with `localAdaptation` set, every `globalFrequency`-th iteration is a global one
    /// and the rest are local-adaptive; 0 makes every iteration local-adaptive.
    public var globalFrequency: Int
    /// Local tuning of the Hölder constant (Sergeyev 1995): each interval's own estimate from the slopes
    /// around it, the global one for the longest intervals (see `IndexMethodCharacteristics`); nil: off.
    public var localTuning: Bool?
    /// Trials per iteration p, placed in the p intervals of largest characteristic and evaluated
    /// concurrently.
    public var parallelism: Int
    /// Refine the best point with Hooke–Jeeves pattern search when the global stage stops, within the
    /// remaining trial budget.
    public var localRefinement: Bool
    /// The refinement stops when its step is below this fraction of each box side.
    public var refinementStep: Double
    /// With `localRefinement`, the share of the trial budget kept for the refinement: the global stage
    /// stops after (1 − share)·maxTrials trials at the latest (nil: 0, the global stage may use it all).
    public var refinementShare: Double?
    /// Local search during the run (nil: off): whenever an iteration of the index method improves the
    /// incumbent, a Hooke–Jeeves search starts from the new best point (first step 5% of each box side,
    /// stopping below this fraction of each side) unless that point lies within 5% of each side of where
    /// an earlier local search ended; its trials join the search information on every evolvent (at their
    /// preimages) like the method's own. A basin found by the global search is then resolved by a local
    /// method instead of by the curve, whose local convergence slows with N (Hölder exponent 1/N).
    /// `IndexMethod` and the distributed scheme (`IndexMethodPeer`, after each peer's own iterations) alike.
    public var localSearchStep: Double?
    /// With `localSearchStep`: the local search also starts, at scans during the run, from every sample
    /// minimum (`SampleMinima`: a trial in the lower half of the values that no trial within this fraction
    /// of each box side undercuts) outside the basins searched before (nil: off).
    public var sampleMinimumRadius: Double?

    public init(reliability: Double = 3, density: Int = 12, evolventCount: Int = 1,
                localAdaptation: Double? = nil, globalFrequency: Int = 0,
                parallelism: Int = 1, localRefinement: Bool = false, refinementStep: Double = 1e-7,
                refinementShare: Double? = nil, localTuning: Bool? = nil, evolventFamily: EvolventFamily = .rotated) {
        self.refinementShare = refinementShare
        self.localTuning = localTuning
        self.evolventFamily = evolventFamily
        self.reliability = reliability
        self.density = density
        self.evolventCount = evolventCount
        self.localAdaptation = localAdaptation
        self.globalFrequency = globalFrequency
        self.parallelism = parallelism
        self.localRefinement = localRefinement
        self.refinementStep = refinementStep
    }
}

extension IndexMethodConfiguration {
    /// The defaults of `migsim optimize --method index` and `migsim identify --method index`: the mixed
    /// strategy (local-adaptive α = 10, every 2nd iteration global) with local tuning of the Hölder
    /// constant and r = 12 (local tuning lowers most intervals' estimates, so r is larger than the 6 of the
    /// global estimate), one rotated evolvent of density 12, and the Hooke–Jeeves refinement (moves
    /// projected onto the box) after the global stage, with 10% of the trial budget kept for it.
    /// Chosen once for the GKLS 2-D classes as a whole (`migsim-bench gkls`), not per function: simple 2-D
    /// 100/100 in 169.6 trials on average, hard 2-D 100/100 in 444.1 (with r = 6 and the global estimate:
    /// 150.9 and 585.9).
    public static let recommended = IndexMethodConfiguration(reliability: 12, density: 12, evolventCount: 1,
                                                             localAdaptation: 10, globalFrequency: 2,
                                                             localRefinement: true, refinementStep: 1e-7,
                                                             refinementShare: 0.1, localTuning: true)

    /// The defaults of `migsim optimize --method index` (and of `migsim identify`'s index method) for an
    /// N-dimensional box, one rule per dimension measured on the GKLS classes of that dimension
    /// (`migsim-bench gkls CLASS N BUDGET …`, 100 functions a class, success = a trial within 0.01·(b − a)
    /// of x* in every coordinate, or the Δ-criterion's wider box at N = 4, 5 with `box=delta`):
    /// - N ≤ 2: `recommended` (simple 2-D 100/100 in 169.6 trials on average, hard 2-D 444.1). The local
    ///   search during the run is off: in 2-D it cost more than it saved (211.0 and 513.5 with `ls=0.001`;
    ///   219.1 and 502.0 with the searches from sample minima as well).
    /// - N = 3: r = 5 with the global Hölder estimate (no local tuning), α = 10, every 2nd iteration global,
    ///   the local search down to 0.001 of the side from each new incumbent and from the sample minima of
    ///   radius 0.15 (`r=5 alpha=10 freq=2 ls=0.001 smr=0.15`): simple 3-D 100/100 in 643.4, hard 3-D 1,155.0.
    /// - N ≥ 4: as N = 3 with r = 6: simple 4-D 3,066.9, hard 4-D 6,833.9, simple 5-D 2,705.9, hard 5-D
    ///   15,052.6; with the Δ-criterion simple 4-D 2,968.8, hard 4-D 6,717.8, simple 5-D 2,646.1, hard 5-D
    ///   14,521.6 (all 100/100; 2026-12-04).
    /// The local search resolves a basin the global search has found in tens of trials; the curve alone
    /// needed most of its trials for that (simple 3-D: a trial in the global minimizer's pit after 151
    /// trials on average, the 0.01 box after 908). Starting it only from new incumbents left a pit whose
    /// trials stay above the incumbent unsearched: on hard 5-D function 74 the curve's first trial in the
    /// global minimizer's pit came after 1,467 trials and the Δ box after 135,226; from the sample minima,
    /// after 6,421. Before the sample minima (2026-12-04): 727.4, 1,529.3, 6,806.9, 15,131.9, 6,494.9 and
    /// 38,929.4 (Δ: 4,899.1, 12,133.6, 4,724.4, 21,879.6). r, α and the radius were chosen on these classes
    /// themselves (a tuned default, one setting per dimension, not per function).
    public static func recommended(dimension: Int) -> IndexMethodConfiguration {
        guard dimension >= 3 else { return recommended }
        var c = recommended
        c.reliability = dimension == 3 ? 5 : 6
        c.localTuning = false
        c.localSearchStep = 0.001
        c.sampleMinimumRadius = 0.15
        return c
    }
}

/// Invalid index-method parameters; each case names the parameter and what was expected.
public enum IndexMethodError: Error, Equatable, CustomStringConvertible {
    case invalidParameter(name: String, value: Double, expected: String)

    public var description: String {
        switch self {
        case .invalidParameter(let name, let value, let expected):
            return "IndexMethod: parameter '\(name)' = \(value); expected \(expected)"
        }
    }
}
