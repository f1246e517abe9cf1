import Foundation

/// A beeswarm (dot) plot of Shapley values: one row per feature, one dot per explained instance
/// at x = its Shapley value, dots pushed apart vertically so they do not overlap, coloured by the
/// instance's feature value (blue low → red high) when given.
public struct BeeswarmChart: Sendable {
    public struct Row: Sendable {
        public var feature: String
        /// Shapley values (x positions); non-finite values are skipped.
        public var values: [Double]
        /// The feature's value for each dot (for the colour), or nil.
        public var featureValues: [Double]?
        public init(feature: String, values: [Double], featureValues: [Double]? = nil) {
            self.feature = feature; self.values = values; self.featureValues = featureValues
        }
    }

    public var title: String
    public var valueTitle: String
    public var rows: [Row]
    public var width: Double
    public var rowHeight: Double
    public var dotRadius: Double
    /// A row with more finite values is drawn by this many evenly spaced order statistics (the
    /// minimum, the maximum and the quantiles between), which keeps the distribution's shape and
    /// the drawing small: a swarm of 70,000 dots is neither readable nor cheap to lay out.
    public var maximumDots: Int

    public static let defaultMaximumDots = 600

    public init(title: String, valueTitle: String, rows: [Row], width: Double = 720, rowHeight: Double = 34, dotRadius: Double = 2.6,
                maximumDots: Int = BeeswarmChart.defaultMaximumDots) {
        self.title = title; self.valueTitle = valueTitle; self.rows = rows; self.width = width
        self.rowHeight = rowHeight; self.dotRadius = dotRadius; self.maximumDots = max(2, maximumDots)
    }

    /// Whether some row is drawn from a sample of its values.
    public var isSampled: Bool { rows.contains { $0.values.filter(\.isFinite).count > maximumDots } }

    /// The indices of `values`' finite entries that are drawn: all of them, or `count` evenly
    /// spaced order statistics (ranks round(j·(N − 1)/(count − 1))).
    static func drawnIndices(_ values: [Double], count: Int) -> [Int] {
        let finite = values.indices.filter { values[$0].isFinite }
        guard finite.count > count else { return finite }
        let sorted = finite.sorted { values[$0] != values[$1] ? values[$0] < values[$1] : $0 < $1 }
        let n = sorted.count
        return (0..<count).map { j in sorted[Int((Double(j) * Double(n - 1) / Double(count - 1)).rounded())] }
    }

    public var height: Double { 56 + rowHeight * Double(max(1, rows.count)) + 44 }

    public func layout() -> PlotFrame {
        let labelWidth = rows.map { TextMetrics.width($0.feature, size: 11) }.max() ?? 40
        let scale = NiceScale(covering: rows.flatMap(\.values), targetTicks: 6, includeZero: true)
        let slots = NiceScale(minimum: 0, maximum: Double(max(1, rows.count)), targetTicks: 2)
        return PlotFrame(left: 16 + labelWidth, top: 50, right: width - 20, bottom: 50 + rowHeight * Double(max(1, rows.count)),
                         x: scale, y: slots)
    }

    /// Vertical offsets of dots at pixel positions `xs` (in order of x): each dot takes the
    /// smallest offset 0, +d, −d, +2d, … that keeps it 2r away from the dots already placed,
    /// capped at half the row height (then dots may overlap).
    static func swarmOffsets(_ xs: [Double], radius r: Double, limit: Double) -> [Double] {
        let order = xs.indices.sorted { xs[$0] != xs[$1] ? xs[$0] < xs[$1] : $0 < $1 }
        var placed: [(x: Double, y: Double)] = []
        var offsets = [Double](repeating: 0, count: xs.count)
        let minDistance = 2 * r
        for i in order {
            var chosen = 0.0
            var k = 0
            while true {
                let candidate = k == 0 ? 0 : Double((k + 1) / 2) * r * (k % 2 == 1 ? 1 : -1)
                if abs(candidate) > limit { chosen = 0; break }
                let clash = placed.contains { abs($0.x - xs[i]) < minDistance && hypot($0.x - xs[i], $0.y - candidate) < minDistance }
                if !clash { chosen = candidate; break }
                k += 1
            }
            offsets[i] = chosen
            placed.append((xs[i], chosen))
        }
        return offsets
    }

    public func svg() -> SVG {
        let f = layout()
        var svg = SVG(width: width, height: height, title: title)
        svg.text(10, 18, title, size: 13, weight: "bold")
        let hasColour = rows.contains { $0.featureValues != nil }
        if hasColour {
            svg.text(10, 36, "colour: feature value", size: 11, fill: "#444444")
            let x0 = 10 + TextMetrics.width("colour: feature value", size: 11) + 10
            svg.text(x0, 36, "low", size: 10, fill: "#444444")
            for k in 0..<20 { svg.rect(x0 + 24 + Double(k) * 4, 28, 4, 10, fill: Palette.diverging(Double(k) / 9.5 - 1)) }
            svg.text(x0 + 24 + 84, 36, "high", size: 10, fill: "#444444")
        }
        for t in f.x.ticks {
            let xx = f.px(t)
            svg.line(xx, f.top, xx, f.bottom, stroke: t == 0 ? "#666666" : "#e6e6e6", width: t == 0 ? 1 : 0.75)
            svg.text(xx, f.bottom + 17, f.x.label(t), anchor: .middle, size: 11, fill: "#444444")
        }
        svg.text((f.left + f.right) / 2, f.bottom + 36, valueTitle, anchor: .middle, size: 11)
        for (k, row) in rows.enumerated() {
            let centre = f.top + rowHeight * (Double(k) + 0.5)
            svg.line(f.left, centre, f.right, centre, stroke: "#f2f2f2", width: 0.75)
            svg.text(f.left - 6, centre + 4, row.feature, anchor: .end, size: 11)
            let finite = BeeswarmChart.drawnIndices(row.values, count: maximumDots)
            let xs = finite.map { f.px(row.values[$0]) }
            let offsets = BeeswarmChart.swarmOffsets(xs, radius: dotRadius, limit: rowHeight / 2 - dotRadius)
            var colours = [String](repeating: Palette.category(0), count: finite.count)
            if let fv = row.featureValues {
                let vals = finite.map { $0 < fv.count ? fv[$0] : .nan }
                let lo = vals.filter(\.isFinite).min() ?? 0, hi = vals.filter(\.isFinite).max() ?? 1
                colours = vals.map { v in v.isFinite && hi > lo ? Palette.diverging(2 * (v - lo) / (hi - lo) - 1) : "#999999" }
            }
            for (j, x) in xs.enumerated() {
                svg.circle(x, centre + offsets[j], r: dotRadius, fill: colours[j], stroke: "#ffffff", opacity: 0.9)
            }
        }
        return svg
    }
}
