/// Small multiples: several charts of equal size laid out in rows of `columns` inside one SVG
/// (each chart a nested `<svg>`), under a common title.
public enum ChartGrid {
    public static func compose(title: String, panels: [SVG], columns: Int) -> SVG {
        let columns = max(1, min(columns, max(1, panels.count)))
        let w = panels.map(\.width).max() ?? 0, h = panels.map(\.height).max() ?? 0
        let rows = (panels.count + columns - 1) / columns
        let header = 26.0
        var svg = SVG(width: w * Double(columns), height: header + h * Double(rows), title: title)
        svg.text(10, 18, title, size: 14, weight: "bold")
        for (k, panel) in panels.enumerated() {
            let origin = (x: w * Double(k % columns), y: header + h * Double(k / columns))
            svg.raw(panel.render(standalone: false, origin: origin).trimmingTrailingNewline)
        }
        return svg
    }
}

extension String {
    var trimmingTrailingNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
