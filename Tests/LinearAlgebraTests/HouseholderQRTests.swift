import LinearAlgebra
import Testing

@Suite struct HouseholderQRTests {
    /// dgeqrf: Qᵀ·A = [R; 0] column by column, and Qᵀ preserves the norm.
    @Test func qTransposeOfTheColumnsGivesR() throws {
        var rng = SeededGenerator(seed: 12)
        let a = Matrix(rows: 9, columns: 4) { _, _ in rng.nextGaussian() }
        let qr = try LAPACK.householderQR(a)
        #expect(qr.permutation == [0, 1, 2, 3])
        let r = qr.r
        for j in 0..<4 {
            let c = try qr.applyQTranspose(a.column(j))
            for i in 0..<4 { #expect(abs(c[i] - r[i, j]) < 1e-13) }
            for i in 4..<9 { #expect(abs(c[i]) < 1e-13) }
            #expect(abs(BLAS.nrm2(c) - BLAS.nrm2(a.column(j))) < 1e-13)
        }
    }

    /// dtrtri: R·R⁻¹ = I, lower triangle of R⁻¹ zero.
    @Test func upperTriangularInverse() throws {
        let r = Matrix([[2, 1, -1], [0, 3, 0.5], [0, 0, 4]])
        let inv = try LAPACK.upperTriangularInverse(r)
        let product = r * inv
        for i in 0..<3 { for j in 0..<3 { #expect(abs(product[i, j] - (i == j ? 1 : 0)) < 1e-15) } }
        #expect(inv[1, 0] == 0 && inv[2, 0] == 0 && inv[2, 1] == 0)
        #expect(throws: LinearAlgebraError.singular(pivot: 2)) {
            try LAPACK.upperTriangularInverse(Matrix([[1, 2], [0, 0]]))
        }
    }
}
