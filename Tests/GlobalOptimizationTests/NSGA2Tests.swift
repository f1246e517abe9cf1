import Foundation
import Testing
@testable import GlobalOptimization
import LinearAlgebra

/// NSGA-II on ZDT1–4 and ZDT6 with the usual budget (population 100 × 250 generations): the front's
/// hypervolume (reference (1.1, 1.1)) over the true front's exact value, for seeds 1–20.
///
/// Release runs, `migsim-bench zdt NAME 20 20 25000 clipped|bounded` (SBX η_c = 20, p_c = 0.9,
/// polynomial mutation η_m = 20, p_m = 1/n), min / median / max over seeds 1–20:
///
/// | problem | last front, clipped | archive, clipped | archive, bounded |
/// |---|---|---|---|
/// | ZDT1 | 0.9923 / 0.9928 / 0.9932 | 0.9991 / 0.9993 / 0.9993 | 0.9967 / 0.9974 / 0.9979 |
/// | ZDT2 | 0.9876 / 0.9887 / 0.9893 | 0.9987 / 0.9989 / 0.9992 | 0.9939 / 0.9953 / 0.9964 |
/// | ZDT3 | 0.9973 / 0.9976 / 0.9978 | 0.9997 / 0.9997 / 0.9998 | 0.9983 / 0.9986 / 0.9990 |
/// | ZDT4 | 0.9805 / 0.9877 / 0.9921 | 0.9856 / 0.9927 / 0.9975 (16 of 20 ≥ 0.99) | 0.9774 / 0.9930 / 0.9971 |
/// | ZDT6 | 0.9890 / 0.9898 / 0.9907 | 0.9993 / 0.9994 / 0.9996 | 0.9770 / 0.9808 / 0.9855 |
///
/// - The last population's front is capped by its 100 points: evenly spaced in f₁ on the true front
///   they give 0.9907 (ZDT2, concave) and 0.9934 (ZDT6) at best, so "within 1%" is asked of the run's
///   archive of non-dominated points (`archive: true`, what `migsim optimize` returns for two objectives).
/// - ZDT6 needs mean(x₂…x₁₀) < 10⁻¹³ (its g − 1 = 9 mean^¼ costs ≈ 2 (g − 1) of the hypervolume).
///   The bounded mutation of Deb's C code and pymoo approaches the bound xᵢ = 0 only geometrically
///   (median g − 1 = 0.0069 after 250 generations, pymoo 0.6.2 0.970–0.979 of the exact value), the
///   original clipped form lands on it (see `PolynomialMutationForm`). ZDT1–3 gain from it too; ZDT4's
///   optimum xᵢ = 0 is interior in [−5, 5], and its misses (seeds 7, 15, 19, 20) are g not yet at 1.
/// - Seeds 1–3 run always (15 runs, ~12 CPU s in a debug build); all 20 seeds, 200 runs with the
///   last fronts, take ~160 s on 2 cores with MIGSIM_FULL_ACCEPTANCE=1.
struct NSGA2Tests {
    static let reference = [1.1, 1.1]

    @Test func quickZDT1() throws {
        let truth = MultiObjectiveProblem.zdtTrueFront("zdt1", count: 2000)
        let trueVolume = try #require(MultiObjectiveProblem.zdtTrueHypervolume("zdt1", reference: Self.reference))
        let r = try NSGA2(populationSize: 100).minimize(.zdt1(), budget: OptimizationBudget(maxTrials: 6000), seed: 1)
        let hv = ParetoMetrics.hypervolume2D(r.paretoFront, reference: Self.reference)
        print("ZDT quick zdt1: HV ratio \(hv / trueVolume), IGD \(ParetoMetrics.invertedGenerationalDistance(r.paretoFront, reference: truth))")
        #expect(hv >= 0.8 * trueVolume)  // measured 0.815 at 100 × 60
        #expect(r.paretoFront.allSatisfy { $0[1] >= 1 - $0[0].squareRoot() - 1e-12 })
    }

    /// ZDT6 at 100 × 100: the clipped mutation's front is within 3% of the true front (release,
    /// seeds 1–3: 0.9735, 0.9823, 0.9855) while the bounded form's has not reached the front's
    /// region yet (0.52, 0.44, 0.53; median g − 1 ≈ 0.2).
    @Test func clippedMutationSettlesZDT6() throws {
        let trueVolume = try #require(MultiObjectiveProblem.zdtTrueHypervolume("zdt6", reference: Self.reference))
        func ratio(_ form: PolynomialMutationForm) throws -> Double {
            let r = try NSGA2(populationSize: 100, crossoverEta: 20, mutationForm: form)
                .minimize(.zdt6(), budget: OptimizationBudget(maxTrials: 10_000), seed: 1)
            return ParetoMetrics.hypervolume2D(r.paretoFront, reference: Self.reference) / trueVolume
        }
        let clipped = try ratio(.clipped), bounded = try ratio(.bounded)
        print("ZDT6 100 × 100: clipped \(clipped), bounded \(bounded)")
        #expect(clipped > 0.97 && clipped <= 1)
        #expect(bounded < 0.8)
    }

