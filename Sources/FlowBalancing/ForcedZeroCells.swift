/// Cells that every non-negative matrix on a given support with given margins has at zero.
///
/// The margins force a cell to zero when a set of rows I exactly fills the columns N(I) it reaches
/// (Σ_{i∈I} r_i = Σ_{j∈N(I)} c_j): then no other row can send anything to N(I). RAS approaches such
/// cells only slowly (its margin error falls like 1/sweeps, not geometrically), so the balancer fixes
/// them at zero first (Pukelsheim, "Biproportional scaling of matrices", §4; the "structural zeros
/// the margins impose").
///
/// Detection is a transportation problem as a maximum flow: source → row i (capacity r_i), row i →
/// column j for every support cell (unbounded), column j → sink (capacity c_j). A cell can be
/// positive in some feasible matrix iff it carries flow in the maximum flow found or its row and
/// column lie in one strongly connected component of the residual graph (the difference of two
/// maximum flows is a circulation there). Residual capacities at most `slack` count as zero.
struct ForcedZeroCells {
    /// Row-major indices of the support cells forced to zero.
    let cells: [Int]
    /// Σ r − the maximum flow: positive when no matrix on the support meets the row margins.
    let shortfall: Double
    /// When `shortfall > slack`: rows that together need more than the columns they reach can take,
    /// and those columns (a violated Hall condition), 0-based.
    let blockedRows: [Int]
    let blockingColumns: [Int]

    /// - Parameters:
    ///   - support: m·n flags, row-major: the cells that may be positive.
    ///   - rows, columns: what the support cells of each row and column must sum to (≥ 0).
    ///   - slack: absolute amount below which a residual capacity counts as exhausted.
    static func detect(support: [Bool], rows: [Double], columns: [Double], slack: Double) -> ForcedZeroCells {
        let m = rows.count, n = columns.count
        var graph = FlowGraph(nodes: m + n + 2)
        let source = m + n, sink = m + n + 1
        for i in 0..<m where rows[i] > 0 { graph.addEdge(source, i, capacity: rows[i]) }
        for j in 0..<n where columns[j] > 0 { graph.addEdge(m + j, sink, capacity: columns[j]) }
        var cellEdge = [Int](repeating: -1, count: m * n)
        for c in 0..<(m * n) where support[c] {
            cellEdge[c] = graph.addEdge(c / n, m + c % n, capacity: .infinity)
        }
        let flow = graph.maximumFlow(from: source, to: sink, slack: slack)
        let shortfall = rows.reduce(0, +) - flow
        var blockedRows: [Int] = [], blockingColumns: [Int] = []
        if shortfall > slack {
            let reached = graph.reachable(from: source, slack: slack)
            blockedRows = (0..<m).filter { reached[$0] }
            blockingColumns = (0..<n).filter { reached[m + $0] }
        }
        let component = graph.stronglyConnectedComponents(slack: slack)
        var cells: [Int] = []
        for c in 0..<(m * n) where cellEdge[c] >= 0 {
            if component[c / n] != component[m + c % n] { cells.append(c) }
        }
        return ForcedZeroCells(cells: cells, shortfall: shortfall, blockedRows: blockedRows, blockingColumns: blockingColumns)
    }
}

/// A residual flow network in edge arrays (edge e and its reverse e ^ 1); no recursion anywhere, so
/// its size is bounded by memory, not by the stack.
struct FlowGraph {
    private(set) var head: [Int]
    private var next: [Int] = [], target: [Int] = [], residual: [Double] = []

    init(nodes: Int) { head = [Int](repeating: -1, count: nodes) }

    /// Adds u → v with the given capacity; returns the forward edge's index.
    @discardableResult
    mutating func addEdge(_ u: Int, _ v: Int, capacity: Double) -> Int {
        let e = target.count
        target.append(v); residual.append(capacity); next.append(head[u]); head[u] = e
        target.append(u); residual.append(0); next.append(head[v]); head[v] = e + 1
        return e
    }

