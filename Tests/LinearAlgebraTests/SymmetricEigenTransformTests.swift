import Testing
@testable import LinearAlgebra

/// The factored eigendecomposition V = Q·Z: orthogonal (reconstruct ∘ project = identity),
/// diagonalizing (X·V·Λ·Vᵀ = X·A) and with dsyevd's eigenvalues.
@Suite struct SymmetricEigenTransformTests {
    static func symmetric(_ n: Int, seed: UInt64) -> Matrix {
        var rng = SeededGenerator(seed: seed)
        var a = Matrix(rows: n, columns: n)
        for i in 0..<n { for j in i..<n { let v = rng.nextGaussian(); a[i, j] = v; a[j, i] = v } }
        return a
    }

    @Test(arguments: [1, 2, 7, 60])
    func diagonalizesAndIsOrthogonal(n: Int) throws {
        let a = Self.symmetric(n, seed: UInt64(n))
        let t = try SymmetricEigenTransform(a)
        let reference = try LAPACK.symmetricEigen(a)
        for (x, y) in zip(t.values, reference.values) { #expect(abs(x - y) <= 1e-12 * max(1, abs(y))) }
        var rng = SeededGenerator(seed: 5)
        let x = Matrix(rows: 3, columns: n) { _, _ in rng.nextGaussian() }
        let modal = try t.project(x)
        let back = try t.reconstruct(modal)
        for i in x.storage.indices { #expect(abs(back.storage[i] - x.storage[i]) <= 1e-12) }
        var scaled = modal
        for r in 0..<3 { for j in 0..<n { scaled[r, j] *= t.values[j] } }
        let xa = try t.reconstruct(scaled)
        var direct = Matrix(rows: 3, columns: n)
        BLAS.gemm(x, a, into: &direct)
        for i in direct.storage.indices { #expect(abs(xa.storage[i] - direct.storage[i]) <= 1e-11 * max(1, abs(direct.storage[i]))) }
    }
}
