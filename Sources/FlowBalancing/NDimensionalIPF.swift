/// One target margin of an N-dimensional array: the sums over all axes *not* listed in `axes`.
/// `targets` is laid out row-major over the listed axes, in the order given.
public struct IPFMargin: Sendable, Equatable {
    public let axes: [Int]
    public let targets: [Double]
    public init(axes: [Int], targets: [Double]) {
        self.axes = axes
        self.targets = targets
    }
}

/// Iterative proportional fitting of an N-dimensional non-negative array to any set of margins
/// (Deming–Stephan). A sweep visits the margins in order; for margin k every free cell is scaled by
/// (target − fixed sum) / (free sum) of the margin cell it belongs to. Marked cells never change.
/// Convergence: maximal relative error over all margins after a sweep.
public enum NDimensionalIPF {
    public static func balance(
        _ values: [Double], shape: [Int], margins: [IPFMargin],
        fixed: [Bool]? = nil, options: BalancingOptions = BalancingOptions()
    ) throws -> BalancingResult {
        try options.validate()
        let count = shape.reduce(1, *)
        guard shape.allSatisfy({ $0 > 0 }), values.count == count else {
            throw BalancingError.dimensionMismatch("shape \(shape) holds \(count) cells, got \(values.count) values")
        }
        if let fixed, fixed.count != count {
            throw BalancingError.dimensionMismatch("fixed-cell mask has \(fixed.count) entries, array has \(count)")
        }
        try requireNonNegativeFinite(values) { "cell \($0)" }
        var strides = [Int](repeating: 1, count: shape.count)
        for a in stride(from: shape.count - 2, through: 0, by: -1) { strides[a] = strides[a + 1] * shape[a + 1] }

        // For every margin, the margin cell of every array cell.
        var maps: [[Int]] = []
        for (k, margin) in margins.enumerated() {
            guard !margin.axes.isEmpty, Set(margin.axes).count == margin.axes.count,
                  margin.axes.allSatisfy({ (0..<shape.count).contains($0) }) else {
                throw BalancingError.invalidParameter(
                    name: "margin \(k + 1) axes", expected: "distinct axes in 0..<\(shape.count), got \(margin.axes)")
            }
            let cells = margin.axes.reduce(1) { $0 * shape[$1] }
            guard margin.targets.count == cells else {
                throw BalancingError.dimensionMismatch(
                    "margin \(k + 1) over axes \(margin.axes) needs \(cells) targets, got \(margin.targets.count)")
            }
            try requireNonNegativeFinite(margin.targets) { "target \($0 + 1) of margin \(k + 1)" }
            var map = [Int](repeating: 0, count: count)
            for c in 0..<count {
                var idx = 0
                for a in margin.axes { idx = idx * shape[a] + (c / strides[a]) % shape[a] }
                map[c] = idx
            }
            maps.append(map)
        }
        if let first = margins.first {
            let t0 = first.targets.reduce(0, +)
            for (k, margin) in margins.enumerated().dropFirst() {
                let t = margin.targets.reduce(0, +)
                if abs(t - t0) > options.tolerance * max(t, t0) {
                    throw BalancingError.inconsistentTotals(first: "targets of margin 1", firstTotal: t0,
                                                            second: "targets of margin \(k + 1)", secondTotal: t)
                }
            }
        }
        let isFixed = fixed ?? [Bool](repeating: false, count: count)
        var fixedSums: [[Double]] = []
        for (k, margin) in margins.enumerated() {
            var fs = [Double](repeating: 0, count: margin.targets.count), free = fs
            for c in 0..<count { if isFixed[c] { fs[maps[k][c]] += values[c] } else { free[maps[k][c]] += values[c] } }
            for t in 0..<fs.count {
                try checkMarginCell("cell \(t + 1) of margin \(k + 1)", target: margin.targets[t],
                                    fixedSum: fs[t], freeSum: free[t], tolerance: options.tolerance)
            }
            fixedSums.append(fs)
        }

        var x = values
        func errors() -> [[Double]] {
            margins.indices.map { k in
                var s = [Double](repeating: 0, count: margins[k].targets.count)
                for c in 0..<count { s[maps[k][c]] += x[c] }
                return s.indices.map { relativeError(s[$0], margins[k].targets[$0]) }
            }
        }
        var marginErrors = errors()
        var maxError = marginErrors.joined().max() ?? 0
        var iterations = 0
        while maxError > options.tolerance && iterations < options.maxIterations {
            iterations += 1
            for k in margins.indices {
                var free = [Double](repeating: 0, count: margins[k].targets.count)
                let map = maps[k]
                for c in 0..<count where !isFixed[c] { free[map[c]] += x[c] }
                let f = free.indices.map { free[$0] > 0 ? (margins[k].targets[$0] - fixedSums[k][$0]) / free[$0] : 1 }
                for c in 0..<count where !isFixed[c] { x[c] *= f[map[c]] }
            }
            marginErrors = errors()
            maxError = marginErrors.joined().max() ?? 0
        }
        return BalancingResult(values: x, iterations: iterations, converged: maxError <= options.tolerance,
                               maxRelativeError: maxError, marginErrors: marginErrors)
    }
}
