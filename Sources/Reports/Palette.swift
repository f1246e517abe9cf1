import Foundation

/// Colours of the charts: a categorical palette for series and a diverging and a sequential
/// scale for heat maps and the map. All colours are `#rrggbb` strings.
public enum Palette {
    /// Ten distinguishable colours (Tableau 10), cycled.
    public static let categorical = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                                     "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"]

    public static func category(_ index: Int) -> String { categorical[((index % 10) + 10) % 10] }

    /// Diverging blue–white–red for t in [−1, 1] (negative blue, positive red); clamped.
    public static func diverging(_ t: Double) -> String {
        let t = t.isFinite ? max(-1, min(1, t)) : 0
        let white = (247.0, 247.0, 247.0), red = (178.0, 24.0, 43.0), blue = (33.0, 102.0, 172.0)
        return t >= 0 ? mix(white, red, t) : mix(white, blue, -t)
    }

    /// Sequential light-yellow to dark-blue for t in [0, 1]; clamped.
    public static func sequential(_ t: Double) -> String {
        let t = t.isFinite ? max(0, min(1, t)) : 0
        let stops: [(Double, Double, Double)] = [(255, 255, 217), (127, 205, 187), (29, 145, 192), (8, 29, 88)]
        let x = t * Double(stops.count - 1)
        let i = min(Int(x), stops.count - 2)
        return mix(stops[i], stops[i + 1], x - Double(i))
    }

    static func mix(_ a: (Double, Double, Double), _ b: (Double, Double, Double), _ t: Double) -> String {
        func channel(_ u: Double, _ v: Double) -> String {
            let x = Int((u + (v - u) * t).rounded())
            return String(format: "%02x", max(0, min(255, x)))
        }
        return "#" + channel(a.0, b.0) + channel(a.1, b.1) + channel(a.2, b.2)
    }
}
