/// A minimal SVG writer: elements are appended as text with fixed number formatting, so the
/// same drawing calls always give the same bytes. Coordinates are pixels, y downwards.
public struct SVG: Sendable {
    public let width: Double
    public let height: Double
    /// Accessible title (the `<title>` element).
    public let title: String
    private var elements: [String] = []

    public init(width: Double, height: Double, title: String) {
        self.width = width; self.height = height; self.title = title
    }

    /// The complete `<svg>` element. `standalone` adds the SVG namespace declaration, which a
    /// file or notebook output needs and HTML5 inline SVG does not.
    public func render(standalone: Bool = true) -> String { render(standalone: standalone, origin: nil) }

    /// `origin` places the drawing inside another SVG (a nested `<svg>` at that position).
    func render(standalone: Bool, origin: (x: Double, y: Double)?) -> String {
        let c = NumberFormat.coordinate
        var s = "<svg"
        if standalone { s += " xmlns=\"http://www.w3.org/2000/svg\"" }
        if let origin { s += " x=\"\(c(origin.x))\" y=\"\(c(origin.y))\"" }
        s += " viewBox=\"0 0 \(c(width)) \(c(height))\" width=\"\(c(width))\" height=\"\(c(height))\""
        s += " font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\" role=\"img\">\n"
        s += "<title>\(SVG.escape(title))</title>\n"
        s += "<rect x=\"0\" y=\"0\" width=\"\(c(width))\" height=\"\(c(height))\" fill=\"#ffffff\"/>\n"
        for e in elements { s += e + "\n" }
        return s + "</svg>\n"
    }

    /// Escapes text for XML content and attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }

    private static func attributes(_ attrs: [(String, String)]) -> String {
        attrs.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
    }

    public mutating func raw(_ element: String) { elements.append(element) }

    public mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double,
                              stroke: String, width: Double = 1, dash: String? = nil) {
        let c = NumberFormat.coordinate
        var a: [(String, String)] = [("x1", c(x1)), ("y1", c(y1)), ("x2", c(x2)), ("y2", c(y2)),
                                     ("stroke", stroke), ("stroke-width", c(width))]
        if let dash { a.append(("stroke-dasharray", dash)) }
        elements.append("<line\(SVG.attributes(a))/>")
    }

    public mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String,
                              stroke: String? = nil, opacity: Double? = nil, tooltip: String? = nil) {
        let c = NumberFormat.coordinate
        var a: [(String, String)] = [("x", c(x)), ("y", c(y)), ("width", c(max(0, w))), ("height", c(max(0, h))), ("fill", fill)]
        if let stroke { a.append(("stroke", stroke)); a.append(("stroke-width", "0.5")) }
        if let opacity { a.append(("fill-opacity", NumberFormat.coordinate(opacity))) }
        elements.append(SVG.withTooltip("rect", a, tooltip))
    }

    public mutating func circle(_ cx: Double, _ cy: Double, r: Double, fill: String, stroke: String? = nil,
                                opacity: Double? = nil, tooltip: String? = nil) {
        let c = NumberFormat.coordinate
        var a: [(String, String)] = [("cx", c(cx)), ("cy", c(cy)), ("r", c(r)), ("fill", fill)]
        if let stroke { a.append(("stroke", stroke)); a.append(("stroke-width", "0.75")) }
        if let opacity { a.append(("fill-opacity", NumberFormat.coordinate(opacity))) }
        elements.append(SVG.withTooltip("circle", a, tooltip))
    }

    /// A path from its `d` attribute (build it with `SVG.polyline` or `PathBuilder`).
    public mutating func path(_ d: String, stroke: String = "none", width: Double = 1, fill: String = "none",
                              opacity: Double? = nil, dash: String? = nil, tooltip: String? = nil) {
        var a: [(String, String)] = [("d", d), ("fill", fill), ("stroke", stroke), ("stroke-width", NumberFormat.coordinate(width))]
        if let opacity { a.append(("opacity", NumberFormat.coordinate(opacity))) }
        if let dash { a.append(("stroke-dasharray", dash)) }
        a.append(("stroke-linejoin", "round"))
        elements.append(SVG.withTooltip("path", a, tooltip))
    }

    public enum Anchor: String, Sendable { case start, middle, end }

    public mutating func text(_ x: Double, _ y: Double, _ content: String, anchor: Anchor = .start,
                              size: Double = 12, weight: String? = nil, fill: String = "#222222", rotate: Double? = nil) {
        let c = NumberFormat.coordinate
        var a: [(String, String)] = [("x", c(x)), ("y", c(y)), ("text-anchor", anchor.rawValue), ("font-size", c(size)), ("fill", fill)]
        if let weight { a.append(("font-weight", weight)) }
        if let rotate { a.append(("transform", "rotate(\(c(rotate)) \(c(x)) \(c(y)))")) }
        elements.append("<text\(SVG.attributes(a))>\(SVG.escape(content))</text>")
    }

    private static func withTooltip(_ tag: String, _ a: [(String, String)], _ tooltip: String?) -> String {
        guard let tooltip else { return "<\(tag)\(attributes(a))/>" }
        return "<\(tag)\(attributes(a))><title>\(escape(tooltip))</title></\(tag)>"
    }

    /// Path data through the points; non-finite points break the line (a gap, never "NaN").
    public static func polyline(_ points: [(x: Double, y: Double)]) -> String {
        let c = NumberFormat.coordinate
        var d = "", penDown = false
        for p in points {
            guard p.x.isFinite, p.y.isFinite else { penDown = false; continue }
            d += (d.isEmpty ? "" : " ") + (penDown ? "L" : "M") + c(p.x) + " " + c(p.y)
            penDown = true
        }
        return d
    }
}
