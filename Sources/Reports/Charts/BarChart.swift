/// A horizontal bar chart of signed values (Shapley importance, contributions, coefficients):
/// one bar per label, in the given order, with a zero line, value labels and a unit on the axis.
public struct BarChart: Sendable {
    public struct Bar: Sendable, Equatable {
        public var label: String
        public var value: Double
        public init(label: String, value: Double) { self.label = label; self.value = value }
    }

    public var title: String
    public var valueTitle: String
    public var bars: [Bar]
    public var width: Double
    /// Bars coloured by sign (positive red, negative blue) instead of one colour.
    public var colourBySign: Bool

    public init(title: String, valueTitle: String, bars: [Bar], width: Double = 720, colourBySign: Bool = false) {
        self.title = title; self.valueTitle = valueTitle; self.bars = bars; self.width = width; self.colourBySign = colourBySign
    }

    public var height: Double { 70 + 22 * Double(max(1, bars.count)) + 20 }

    public func layout() -> PlotFrame {
        let labelWidth = bars.map { TextMetrics.width($0.label, size: 11) }.max() ?? 40
        let scale = NiceScale(covering: bars.map(\.value), targetTicks: 6, includeZero: true)
        // y: a dummy scale over bar slots (slot k centred at k + 0.5).
        let slots = NiceScale(minimum: 0, maximum: Double(max(1, bars.count)), targetTicks: 2)
        let negativeRoom = bars.contains { $0.value < 0 } ? 44.0 : 0
        return PlotFrame(left: 16 + labelWidth + negativeRoom, top: 36, right: width - 56, bottom: 36 + 22 * Double(max(1, bars.count)),
                         x: scale, y: slots)
    }

    public func svg() -> SVG {
        let f = layout()
        var svg = SVG(width: width, height: height, title: title)
        svg.text(10, 18, title, size: 13, weight: "bold")
        for t in f.x.ticks {
            let xx = f.px(t)
            svg.line(xx, f.top, xx, f.bottom, stroke: t == 0 ? "#666666" : "#e6e6e6", width: t == 0 ? 1 : 0.75)
            svg.text(xx, f.bottom + 17, f.x.label(t), anchor: .middle, size: 11, fill: "#444444")
        }
        svg.text((f.left + f.right) / 2, f.bottom + 36, valueTitle, anchor: .middle, size: 11)
        let zero = f.px(0)
        for (k, bar) in bars.enumerated() {
            let y = f.top + 22 * Double(k)
            svg.text(f.left - 6, y + 15, bar.label, anchor: .end, size: 11)
            guard bar.value.isFinite else { svg.text(zero + 4, y + 15, "–", size: 11); continue }
            let x = f.px(bar.value)
            let colour = colourBySign ? (bar.value >= 0 ? "#d6604d" : "#4393c3") : Palette.category(0)
            svg.rect(min(x, zero), y + 4, abs(x - zero), 14, fill: colour,
                     tooltip: "\(bar.label): \(NumberFormat.table(bar.value))")
            let label = NumberFormat.table(bar.value, significant: 3)
            if bar.value >= 0 { svg.text(x + 4, y + 15, label, size: 10, fill: "#444444") }
            else { svg.text(x - 4, y + 15, label, anchor: .end, size: 10, fill: "#444444") }
        }
        return svg
    }
}
