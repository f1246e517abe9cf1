import Testing
import LinearAlgebra
@testable import GlobalOptimization

/// §3.2: the Weber problem with negative weights; the book's three methods (and ours) end at Kazan.
struct WeberProblemTests {
    static let zAtKazan = -19_701_424.6

    @Test func objectiveAtKazanMatchesTheBook() {
        #expect(abs(WeberProblem.value(WeberProblem.kazan) - Self.zAtKazan) < 0.05)
        // Table 9 prints −1.97 (units of 10⁷).
        #expect((WeberProblem.value(WeberProblem.kazan) / 1e7 * 100).rounded() / 100 == -1.97)
    }

    /// How many of 20 seeded runs end at Kazan to the book's two decimals (within 0.005°).
    static func hits(_ method: (UInt64) -> any Optimizer, budget: Int) throws -> Int {
        var hits = 0
        for seed in UInt64(1)...20 {
            let r = try method(seed).minimize(WeberProblem.problem, budget: OptimizationBudget(maxTrials: budget, tolerance: 1e-7), seed: seed)
            let dx = r.bestPoint[0] - 49.12, dy = r.bestPoint[1] - 55.79
            if max(abs(dx), abs(dy)) < 0.005 && abs(r.bestValue - zAtKazan) < 2e-3 * abs(zAtKazan) { hits += 1 }
            #expect(r.trials <= budget)
        }
        return hits
    }

    static func randomStart(_ seed: UInt64) -> [Double] {
        var rng = SeededGenerator(seed: seed &+ 1000)
        return [40 + 25 * rng.nextUniform(), 40 + 25 * rng.nextUniform()]
    }

    /// Boltzmann and fast annealing alone end within ~0.1° of Kazan in this budget (their final steps
    /// stay large); the Nelder–Mead hybrid, like the book's Matlab runs, finishes the descent.
    @Test(arguments: SimulatedAnnealing.Schedule.allCases)
    func simulatedAnnealing(schedule: SimulatedAnnealing.Schedule) throws {
        let h = try Self.hits({ _ in SimulatedAnnealing(schedule: schedule, reannealInterval: 50, hybrid: .nelderMead) }, budget: 4000)
        print("WEBER sa-\(schedule): \(h)/20")
        #expect(h >= 18)
    }

    @Test(arguments: PatternSearch.Poll.allCases)
    func patternSearch(poll: PatternSearch.Poll) throws {
        let h = try Self.hits({ _ in PatternSearch(poll: poll, complete: false, order: .success, searchPoints: 10) }, budget: 2000)
        print("WEBER ps-\(poll): \(h)/20")
        #expect(h >= 18)
    }

    @Test func geneticAlgorithmWithHybrid() throws {
        let h = try Self.hits({ _ in GeneticAlgorithm(populationSize: 40, selection: .tournament, crossover: .blend, hybrid: .patternSearch) }, budget: 4000)
        print("WEBER ga+ps: \(h)/20")
        #expect(h >= 18)
    }

    @Test func geneticAlgorithmAdaptiveFeasible() throws {
        let h = try Self.hits({ _ in GeneticAlgorithm(populationSize: 40, mutation: .adaptiveFeasible, hybrid: .nelderMead) }, budget: 4000)
        print("WEBER ga-af+nm: \(h)/20")
        #expect(h >= 18)
    }

    @Test func continuousAntColony() throws {
        let h = try Self.hits({ _ in AntColonyContinuous() }, budget: 3000)
        print("WEBER aco-r: \(h)/20")
        #expect(h >= 18)
    }
}
