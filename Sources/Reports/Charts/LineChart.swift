/// A line chart of one or more series against a common x axis (time in decimal years, usually),
/// with optional shaded bands between two curves (e.g. scenario minus baseline), a legend and
/// axis titles with units.
public struct LineChart: Sendable {
    /// A named curve; non-finite y values leave a gap.
    public struct Series: Sendable {
        public enum Style: String, Sendable { case solid, dashed, markers }
        public var name: String
        public var x: [Double]
        public var y: [Double]
        public var style: Style
        public var color: String
        public init(name: String, x: [Double], y: [Double], style: Style = .solid, color: String) {
            self.name = name; self.x = x; self.y = y; self.style = style; self.color = color
        }
    }

    /// The area between two curves sampled at the same x (shaded; crossing curves are fine).
    public struct Band: Sendable {
        public var name: String
        public var x: [Double]
        public var from: [Double]
        public var to: [Double]
        public var color: String
        public init(name: String, x: [Double], from: [Double], to: [Double], color: String) {
            self.name = name; self.x = x; self.from = from; self.to = to; self.color = color
        }
    }

    public var title: String
    public var xTitle: String
    public var yTitle: String
    public var series: [Series]
    public var bands: [Band]
    public var width: Double
    public var height: Double
    /// Whether the y axis must include 0 (balances: yes, so the sign is visible).
    public var includeZero: Bool
    /// The x axis is time in years: whole-number ticks labelled "2005".
    public var yearTicks: Bool
    /// Note drawn under the title (e.g. "R² 0.91, RMSE 1.2").
    public var note: String?

    public init(title: String, xTitle: String, yTitle: String, series: [Series], bands: [Band] = [],
                width: Double = 720, height: Double = 360, includeZero: Bool = true, yearTicks: Bool = true, note: String? = nil) {
        self.title = title; self.xTitle = xTitle; self.yTitle = yTitle; self.series = series; self.bands = bands
        self.width = width; self.height = height; self.includeZero = includeZero; self.yearTicks = yearTicks; self.note = note
    }

    /// Axis scales, plotting rectangle and legend entries (what `svg()` draws; tested directly).
    public struct Layout: Equatable, Sendable {
        public var frame: PlotFrame
        public var legend: [LegendEntry]
    }

    public func layout() -> Layout {
        let xs = series.flatMap(\.x) + bands.flatMap(\.x)
        let ys = series.flatMap(\.y) + bands.flatMap(\.from) + bands.flatMap(\.to)
        let compact = height < 260
        let xScale = NiceScale(covering: xs, targetTicks: max(3, Int(width / 90)), integerSteps: yearTicks, tight: yearTicks)
        let yScale = NiceScale(covering: ys, targetTicks: compact ? 4 : 6, includeZero: includeZero)
        let labelWidth = yScale.ticks.map { TextMetrics.width(yScale.label($0), size: 11) }.max() ?? 20
        let legendRows = Legend.rows(legend, maxWidth: width - 30 - labelWidth - 14).count
        let top = 28.0 + (note == nil ? 0 : 14) + Double(legendRows) * 16 + (legendRows > 0 ? 2 : 0)
        let frame = PlotFrame(left: 30 + labelWidth, top: top, right: width - 14, bottom: height - 44,
                              x: xScale, y: yScale)
        return Layout(frame: frame, legend: legend)
    }

    /// Legend entries; none for a single unnamed-worthy series (its title says what it is).
    var legend: [LegendEntry] {
        if bands.isEmpty && series.count <= 1 { return [] }
        return bands.map { LegendEntry(label: $0.name, color: $0.color, mark: .area) }
            + series.map { LegendEntry(label: $0.name, color: $0.color, mark: $0.style == .solid ? .line : $0.style == .dashed ? .dashed : .dot) }
    }

    public func svg() -> SVG {
        let layout = layout()
        let f = layout.frame
        var svg = SVG(width: width, height: height, title: title)
        svg.text(f.left, 18, title, size: 13, weight: "bold")
        var y = 18.0
        if let note { y += 14; svg.text(f.left, y, note, size: 11, fill: "#555555") }
        if !layout.legend.isEmpty { Legend.draw(layout.legend, on: &svg, x: f.left, y: y + 17, maxWidth: f.right - f.left) }
        f.drawAxes(on: &svg, xTitle: xTitle, yTitle: yTitle,
                   xTickLabel: yearTicks ? { NumberFormat.fixed($0, 0) } : nil)
        for band in bands {
            let n = min(band.x.count, band.from.count, band.to.count)
            var run: [(x: Double, a: Double, b: Double)] = []
            func flush() {
                guard run.count >= 2 else { run = []; return }
                let forward = run.map { (x: f.px($0.x), y: f.py($0.b)) }
                let back = run.reversed().map { (x: f.px($0.x), y: f.py($0.a)) }
                svg.path(SVG.polyline(forward + back) + " Z", fill: band.color, opacity: 0.3)
                run = []
            }
            for k in 0..<n {
                if band.x[k].isFinite && band.from[k].isFinite && band.to[k].isFinite { run.append((band.x[k], band.from[k], band.to[k])) } else { flush() }
            }
            flush()
        }
        for s in series {
            let points = zip(s.x, s.y).map { (x: f.px($0), y: $1.isFinite ? f.py($1) : .nan) }
            switch s.style {
            case .solid: svg.path(SVG.polyline(points), stroke: s.color, width: 1.8)
            case .dashed: svg.path(SVG.polyline(points), stroke: s.color, width: 1.8, dash: "5 3")
            case .markers:
                for p in points where p.x.isFinite && p.y.isFinite { svg.circle(p.x, p.y, r: 2.2, fill: s.color) }
            }
        }
        return svg
    }
}
