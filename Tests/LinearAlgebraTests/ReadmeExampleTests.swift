import Testing
import LinearAlgebra

/// The example of Sources/LinearAlgebra/README.md, kept compiling and checked.
@Test func readmeExampleLinearAlgebra() throws {
    let a = Matrix([[4, 1], [1, 3]])
    let x = try LAPACK.solve(a, Matrix([[1], [2]]))
    let eigen = try LAPACK.symmetricEigen(a)
    let y = a * [1, 1]
    var rng = SeededGenerator(seed: 42)
    let u = rng.nextUniform()
    let t = StudentT(degreesOfFreedom: 10).quantile(0.975)

    #expect(abs(x[0, 0] - 1.0 / 11) < 1e-14 && abs(x[1, 0] - 7.0 / 11) < 1e-14)
    #expect(abs(eigen.values[0] - (7 - 5.0.squareRoot()) / 2) < 1e-12)
    #expect(abs(eigen.values[1] - (7 + 5.0.squareRoot()) / 2) < 1e-12)
    #expect(y == [5, 4])
    var again = SeededGenerator(seed: 42)
    #expect(u >= 0 && u < 1 && again.nextUniform() == u)
    #expect(abs(t - 2.228138852) < 1e-6)
}
