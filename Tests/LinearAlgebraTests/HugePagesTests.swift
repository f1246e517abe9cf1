import Testing
@testable import LinearAlgebra

/// `HugePages.array` is only advice to the kernel: the array is what `fill` wrote, large or small.
@Test func hugePageArraysHoldWhatWasWritten() {
    for count in [0, 1, 1000, 3 << 20] {
        let a: [Double] = HugePages.array(count: count) { b in for k in b.indices { b[k] = Double(k) * 0.5 } }
        #expect(a.count == count)
        #expect(a.indices.allSatisfy { a[$0] == Double($0) * 0.5 })
    }
}
