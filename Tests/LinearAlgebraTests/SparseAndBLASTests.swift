import Testing
@testable import LinearAlgebra

@Test func csrFromTripletsSumsDuplicatesAndMatchesDense() {
    let s = SparseMatrix(rows: 3, columns: 3, triplets: [(0, 1, 2), (2, 0, 1), (0, 1, 3), (1, 2, -1), (2, 2, 4)])
    #expect(s.nonZeroCount == 4)
    #expect(s.dense == Matrix([[0, 5, 0], [0, 0, -1], [1, 0, 4]]))
    #expect(s.multiply([1, 2, 3]) == [10, -3, 13])
    #expect(s.dense * [1, 2, 3] == [10, -3, 13])
}

@Test func csrHandlesEmptyRows() {
    let s = SparseMatrix(rows: 3, columns: 2, triplets: [(2, 1, 7)])
    #expect(s.rowPointers == [0, 0, 0, 1])
    #expect(s.multiply([1, 1]) == [0, 0, 7])
}

@Test func gemvWithTransposeAndAccumulation() {
    let a = Matrix([[1, 2], [3, 4], [5, 6]])
    var y = [1.0, 1]
    BLAS.gemv(a, [1, 1, 1], into: &y, alpha: 2, beta: 1, transpose: true)
    #expect(y == [19, 25])
}

@Test func symvReadsOnlyTheUpperTriangleAndAccumulates() {
    // Upper triangle of [[2, 1, 0], [1, 3, -1], [0, -1, 4]]; the lower triangle holds garbage
    // that a correct dsymv never reads.
    let a = Matrix([[2, 1, 0], [99, 3, -1], [99, 99, 4]])
    var y = [1.0, 1, 1]
    y.withUnsafeMutableBufferPointer { yp in
        [1.0, 2, 3].withUnsafeBufferPointer { BLAS.symv(a, $0.baseAddress!, yp.baseAddress!, alpha: 2, beta: -1) }
    }
    // 2·A·(1, 2, 3) − 1 = 2·(4, 4, 10) − 1
    #expect(y == [7, 7, 19])
}

@Test func symvAgreesWithGemvOnASymmetricMatrix() {
    var g = SeededGenerator(seed: 11)
    let n = 257
    var a = Matrix(rows: n, columns: n)
    for i in 0..<n { for j in i..<n { let v = g.nextGaussian(); a[i, j] = v; a[j, i] = v } }
    let x = (0..<n).map { _ in g.nextGaussian() }
    var viaGemv = (0..<n).map { _ in g.nextGaussian() }
    var viaSymv = viaGemv
    BLAS.gemv(a, x, into: &viaGemv, alpha: 0.5, beta: 1)
    viaSymv.withUnsafeMutableBufferPointer { yp in
        x.withUnsafeBufferPointer { BLAS.symv(a, $0.baseAddress!, yp.baseAddress!, alpha: 0.5, beta: 1) }
    }
    let scale = viaGemv.map(abs).max()!
    for i in 0..<n { #expect(abs(viaSymv[i] - viaGemv[i]) <= 1e-13 * scale) }
}

@Test func gemmTransposedOperands() {
    let a = Matrix([[1, 2], [3, 4]])
    var c = Matrix(rows: 2, columns: 2)
    BLAS.gemm(a, a, into: &c, transposeA: true)
    #expect(c == Matrix([[10, 14], [14, 20]]))
}

@Test func seededGeneratorIsReproducibleAndUniform() {
    var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42), c = SeededGenerator(seed: 43)
    let xa = (0..<5).map { _ in a.next() }
    #expect(xa == (0..<5).map { _ in b.next() })
    #expect(xa != (0..<5).map { _ in c.next() })
    var g = SeededGenerator(seed: 7)
    let u = (0..<100_000).map { _ in g.nextUniform() }
    let mean = u.reduce(0, +) / Double(u.count)
    #expect(abs(mean - 0.5) < 0.005)                   // ~5.5σ for n = 1e5
    #expect(u.allSatisfy { $0 >= 0 && $0 < 1 })
    let z = (0..<100_000).map { _ in g.nextGaussian() }
    let zm = z.reduce(0, +) / Double(z.count)
    let zv = z.reduce(0) { $0 + ($1 - zm) * ($1 - zm) } / Double(z.count - 1)
    #expect(abs(zm) < 0.02 && abs(zv - 1) < 0.02)
}

/// The raw-buffer forms: C ← A·Bᵀ (β = 0) and C ← A·Bᵀ + C (β = 1), y ← A·x, against small hand products.
@Test func rawBufferGemmTransposedBAndGemv() {
    let a: [Double] = [1, 2, 3, 4, 5, 6]                 // 2 × 3
    let b: [Double] = [1, 0, 1, 0, 1, 0, 2, 2, 2, 1, -1, 0]   // 4 × 3 (rows are the units)
    var c = [Double](repeating: .nan, count: 8)
    BLAS.gemmTransposedB(rows: 2, columns: 4, inner: 3, a, b, &c)
    #expect(c == [4, 2, 12, -1, 10, 5, 30, -1])
    var biased: [Double] = [1, 1, 1, 1, -1, -1, -1, -1]
    BLAS.gemmTransposedB(rows: 2, columns: 4, inner: 3, a, b, &biased, beta: 1)
    #expect(biased == [5, 3, 13, 0, 9, 4, 29, -2])
    var y = [Double](repeating: .nan, count: 2)
    BLAS.gemv(rows: 2, columns: 3, a, [1, -1, 2], &y)
    #expect(y == [5, 11])
    var empty = [Double](repeating: 7, count: 2)
    BLAS.gemmTransposedB(rows: 1, columns: 2, inner: 0, a, b, &empty)
    #expect(empty == [0, 0])
}
