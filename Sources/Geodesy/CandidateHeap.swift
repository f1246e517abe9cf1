/// A bounded max-heap holding the `capacity` smallest (key, index) pairs offered so far, ordered
/// lexicographically so that equal keys are broken by the smaller index. Storage is reused
/// between queries (no allocation once it has grown to the largest capacity).
struct CandidateHeap {
    private(set) var keys: [Double] = []
    private(set) var indices: [Int] = []
    private(set) var capacity = 0

    var count: Int { keys.count }
    var isFull: Bool { keys.count == capacity }
    /// The largest key kept (the root), valid when not empty.
    var worstKey: Double { keys[0] }

    mutating func reset(capacity: Int) {
        self.capacity = capacity
        keys.removeAll(keepingCapacity: true)
        indices.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    private func greater(_ a: Int, _ b: Int) -> Bool {
        keys[a] > keys[b] || (keys[a] == keys[b] && indices[a] > indices[b])
    }

    @inline(__always)
    mutating func offer(key: Double, index: Int) {
        if keys.count < capacity {
            keys.append(key); indices.append(index)
            var child = keys.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard greater(child, parent) else { break }
                keys.swapAt(child, parent); indices.swapAt(child, parent)
                child = parent
            }
        } else if capacity > 0, key < keys[0] || (key == keys[0] && index < indices[0]) {
            keys[0] = key; indices[0] = index
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var largest = parent
                if left < keys.count && greater(left, largest) { largest = left }
                if right < keys.count && greater(right, largest) { largest = right }
                if largest == parent { break }
                keys.swapAt(parent, largest); indices.swapAt(parent, largest)
                parent = largest
            }
        }
    }
}
