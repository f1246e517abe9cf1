import Testing
import Autodiff
import Foundation
import LinearAlgebra

/// f(x, y) = (1 − x)² + 100 (y − x²)², minimum 0 at (1, 1).
func rosenbrock(_ p: [Double]) -> (value: Double, gradient: [Double]) {
    let (x, y) = (p[0], p[1])
    let r = y - x * x
    return ((1 - x) * (1 - x) + 100 * r * r, [-2 * (1 - x) - 400 * x * r, 200 * r])
}

/// Least squares of an MLP on y = sin(2πx) + N(0, 0.05²) at 64 seeded points in [0, 1].
struct NoisySineFit {
    static let noise = 0.05
    let net = MLP(layerSizes: [1, 12, 12, 1])
    let x: Tensor, y: Tensor

    init() {
        var rng = SeededGenerator(seed: 2024)
        let xs = (0..<64).map { Double($0) / 63 }
        x = .column(xs)
        y = .column(xs.map { sin(2 * Double.pi * $0) + Self.noise * rng.nextGaussian() })
    }

    /// Mean squared distance of the fitted curve from the noise-free sin(2πx) at the 64 points.
    func truthError(_ θ: [Double]) -> Double {
        let u = net.evaluate(x, parameters: θ).values
        return zip(u, x.values).reduce(0) { $0 + pow($1.0 - sin(2 * Double.pi * $1.1), 2) } / Double(u.count)
    }

    func loss(_ θ: [Double]) -> (value: Double, gradient: [Double]) {
        let tape = Tape()
        let parameters = tape.variable(.row(θ))
        let loss = mean(square(net.forward(tape.constant(x), parameters: parameters) - tape.constant(y)))
        tape.backward(loss)
        return (loss.value.values[0], tape.gradient(parameters).values)
    }
}

@Suite struct OptimizerTests {
    @Test func lbfgsSolvesRosenbrock() {
        let result = LBFGS.minimize([-1.2, 1], objective: rosenbrock)
        #expect(result.value < 1e-10)
        #expect(result.iteration < 60)
        #expect(abs(result.x[0] - 1) < 1e-5 && abs(result.x[1] - 1) < 1e-5)
        print("Rosenbrock: f = \(result.value) after \(result.iteration) iterations, \(result.evaluations) evaluations, status \(result.status)")
    }

    /// Each accepted step satisfies the strong Wolfe conditions' sufficient decrease: f never rises.
    @Test func lbfgsValuesDecrease() {
        var solver = LBFGS(initial: [-1.2, 1], options: LBFGSOptions(maxIterations: 40))
        var values: [Double] = []
        while solver.step(rosenbrock) { values.append(solver.value) }
        #expect(zip(values, values.dropFirst()).allSatisfy { $1 <= $0 })
        #expect(solver.status == .maxIterations || solver.status == .gradientTolerance)
    }

    @Test func lbfgsResumedFromJSONIsBitIdentical() throws {
        let options = LBFGSOptions(maxIterations: 200)
        let uninterrupted = LBFGS.minimize([-1.2, 1], options: options, objective: rosenbrock)
        var first = LBFGS(initial: [-1.2, 1], options: options)
        for _ in 0..<13 { _ = first.step(rosenbrock) }
        let data = try JSONEncoder().encode(first)
        var resumed = try JSONDecoder().decode(LBFGS.self, from: data)
        while resumed.step(rosenbrock) {}
        #expect(resumed.x == uninterrupted.x)
        #expect(resumed.value == uninterrupted.value)
        #expect(resumed.gradient == uninterrupted.gradient)
        #expect(resumed.iteration == uninterrupted.iteration && resumed.evaluations == uninterrupted.evaluations)
        #expect(resumed.status == uninterrupted.status)
    }

    @Test func lbfgsStopsOnFunctionTolerance() {
        let result = LBFGS.minimize([-1.2, 1], options: LBFGSOptions(functionTolerance: 1e-3), objective: rosenbrock)
        #expect(result.status == .functionTolerance)
    }

    @Test func lbfgsReportsLineSearchFailure() {
        // A linear function has no minimizer along −∇f within any finite budget... but it decreases;
        // a function that is NaN away from the start admits no step with sufficient decrease.
        let result = LBFGS.minimize([0.5], options: LBFGSOptions(maxLineSearchEvaluations: 5)) { p in
            p[0] == 0.5 ? (1, [1]) : (.nan, [.nan])
        }
        #expect(result.status == .lineSearchFailed)
        #expect(result.x == [0.5])
    }

    @Test func adamFitsNoisySineToNoiseLevel() {
        let fit = NoisySineFit()
        var θ = fit.net.initialParameters(seed: 5)
        var adam = Adam(parameterCount: θ.count,
                        options: AdamOptions(learningRate: 0.01, schedule: .cosine(totalSteps: 4000, floor: 1e-4)))
        for _ in 0..<4000 { adam.step(&θ, gradient: fit.loss(θ).gradient) }
        let mse = fit.loss(θ).value
        let σ2 = NoisySineFit.noise * NoisySineFit.noise
        print("Adam: mean squared residual \(mse) = \(mse / σ2) σ², distance from sin(2πx) \(fit.truthError(θ) / σ2) σ²")
        #expect(mse < 1.5 * σ2)
        #expect(fit.truthError(θ) < 0.5 * σ2)
        #expect(adam.iteration == 4000)
    }

    @Test func lbfgsFitsNoisySineToNoiseLevel() {
        let fit = NoisySineFit()
        let result = LBFGS.minimize(fit.net.initialParameters(seed: 5), options: LBFGSOptions(maxIterations: 400)) {
            fit.loss($0)
        }
        let mse = result.value
        print("L-BFGS: mean squared residual \(mse) = \(mse / (NoisySineFit.noise * NoisySineFit.noise)) σ² after \(result.iteration) iterations, \(result.evaluations) evaluations, \(result.status)")
        let σ2 = NoisySineFit.noise * NoisySineFit.noise
        print("L-BFGS: distance from sin(2πx) \(fit.truthError(result.x) / σ2) σ²")
        #expect(mse < 1.5 * σ2)
        #expect(fit.truthError(result.x) < 0.5 * σ2)
    }

    @Test func schedules() {
        #expect(LearningRateSchedule.constant.rate(base: 0.1, step: 99) == 0.1)
        #expect(LearningRateSchedule.exponential(decay: 0.5, every: 10).rate(base: 0.1, step: 25) == 0.025)
        let cosine = LearningRateSchedule.cosine(totalSteps: 100, floor: 0.001)
        #expect(cosine.rate(base: 0.1, step: 0) == 0.1)
        #expect(abs(cosine.rate(base: 0.1, step: 50) - 0.0505) < 1e-15)
        #expect(cosine.rate(base: 0.1, step: 100) == 0.001 && cosine.rate(base: 0.1, step: 500) == 0.001)
    }

    /// One Adam step from zero moments moves each parameter by η·sign(g) (up to ε).
    @Test func adamFirstStep() throws {
        var θ = [1.0, -2.0]
        var adam = Adam(parameterCount: 2, options: AdamOptions(learningRate: 0.1))
        adam.step(&θ, gradient: [3, -0.5])
        #expect(abs(θ[0] - 0.9) < 1e-8 && abs(θ[1] + 1.9) < 1e-8)
        let resumed = try JSONDecoder().decode(Adam.self, from: JSONEncoder().encode(adam))
        #expect(resumed == adam)
    }
}
