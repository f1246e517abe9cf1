import Foundation
import Testing
@testable import LinearAlgebra

@Test func symmetricEigenReconstructsTheMatrix() throws {
    let a = Matrix([[4, 1, 2], [1, 3, 0], [2, 0, 5]])
    let e = try LAPACK.symmetricEigen(a)
    #expect(e.values == e.values.sorted())
    let v = e.vectors
    let recon = v * Matrix.diagonal(e.values) * v.transposed
    #expect((recon - a).maxAbs < 1e-13)
    #expect(((v.transposed * v) - Matrix.identity(3)).maxAbs < 1e-14)
}

@Test func eigenvaluesOfThePathLaplacianAreKnown() throws {
    // Path graph P_n: λ_k = 2 − 2cos(kπ/n), k = 0…n−1.
    let n = 6
    let l = Matrix(rows: n, columns: n) { i, j in
        if i == j { return (i == 0 || i == n - 1) ? 1 : 2 }
        return abs(i - j) == 1 ? -1 : 0
    }
    let e = try LAPACK.symmetricEigen(l)
    for k in 0..<n {
        let exact: Double = 2 - 2 * cos(Double(k) * Double.pi / Double(n))
        #expect(abs(e.values[k] - exact) < 1e-14)
    }
}

@Test func choleskyFactorAndSolve() throws {
    let a = Matrix([[4, 2, -2], [2, 10, 2], [-2, 2, 5]])
    let l = try LAPACK.cholesky(a)
    #expect((l * l.transposed - a).maxAbs < 1e-14)
    #expect(l[0, 1] == 0 && l[0, 2] == 0 && l[1, 2] == 0)
    let x = try LAPACK.solveSPD(a, Matrix([[1], [2], [3]]))
    #expect(((a * x) - Matrix([[1], [2], [3]])).maxAbs < 1e-14)
}

@Test func choleskyRejectsIndefiniteMatrices() {
    #expect(throws: LinearAlgebraError.notPositiveDefinite(minor: 2)) {
        _ = try LAPACK.cholesky(Matrix([[1, 2], [2, 1]]))
    }
}

@Test func generalSolveAndSingularDetection() throws {
    let a = Matrix([[0, 2], [3, 1]])
    let x = try LAPACK.solve(a, Matrix([[4], [5]]))
    #expect(abs(x[0, 0] - 1) < 1e-15 && abs(x[1, 0] - 2) < 1e-15)
    #expect(throws: LinearAlgebraError.singular(pivot: 2)) {
        _ = try LAPACK.solve(Matrix([[1, 2], [2, 4]]), Matrix([[1], [2]]))
    }
}

@Test func leastSquaresFitsALineExactly() throws {
    // y = 2 + 3t sampled without noise: the solution is exact.
    let t = [0.0, 1, 2, 3, 4]
    let a = Matrix(rows: 5, columns: 2) { i, j in j == 0 ? 1 : t[i] }
    let s = try LAPACK.leastSquares(a, t.map { 2 + 3 * $0 })
    #expect(s.rank == 2)
    #expect(abs(s.x[0] - 2) < 1e-13 && abs(s.x[1] - 3) < 1e-13)
}

@Test func leastSquaresReportsRankDeficiency() throws {
    // Third column = first + second: rank 2, minimum-norm solution.
    let a = Matrix([[1, 0, 1], [0, 1, 1], [1, 1, 2], [2, 1, 3]])
    let s = try LAPACK.leastSquares(a, [1, 1, 2, 3])
    #expect(s.rank == 2)
    let r = zip(a * s.x, [1.0, 1, 2, 3]).map { $0 - $1 }
    #expect(r.allSatisfy { abs($0) < 1e-13 })
}

@Test func pivotedQRReproducesTheMatrix() throws {
    let a = Matrix([[1, 2, 3], [4, 5, 6], [7, 8, 10], [1, 0, 1]])
    let qr = try LAPACK.pivotedQR(a)
    // ‖R e_k‖ = ‖A e_perm[k]‖ column by column (Q is orthogonal).
    let r = qr.r
    for k in 0..<3 {
        let rn = BLAS.nrm2(r.column(k)), an = BLAS.nrm2(a.column(qr.permutation[k]))
        #expect(abs(rn - an) < 1e-13 * an)
    }
    let qtb = try qr.applyQTranspose([1, 1, 1, 1])
    #expect(abs(BLAS.nrm2(qtb) - 2) < 1e-14)
}

@Test func singularValuesOfADiagonalMatrix() throws {
    let s = try LAPACK.singularValues(Matrix([[3, 0], [0, -5], [0, 0]]))
    #expect(s == [5, 3])
}

@Test func dimensionErrorsAreReported() {
    #expect(throws: LinearAlgebraError.self) { _ = try LAPACK.symmetricEigen(Matrix(rows: 2, columns: 3)) }
    #expect(throws: LinearAlgebraError.self) { _ = try LAPACK.leastSquares(Matrix(rows: 3, columns: 2), [1, 2]) }
}

/// `LAPACK.leastSquares` decides the rank on unit-length columns: columns in wildly different
/// units (NIST Pontius: x up to 3·10⁶, x² up to 9·10¹²) are not declared dependent.
@Suite struct LeastSquaresScalingTests {
    @Test func columnsInDifferentUnitsKeepFullRank() throws {
        let xs = (1...40).map { Double($0) * 75_000 }
        let a = Matrix(rows: 40, columns: 3) { i, j in j == 0 ? 1 : j == 1 ? xs[i] : xs[i] * xs[i] }
        let truth = [0.5, 7e-7, -3e-15]
        let b = (0..<40).map { truth[0] + truth[1] * xs[$0] + truth[2] * xs[$0] * xs[$0] }
        let solution = try LAPACK.leastSquares(a, b)
        #expect(solution.rank == 3)
        for j in 0..<3 { #expect(abs(solution.x[j] - truth[j]) <= 1e-9 * abs(truth[j]), "x\(j) = \(solution.x[j])") }
    }

    @Test func anExactlyDependentColumnIsStillFound() throws {
        let a = Matrix(rows: 5, columns: 3) { i, j in j == 2 ? 2e6 * Double(i + 1) : j == 0 ? 1 : Double(i + 1) }
        let solution = try LAPACK.leastSquares(a, [1, 2, 3, 4, 5.5])
        #expect(solution.rank == 2)
    }
}
