/// A heat map of a matrix (flows between regions, balancer errors, contributions per region and
/// feature): coloured cells with row and column labels, a colour bar with nice ticks, and the
/// values printed in the cells when they fit.
public struct HeatMap: Sendable {
    public enum Scale: String, Sendable {
        /// Blue–white–red, symmetric around zero (signed values).
        case diverging
        /// Light to dark from the minimum to the maximum (non-negative values).
        case sequential
    }

    public var title: String
    public var valueTitle: String
    public var rowLabels: [String]
    public var columnLabels: [String]
    /// values[row][column]; nil or non-finite cells are drawn grey.
    public var values: [[Double?]]
    public var scale: Scale
    public var cellSize: Double
    public var showValues: Bool

    public init(title: String, valueTitle: String, rowLabels: [String], columnLabels: [String], values: [[Double?]],
                scale: Scale, cellSize: Double = 34, showValues: Bool = true) {
        self.title = title; self.valueTitle = valueTitle; self.rowLabels = rowLabels; self.columnLabels = columnLabels
        self.values = values; self.scale = scale; self.cellSize = cellSize; self.showValues = showValues
    }

    /// The colour scale's domain and ticks (symmetric for diverging).
    public func colourScale() -> NiceScale {
        let finite = values.flatMap { $0.compactMap { $0 } }.filter(\.isFinite)
        switch scale {
        case .diverging:
            let m = finite.map(abs).max() ?? 1
            return NiceScale(minimum: -m, maximum: m, targetTicks: 5)
        case .sequential:
            return NiceScale(covering: finite, targetTicks: 5, includeZero: true)
        }
    }

    var leftMargin: Double { 16 + (rowLabels.map { TextMetrics.width($0, size: 11) }.max() ?? 20) }
    var topMargin: Double { 40 + (columnLabels.map { TextMetrics.width($0, size: 11) }.max() ?? 20) * 0.72 }
    public var width: Double { leftMargin + cellSize * Double(columnLabels.count) + 110 }
    public var height: Double { max(topMargin + cellSize * Double(rowLabels.count) + 40, 260) }

    public func colour(_ v: Double?, _ s: NiceScale) -> String {
        guard let v, v.isFinite else { return "#d9d9d9" }
        switch scale {
        case .diverging: return Palette.diverging(v / max(abs(s.lower), abs(s.upper)))
        case .sequential: return Palette.sequential((v - s.lower) / (s.upper - s.lower))
        }
    }

    public func svg() -> SVG {
        let s = colourScale()
        var svg = SVG(width: width, height: height, title: title)
        svg.text(10, 18, title, size: 13, weight: "bold")
        let x0 = leftMargin, y0 = topMargin
        for (j, label) in columnLabels.enumerated() {
            let x = x0 + cellSize * (Double(j) + 0.5)
            svg.text(x + 3, y0 - 6, label, size: 11, rotate: -45)
        }
        let fontSize = min(10, cellSize * 0.3)
        for (i, label) in rowLabels.enumerated() {
            let y = y0 + cellSize * Double(i)
            svg.text(x0 - 6, y + cellSize / 2 + 4, label, anchor: .end, size: 11)
            for j in columnLabels.indices {
                let v = i < values.count && j < values[i].count ? values[i][j] : nil
                let fill = colour(v, s)
                svg.rect(x0 + cellSize * Double(j), y, cellSize, cellSize, fill: fill, stroke: "#ffffff",
                         tooltip: "\(label) → \(columnLabels[j]): \(v.map { NumberFormat.table($0) } ?? "missing")")
                if showValues, let v, v.isFinite, cellSize >= 22 {
                    let t = scale == .diverging ? abs(v) / max(abs(s.lower), abs(s.upper)) : (v - s.lower) / (s.upper - s.lower)
                    svg.text(x0 + cellSize * (Double(j) + 0.5), y + cellSize / 2 + fontSize * 0.35, NumberFormat.table(v, significant: 2),
                             anchor: .middle, size: fontSize, fill: t > 0.6 ? "#ffffff" : "#222222")
                }
            }
        }
        // Colour bar.
        let bx = x0 + cellSize * Double(columnLabels.count) + 24, top = y0, h = max(120, min(260, cellSize * Double(rowLabels.count)))
        let steps = 40
        for k in 0..<steps {
            let v = s.upper - (s.upper - s.lower) * (Double(k) + 0.5) / Double(steps)
            svg.rect(bx, top + h * Double(k) / Double(steps), 14, h / Double(steps) + 0.5, fill: colour(v, s))
        }
        for t in s.ticks {
            let y = top + h * (s.upper - t) / (s.upper - s.lower)
            svg.line(bx + 14, y, bx + 18, y, stroke: "#666666")
            svg.text(bx + 21, y + 4, s.label(t), size: 10, fill: "#444444")
        }
        svg.text(bx, top + h + 18, valueTitle, size: 10, fill: "#444444")
        return svg
    }
}
