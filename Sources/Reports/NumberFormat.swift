import Foundation

/// Fixed, locale-independent number formatting: every number in an SVG, HTML table or notebook
/// goes through here, so the same input gives the same bytes on every machine.
public enum NumberFormat {
    /// `value` with exactly `decimals` digits after the point ("-0.00" is written "0.00");
    /// non-finite values are written "–" (an en dash), never "nan".
    public static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return "–" }
        let d = max(0, min(decimals, 12))
        var s = String(format: "%.\(d)f", value)
        if s.hasPrefix("-"), s.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { s.removeFirst() }
        return s
    }

    /// A pixel coordinate: two decimals, trailing zeros and a trailing point removed.
    public static func coordinate(_ value: Double) -> String {
        var s = fixed(value, 2)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }

    /// A tick label for a value on an axis whose ticks are `step` apart: as many decimals as the
    /// step needs (step 0.25 → 2, step 5 → 0), thousands grouped by a thin space for |v| ≥ 10,000.
    public static func tick(_ value: Double, step: Double) -> String {
        let decimals = step > 0 && step.isFinite ? max(0, Int((-log10(step)).rounded(.up) + 0.0)) : 2
        let s = fixed(value, min(decimals + (fractionNeedsExtraDigit(step) ? 1 : 0), 8))
        return groupThousands(s)
    }

    /// A table value with `significant` significant digits (at least 0 and at most 6 decimals);
    /// whole numbers without decimals.
    public static func table(_ value: Double, significant: Int = 4) -> String {
        guard value.isFinite else { return "–" }
        if value == 0 { return "0" }
        // Whole numbers (counts, populations) are written without decimals.
        if value == value.rounded(), abs(value) < 1e15 { return groupThousands(fixed(value, 0)) }
        let magnitude = Int(floor(log10(abs(value))))
        let decimals = max(0, min(6, significant - 1 - magnitude))
        return groupThousands(fixed(value, decimals))
    }

    /// Inserts a thin space (U+2009) between thousands of the integer part when it has 5+ digits.
    static func groupThousands(_ s: String) -> String {
        let negative = s.hasPrefix("-")
        let body = negative ? String(s.dropFirst()) : s
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integer = Array(parts[0])
        guard integer.count >= 5 else { return s }
        var grouped = ""
        for (i, c) in integer.enumerated() {
            if i > 0 && (integer.count - i) % 3 == 0 { grouped.append("\u{2009}") }
            grouped.append(c)
        }
        let rest = parts.count > 1 ? "." + parts[1] : ""
        return (negative ? "-" : "") + grouped + rest
    }

    /// True for steps such as 0.25 or 2.5 whose leading digit sits one place further right.
    static func fractionNeedsExtraDigit(_ step: Double) -> Bool {
        guard step > 0, step < 10, step.isFinite else { return false }
        let scaled = step / pow(10, floor(log10(step)))
        return abs(scaled - 2.5) < 1e-9
    }
}
