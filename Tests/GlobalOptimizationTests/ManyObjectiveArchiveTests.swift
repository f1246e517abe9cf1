import Foundation
import Testing
@testable import GlobalOptimization
import LinearAlgebra

/// The non-dominated archive and the exact hypervolume for any number of objectives, and NSGA-II's archive
/// on DTLZ2 with three objectives (true front: the unit sphere's positive orthant; for the reference
/// (1.1, 1.1, 1.1) its hypervolume is 1.1³ − π/6 = 0.8074012).
struct ManyObjectiveArchiveTests {
    /// Inclusion–exclusion over the subsets: the volume of the union of the boxes [pᵢ, r] is
    /// Σ_{S ≠ ∅} (−1)^{|S|+1} ∏ₖ (rₖ − max_{i∈S} pᵢₖ)⁺.
    static func inclusionExclusion(_ points: [[Double]], reference r: [Double]) -> Double {
        var total = 0.0
        for mask in 1..<(1 << points.count) {
            var corner = Array(repeating: -Double.infinity, count: r.count)
            var size = 0
            for i in points.indices where mask & (1 << i) != 0 {
                size += 1
                for k in r.indices { corner[k] = max(corner[k], points[i][k]) }
            }
            let volume = r.indices.reduce(1.0) { $0 * max(0, r[$1] - corner[$1]) }
            total += size % 2 == 1 ? volume : -volume
        }
        return total
    }

    @Test func hypervolumeAgainstInclusionExclusion() {
        #expect(ParetoMetrics.hypervolume([[0, 0, 0.5], [0.5, 0.5, 0]], reference: [1, 1, 1]) == 0.625)
        #expect(ParetoMetrics.hypervolume([[2, 0, 0]], reference: [1, 1, 1]) == 0)
        var rng = SeededGenerator(seed: 11)
        for m in [3, 4, 5] {
            for _ in 0..<20 {
                let points = (0..<7).map { _ in (0..<m).map { _ in rng.nextUniform() } }
                let reference = Array(repeating: 1.0, count: m)
                let exact = Self.inclusionExclusion(points, reference: reference)
                #expect(abs(ParetoMetrics.hypervolume(points, reference: reference) - exact) < 1e-12, "M = \(m): \(points)")
            }
        }
        // Two objectives go through the staircase.
        #expect(ParetoMetrics.hypervolume([[0.2, 0.8], [0.6, 0.3]], reference: [1, 1]) == ParetoMetrics.hypervolume2D([[0.2, 0.8], [0.6, 0.3]], reference: [1, 1]))
    }

    @Test func archiveKeepsTheNonDominatedPointsOfThreeObjectives() {
        var a = ParetoArchive(objectiveCount: 3)
        let inserted: [[Double]] = [[1, 1, 1], [0, 2, 2], [2, 0, 2], [1, 1, 1], [0.5, 0.5, 0.5], [3, 3, 0], [3, 3, 1], [inf, 0, 0]]
        for f in inserted { a.insert(f, f) }
        #expect(a.members.objectives == [[0, 2, 2], [2, 0, 2], [0.5, 0.5, 0.5], [3, 3, 0]])
        #expect(a.members.points == a.members.objectives)
    }
    static let inf = Double.infinity
    var inf: Double { Self.inf }

    @Test func dtlz2TrueHypervolume() {
        #expect(abs(MultiObjectiveProblem.dtlz2TrueHypervolume(reference: [1.1, 1.1, 1.1]) - (1.331 - Double.pi / 6)) < 1e-15)
        #expect(abs(MultiObjectiveProblem.dtlz2TrueHypervolume(reference: [1, 1]) - (1 - Double.pi / 4)) < 1e-15)
        // A dense sample of the front (spherical grid) approaches it from below.
        var front: [[Double]] = []
        let k = 120
        for i in 0...k {
            for j in 0...k {
                let a = Double(i) / Double(k) * Double.pi / 2, b = Double(j) / Double(k) * Double.pi / 2
                front.append([cos(a) * cos(b), cos(a) * sin(b), sin(a)])
            }
        }
        let sampled = ParetoMetrics.hypervolume(front, reference: [1.1, 1.1, 1.1])
        let exact = MultiObjectiveProblem.dtlz2TrueHypervolume(reference: [1.1, 1.1, 1.1])
        #expect(sampled < exact && sampled > 0.99 * exact, "\(sampled) vs \(exact)")
    }

    /// NSGA-II (population 100, SBX η_c = 20) with the archive of every evaluated point, DTLZ2 (M = 3,
    /// n = 12): the hypervolume over the true front's, median over the seeds. Issue 19 asks for 1%
    /// (0.99). At 25,000 evaluations the archive is ~2% short (seeds 1–10, 2026-12-03: median 0.9813;
    /// its median distance to the front g ≈ 0.0045 alone costs ≈ 0.9%, d HV/dg = π/2 at the sphere);
    /// at 100,000 evaluations (`migsim optimize --builtin dtlz2 --method nsga2 --budget 100000`: η_c = 15, release
    /// build, 2026-12-03) seeds 1–10 give 0.99062, 0.99065, 0.99057, 0.99039, 0.99034, 0.99089, 0.99089,
    /// 0.99038, 0.99049, 0.99067 (median 0.9906): within 1%. The always-on test runs seeds 1–3 at 25,000
    /// (≥ 0.98); MIGSIM_FULL_ACCEPTANCE=1 runs seeds 1–10 at 100,000 and asks for the 1%.
    @Test func nsga2ArchiveOnDTLZ2WithinOnePercentAt100000Evaluations() throws {
        let full = ProcessInfo.processInfo.environment["MIGSIM_FULL_ACCEPTANCE"] == "1"
        let reference = [1.1, 1.1, 1.1]
        let exact = MultiObjectiveProblem.dtlz2TrueHypervolume(reference: reference)
        // The full run uses the command line's NSGA-II (η_c = 15), whose figures are quoted above.
        let algorithm = full ? NSGA2(populationSize: 100, archive: true) : NSGA2(populationSize: 100, crossoverEta: 20, archive: true)
        let budget = full ? 100_000 : 25_000
        var ratios: [Double] = []
        for seed in UInt64(1)...(full ? 10 : 3) {
            let r = try algorithm.minimize(.dtlz2(), budget: OptimizationBudget(maxTrials: budget), seed: seed)
            #expect(r.trials == budget)
            #expect(ParetoMetrics.nonDominated(Array(r.paretoFront.prefix(300))).count == min(300, r.paretoFront.count))
            ratios.append(ParetoMetrics.hypervolume(r.paretoFront, reference: reference) / exact)
        }
        print("DTLZ2 archive, seeds 1–\(ratios.count): \(ratios)")
        ratios.sort()
        #expect(ratios[ratios.count / 2] >= (full ? 0.99 : 0.98))
        #expect(ratios.last! <= 1 + 1e-9)
    }
}
