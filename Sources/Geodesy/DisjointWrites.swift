/// A pointer into output storage shared by concurrent workers. Sound only because every worker
/// writes a disjoint set of elements and nothing reads them until `concurrentPerform` returns.
struct DisjointWrites<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>
}