    /// Seeds 1–3 always; 1–20 (and the last fronts) with MIGSIM_FULL_ACCEPTANCE=1.
    @Test(arguments: ["zdt1", "zdt2", "zdt3", "zdt4", "zdt6"])
    func archivedFrontWithinOnePercent(name: String) throws {
        let full = ProcessInfo.processInfo.environment["MIGSIM_FULL_ACCEPTANCE"] == "1"
        let problem = try #require(MultiObjectiveProblem.zdt(name))
        let trueVolume = try #require(MultiObjectiveProblem.zdtTrueHypervolume(name, reference: Self.reference))
        let algorithm = NSGA2(populationSize: 100, crossoverEta: 20)
        var withArchive = algorithm
        withArchive.archive = true
        var ratios: [Double] = [], lastFront: [Double] = []
        for seed in UInt64(1)...(full ? 20 : 3) {
            let r = try withArchive.minimize(problem, budget: OptimizationBudget(maxTrials: 25_000), seed: seed)
            #expect(r.trials == 25_000)
            ratios.append(ParetoMetrics.hypervolume2D(r.paretoFront, reference: Self.reference) / trueVolume)
            if full {
                let last = try algorithm.minimize(problem, budget: OptimizationBudget(maxTrials: 25_000), seed: seed)
                lastFront.append(ParetoMetrics.hypervolume2D(last.paretoFront, reference: Self.reference) / trueVolume)
            }
        }
        print("ZDT \(name) archive, seeds 1–\(ratios.count): \(ratios)")
        ratios.sort(); lastFront.sort()
        #expect(ratios[ratios.count / 2] >= 0.99)                // the 1%, as the median over the seeds
        #expect(ratios[0] >= (name == "zdt4" ? 0.98 : 0.99))     // ZDT4: 16 of 20 seeds reach 0.99
        #expect(ratios.last! <= 1 + 1e-9)
        if full { #expect(lastFront[10] >= 0.985) }
    }

    @Test func archiveKeepsOnlyNonDominatedPointsSorted() {
        var a = BiObjectiveArchive()
        for f in [[0.5, 0.5], [0.4, 0.6], [0.6, 0.6], [0.5, 0.4], [0.2, 0.9], [0.2, 0.8], [0.9, 0.1], [0.5, 0.4]] { a.insert(f, f) }
        #expect(a.objectives == [[0.2, 0.8], [0.4, 0.6], [0.5, 0.4], [0.9, 0.1]])
        #expect(ParetoMetrics.nonDominated(a.objectives).count == a.objectives.count)
    }

    /// ZDT6's true front is f₂ = 1 − f₁² for f₁ ∈ [a, 1], a = min f₁ = 0.2807753…, reached non-uniformly
    /// (f₁ = 1 − e^{−4x₁} sin⁶ 6πx₁). Its exact hypervolume for the reference (1.1, 1.1) is
    /// ∫ₐ¹ (1.1 − (1 − f₁²)) df₁ + 0.1 · 1.1 = 0.1 (1 − a) + (1 − a³)/3 + 0.11 = 0.5078775.
    /// The 2000-point front the acceptance tests use is 3.3e-4 relative below it (a staircase); a
    /// 100-point front (pymoo's `pareto_front()`) gives 0.504538, 0.66% below, which inflates ratios
    /// taken against it.
    @Test func zdt6TrueFrontHypervolume() {
        let a = 0.2807753191240281
        let exact = 0.1 * (1 - a) + (1 - a * a * a) / 3 + 0.11
        #expect(abs(exact - 0.5078775146) < 1e-9)
        let f1 = { (x: Double) in 1 - exp(-4 * x) * pow(sin(6 * Double.pi * x), 6) }
        #expect(abs(f1(0.08145779687732205) - a) < 1e-9)
        #expect((0...10_000).allSatisfy { f1(Double($0) / 10_000) >= a - 1e-12 })
        let discrete = { (n: Int) in ParetoMetrics.hypervolume2D(MultiObjectiveProblem.zdtTrueFront("zdt6", count: n), reference: Self.reference) }
        #expect(discrete(2000) < exact && discrete(2000) > exact * (1 - 4e-4))
        #expect(abs(discrete(100) - 0.504538) < 1e-6)
        #expect(abs(MultiObjectiveProblem.zdtTrueHypervolume("zdt6", reference: Self.reference)! - exact) < 1e-15)
    }

    /// The closed forms (and ZDT3's 2·10⁶-point integration) against 20,000-point staircases of the true
    /// fronts, which lie below them by O(1/20,000); and against a second reference point.
    @Test func trueHypervolumes() throws {
        for name in ["zdt1", "zdt2", "zdt3", "zdt4", "zdt6"] {
            let exact = try #require(MultiObjectiveProblem.zdtTrueHypervolume(name, reference: Self.reference))
            let staircase = ParetoMetrics.hypervolume2D(MultiObjectiveProblem.zdtTrueFront(name, count: 20_000), reference: Self.reference)
            #expect(staircase <= exact && staircase > exact * (1 - 1e-4), "\(name): \(staircase) vs \(exact)")
        }
        #expect(abs(MultiObjectiveProblem.zdtTrueHypervolume("zdt1", reference: [1.1, 1.1])! - (1.21 - 1.0 / 3)) < 1e-15)
        #expect(abs(MultiObjectiveProblem.zdtTrueHypervolume("zdt2", reference: [2, 3])! - (6 - 2.0 / 3)) < 1e-15)
        // ZDT3: its front's f₁ ends at 0.8518 with f₂ = −0.7734, so r = (2, 1) adds (2 − 1.1)(1 + 0.7734) to r = (1.1, 1).
        let z3 = MultiObjectiveProblem.zdtTrueHypervolume("zdt3", reference: [1.1, 1])!
        let z3Wide = MultiObjectiveProblem.zdtTrueHypervolume("zdt3", reference: [2, 1])!
        #expect(abs(z3Wide - z3 - 0.9 * (1 + 0.773369012)) < 1e-6)
        #expect(MultiObjectiveProblem.zdtTrueHypervolume("dtlz2", reference: Self.reference) == nil)
    }

    /// The two polynomial mutation forms near the lower bound 0 of [0, 1] at η = 20: the original draws
    /// δ = (2u)^{1/21} − 1 = −0.0325 at u = ¼ and clips x = 10⁻⁹ to 0 exactly; the bounded form moves
    /// it to ≈ 2u·x. At u = ½ neither moves. Every draw stays in the box.
    @Test func polynomialMutationForms() {
        #expect(PolynomialMutationForm.clipped.mutate(1e-9, 0, 1, eta: 20, u: 0.25) == 0)
        let bounded = PolynomialMutationForm.bounded.mutate(1e-9, 0, 1, eta: 20, u: 0.25)
        #expect(abs(bounded - 0.5e-9) < 1e-15)
        #expect(abs(PolynomialMutationForm.clipped.mutate(0.5, 0, 1, eta: 20, u: 0.25) - (0.5 + pow(0.5, 1.0 / 21) - 1)) < 1e-15)
        for form in PolynomialMutationForm.allCases {
            #expect(form.mutate(0.3, -5, 5, eta: 20, u: 0.5) == 0.3)
            var rng = SeededGenerator(seed: 7)
            for _ in 0..<10_000 {
                let x = -5 + 10 * rng.nextUniform()
                let y = form.mutate(x, -5, 5, eta: 20, u: rng.nextUniform())
                #expect(y >= -5 && y <= 5)
            }
        }
    }

    @Test func hypervolumeOfASingleSquare() {
        #expect(ParetoMetrics.hypervolume2D([[0, 0]], reference: [1, 1]) == 1)
        #expect(ParetoMetrics.hypervolume2D([[0, 0.5], [0.5, 0]], reference: [1, 1]) == 0.75)
        #expect(ParetoMetrics.hypervolume2D([[2, 0]], reference: [1, 1]) == 0)
    }

    @Test func nonDominatedSortRanksAChain() {
        let fronts = ParetoMetrics.nonDominatedSort([[1, 1], [0, 2], [2, 2], [3, 3], [2, 0]])
        #expect(fronts.map { Set($0) } == [Set([0, 1, 4]), Set([2]), Set([3])])
        #expect(ParetoMetrics.crowdingDistance([[0, 2], [1, 1], [2, 0]]) == [.infinity, 2, .infinity])
    }

    @Test func rejectsAnOddPopulation() {
        #expect(throws: MetaheuristicError.self) {
            try NSGA2(populationSize: 7).minimize(.zdt1(), budget: OptimizationBudget(maxTrials: 100), seed: 1)
        }
    }
}
