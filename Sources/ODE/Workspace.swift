/// Preallocated buffers for the stepping loops: one allocation per `solve`, none per step.
struct Workspace {
    let dimension: Int
    private let storage: UnsafeMutablePointer<Double>
    private let count: Int

    /// `vectors` buffers of `dimension` numbers each, zero-initialized.
    init(dimension: Int, vectors: Int) {
        self.dimension = dimension
        self.count = dimension * vectors
        storage = .allocate(capacity: count)
        storage.initialize(repeating: 0, count: count)
    }

    /// Buffer number `index` (a vector of `dimension` numbers; several consecutive ones form a block).
    func vector(_ index: Int) -> UnsafeMutablePointer<Double> { storage + index * dimension }

    func deallocate() { storage.deallocate() }
}

/// Index of the first non-finite component of `v`, or nil.
@inline(__always)
func firstNonFinite(_ v: UnsafePointer<Double>, _ n: Int) -> Int? {
    for i in 0..<n where !v[i].isFinite { return i }
    return nil
}
