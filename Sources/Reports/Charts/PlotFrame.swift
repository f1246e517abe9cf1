/// The rectangle of a chart's plotting area with its two axis scales; draws grid lines, ticks,
/// tick labels and axis titles (with units) around it.
public struct PlotFrame: Equatable, Sendable {
    public var left: Double, top: Double, right: Double, bottom: Double
    public var x: NiceScale
    public var y: NiceScale

    public init(left: Double, top: Double, right: Double, bottom: Double, x: NiceScale, y: NiceScale) {
        self.left = left; self.top = top; self.right = right; self.bottom = bottom; self.x = x; self.y = y
    }

    /// Pixel x of a data value.
    public func px(_ v: Double) -> Double { x.map(v, from: left, to: right) }
    /// Pixel y of a data value.
    public func py(_ v: Double) -> Double { y.map(v, from: bottom, to: top) }

    /// Grid, axes, tick labels, and axis titles. `xTickLabel` overrides the x labels (e.g. years).
    func drawAxes(on svg: inout SVG, xTitle: String, yTitle: String, xTickLabel: ((Double) -> String)? = nil, fontSize: Double = 11) {
        for t in y.ticks {
            let yy = py(t)
            svg.line(left, yy, right, yy, stroke: t == 0 ? "#888888" : "#e3e3e3", width: t == 0 ? 1 : 0.75)
            svg.text(left - 6, yy + fontSize * 0.35, y.label(t), anchor: .end, size: fontSize, fill: "#444444")
        }
        for t in x.ticks {
            let xx = px(t)
            svg.line(xx, top, xx, bottom, stroke: "#f0f0f0", width: 0.75)
            svg.line(xx, bottom, xx, bottom + 4, stroke: "#666666")
            svg.text(xx, bottom + 6 + fontSize, xTickLabel?(t) ?? x.label(t), anchor: .middle, size: fontSize, fill: "#444444")
        }
        svg.line(left, bottom, right, bottom, stroke: "#666666")
        svg.line(left, top, left, bottom, stroke: "#666666")
        if !xTitle.isEmpty { svg.text((left + right) / 2, bottom + 2 * fontSize + 12, xTitle, anchor: .middle, size: fontSize) }
        if !yTitle.isEmpty {
            svg.text(14, (top + bottom) / 2, yTitle, anchor: .middle, size: fontSize, rotate: -90)
        }
    }
}

/// One entry of a chart legend: a label with its colour and mark.
public struct LegendEntry: Equatable, Sendable {
    public enum Mark: String, Sendable { case line, dashed, dot, area }
    public var label: String
    public var color: String
    public var mark: Mark
    public init(label: String, color: String, mark: Mark) { self.label = label; self.color = color; self.mark = mark }
}

enum Legend {
    static func entryWidth(_ e: LegendEntry, size: Double) -> Double { 23 + TextMetrics.width(e.label, size: size) + 14 }

    /// The entries split into rows that fit in `maxWidth`.
    static func rows(_ entries: [LegendEntry], maxWidth: Double, size: Double = 11) -> [[LegendEntry]] {
        var rows: [[LegendEntry]] = [], current: [LegendEntry] = [], width = 0.0
        for e in entries {
            let w = entryWidth(e, size: size)
            if !current.isEmpty && width + w > maxWidth { rows.append(current); current = []; width = 0 }
            current.append(e); width += w
        }
        if !current.isEmpty { rows.append(current) }
        return rows
    }

    /// Draws the entries in rows of at most `maxWidth` from (x, y) (baseline of the first row).
    static func draw(_ entries: [LegendEntry], on svg: inout SVG, x: Double, y: Double, maxWidth: Double, size: Double = 11) {
        for (k, row) in rows(entries, maxWidth: maxWidth, size: size).enumerated() {
            drawRow(row, on: &svg, x: x, y: y + Double(k) * (size + 5), size: size)
        }
    }

    static func drawRow(_ entries: [LegendEntry], on svg: inout SVG, x: Double, y: Double, size: Double) {
        var cx = x
        for e in entries {
            switch e.mark {
            case .line: svg.line(cx, y - size * 0.35, cx + 18, y - size * 0.35, stroke: e.color, width: 2)
            case .dashed: svg.line(cx, y - size * 0.35, cx + 18, y - size * 0.35, stroke: e.color, width: 2, dash: "5 3")
            case .dot: svg.circle(cx + 9, y - size * 0.35, r: 3.5, fill: e.color)
            case .area: svg.rect(cx, y - size * 0.8, 18, size * 0.9, fill: e.color, opacity: 0.35)
            }
            svg.text(cx + 23, y, e.label, size: size)
            cx += entryWidth(e, size: size)
        }
    }
}

/// Rough text widths for layout (no font metrics are available; Helvetica averages ~0.55 em).
enum TextMetrics {
    static func width(_ text: String, size: Double) -> Double { Double(text.count) * size * 0.56 }
}
