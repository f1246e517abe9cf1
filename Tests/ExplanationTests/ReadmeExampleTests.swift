import Testing
import Explanation
import LinearAlgebra

/// The example of Sources/Explanation/README.md, kept compiling and checked.
@Test func readmeExampleExplanation() throws {
    let x = Matrix(rows: 20, columns: 2) { i, j in j == 0 ? Double(i) : Double((i * 7) % 5) }
    let y = (0..<20).map { i in 1 + 2 * x[i, 0] - x[i, 1] + (i % 2 == 0 ? 0.1 : -0.1) }
    let model = try LinearRegression.fit(x: x, y: y, featureNames: ["income", "rent"])
    #expect(abs(model.coefficients[0] - 2) < 0.01 && abs(model.coefficients[1] + 1) < 0.05)
    #expect(model.summary.rSquared > 0.999)

    let explainer = try ShapleyExplainer(model: model, background: x)
    let explanation = try explainer.explain(Matrix([[25, 0]]))
    #expect(explanation.method == .linear)
    #expect(abs(explanation.values[0][0] - model.coefficients[0] * (25 - 9.5)) < 1e-9)
    let sum = explanation.values[0].reduce(0, +)
    #expect(abs(sum - (explanation.predictions[0] - explanation.baseValue)) < 1e-9)
}