    /// Dinic's algorithm (BFS levels, blocking flows by an explicit-stack DFS). Returns the flow value.
    mutating func maximumFlow(from s: Int, to t: Int, slack: Double) -> Double {
        let count = head.count
        var total = 0.0
        var level = [Int](repeating: -1, count: count)
        var cursor = [Int](repeating: -1, count: count)
        var queue = [Int](); queue.reserveCapacity(count)
        while true {
            for v in 0..<count { level[v] = -1 }
            level[s] = 0; queue.removeAll(keepingCapacity: true); queue.append(s)
            var q = 0
            while q < queue.count {
                let u = queue[q]; q += 1
                var e = head[u]
                while e >= 0 {
                    let v = target[e]
                    if level[v] < 0, residual[e] > slack { level[v] = level[u] + 1; queue.append(v) }
                    e = next[e]
                }
            }
            if level[t] < 0 { return total }
            for v in 0..<count { cursor[v] = head[v] }
            var path: [Int] = []   // edges from s to the current node
            var u = s
            while true {
                if u == t {
                    var push = Double.infinity
                    for e in path { push = min(push, residual[e]) }
                    for e in path { residual[e] -= push; residual[e ^ 1] += push }
                    total += push
                    // Back up to the tail of the first edge the push exhausted.
                    var cut = path.count
                    for (k, e) in path.enumerated() where residual[e] <= slack { cut = k; break }
                    path.removeSubrange(cut...)
                    u = path.last.map { target[$0] } ?? s
                    continue
                }
                var advanced = false
                while cursor[u] >= 0 {
                    let e = cursor[u], v = target[e]
                    if residual[e] > slack, level[v] == level[u] + 1 {
                        path.append(e); u = v; advanced = true; break
                    }
                    cursor[u] = next[e]
                }
                if advanced { continue }
                level[u] = -1                            // dead end for this phase
                guard let e = path.popLast() else { break }
                u = target[e ^ 1]
                cursor[u] = next[cursor[u]]
            }
        }
    }

    /// Nodes reachable from `s` along residual capacities above `slack`.
    func reachable(from s: Int, slack: Double) -> [Bool] {
        var seen = [Bool](repeating: false, count: head.count)
        var stack = [s]; seen[s] = true
        while let u = stack.popLast() {
            var e = head[u]
            while e >= 0 {
                if residual[e] > slack, !seen[target[e]] { seen[target[e]] = true; stack.append(target[e]) }
                e = next[e]
            }
        }
        return seen
    }

    /// Component number of every node in the residual graph (edges with residual above `slack`),
    /// by Tarjan's algorithm with an explicit call stack.
    func stronglyConnectedComponents(slack: Double) -> [Int] {
        let count = head.count
        var index = [Int](repeating: -1, count: count), low = [Int](repeating: 0, count: count)
        var onStack = [Bool](repeating: false, count: count), component = [Int](repeating: -1, count: count)
        var stack: [Int] = [], counter = 0, components = 0
        var frames: [(node: Int, edge: Int)] = []
        for root in 0..<count where index[root] < 0 {
            index[root] = counter; low[root] = counter; counter += 1
            stack.append(root); onStack[root] = true
            frames.append((root, head[root]))
            while !frames.isEmpty {
                let (u, e) = frames[frames.count - 1]
                if e >= 0 {
                    frames[frames.count - 1].edge = next[e]
                    guard residual[e] > slack else { continue }
                    let v = target[e]
                    if index[v] < 0 {
                        index[v] = counter; low[v] = counter; counter += 1
                        stack.append(v); onStack[v] = true
                        frames.append((v, head[v]))
                    } else if onStack[v] {
                        low[u] = min(low[u], index[v])
                    }
                    continue
                }
                frames.removeLast()
                if let parent = frames.last { low[parent.node] = min(low[parent.node], low[u]) }
                if low[u] == index[u] {
                    while let w = stack.popLast() {
                        onStack[w] = false; component[w] = components
                        if w == u { break }
                    }
                    components += 1
                }
            }
        }
        return component
    }
}
