import Foundation

/// A k-d tree over points of the unit sphere embedded in ℝ³, searched by chord length.
///
/// The chord c = |p − q| = 2 sin(θ/2) is strictly increasing in the central angle θ ∈ [0, π],
/// so the nearest points by chord are the nearest by great-circle distance, and Euclidean
/// k-d tree pruning (split planes along x, y or z) is exact. Build is O(n log n) by median
/// selection, a query for m neighbours costs about O(log n + m) for well-spread points.
struct ChordKDTree: Sendable {
    /// Unit vectors, interleaved x, y, z, by original point index.
    let xyz: [Double]
    /// A permutation of point indices; every leaf owns a contiguous range of it.
    private(set) var order: [Int]
    private(set) var nodes: [Node] = []

    struct Node: Sendable {
        var lo: Int, hi: Int           // range in `order`
        var dimension: Int             // split axis (0, 1, 2); −1 for a leaf
        var split: Double              // left side ≤ split ≤ right side on that axis
        var left: Int, right: Int
    }

    static let leafSize = 8

    init(latitudes: [Double], longitudes: [Double]) {
        let rad = Double.pi / 180
        var xyz = [Double](repeating: 0, count: 3 * latitudes.count)
        for i in latitudes.indices {
            let (sφ, cφ) = (sin(latitudes[i] * rad), cos(latitudes[i] * rad))
            let (sλ, cλ) = (sin(longitudes[i] * rad), cos(longitudes[i] * rad))
            xyz[3 * i] = cφ * cλ
            xyz[3 * i + 1] = cφ * sλ
            xyz[3 * i + 2] = sφ
        }
        self.xyz = xyz
        order = Array(latitudes.indices)
        nodes.reserveCapacity(2 * latitudes.count / ChordKDTree.leafSize + 2)
        if !latitudes.isEmpty { _ = build(0, latitudes.count) }
    }

    private mutating func build(_ lo: Int, _ hi: Int) -> Int {
        let id = nodes.count
        nodes.append(Node(lo: lo, hi: hi, dimension: -1, split: 0, left: -1, right: -1))
        guard hi - lo > ChordKDTree.leafSize else { return id }
        // Split along the axis of largest extent at the median.
        var low = [Double](repeating: .infinity, count: 3), high = [Double](repeating: -.infinity, count: 3)
        for k in lo..<hi {
            for d in 0..<3 {
                let v = xyz[3 * order[k] + d]
                low[d] = min(low[d], v); high[d] = max(high[d], v)
            }
        }
        let extents = (0..<3).map { high[$0] - low[$0] }
        let dimension = extents.indices.max { extents[$0] < extents[$1] }!
        let mid = (lo + hi) / 2
        selectMedian(lo, hi, mid, dimension)
        nodes[id].dimension = dimension
        nodes[id].split = xyz[3 * order[mid] + dimension]   // before the children reorder `order`
        let left = build(lo, mid)
        let right = build(mid, hi)
        nodes[id].left = left
        nodes[id].right = right
        return id
    }

    /// Hoare quickselect: afterwards order[kth] holds the element of rank kth − lo on `dimension`,
    /// with no larger coordinate before it and no smaller one after it.
    private mutating func selectMedian(_ lo: Int, _ hi: Int, _ kth: Int, _ dimension: Int) {
        var l = lo, r = hi - 1
        while r > l {
            let pivot = xyz[3 * order[(l + r) / 2] + dimension]
            var i = l, j = r
            while i <= j {
                while xyz[3 * order[i] + dimension] < pivot { i += 1 }
                while xyz[3 * order[j] + dimension] > pivot { j -= 1 }
                if i <= j { order.swapAt(i, j); i += 1; j -= 1 }
            }
            if kth <= j { r = j } else if kth >= i { l = i } else { break }
        }
    }

    /// Squared chord between points i and j.
    @inline(__always)
    func squaredChord(_ i: Int, _ j: Int) -> Double {
        let dx = xyz[3 * i] - xyz[3 * j], dy = xyz[3 * i + 1] - xyz[3 * j + 1], dz = xyz[3 * i + 2] - xyz[3 * j + 2]
        return dx * dx + dy * dy + dz * dz
    }

    /// Fills `heap` with the `count` points nearest to point `query` by (squared chord, index),
    /// excluding `query` itself.
    func nearest(to query: Int, count: Int, heap: inout CandidateHeap) {
        heap.reset(capacity: count)
        guard !nodes.isEmpty else { return }
        visit(0, query, &heap)
    }

    private func visit(_ id: Int, _ query: Int, _ heap: inout CandidateHeap) {
        let node = nodes[id]
        if node.dimension < 0 {
            for k in node.lo..<node.hi {
                let p = order[k]
                if p != query { heap.offer(key: squaredChord(query, p), index: p) }
            }
            return
        }
        let diff = xyz[3 * query + node.dimension] - node.split
        let (near, far) = diff < 0 ? (node.left, node.right) : (node.right, node.left)
        visit(near, query, &heap)
        // Ties (≤) must be visited too: an equally distant point with a smaller index may lie there.
        if !heap.isFull || diff * diff <= heap.worstKey {
            visit(far, query, &heap)
        }
    }
}
