/// A time period of a data file: a year `2012`, a quarter `2012-Q3` or a month `2012-03`.
///
/// Convention: `decimalYear` is the **start** of the period —
/// `2012` → 2012.0, `2012-Q3` → 2012 + (3−1)/4 = 2012.5, `2012-03` → 2012 + (3−1)/12 = 2012.1667.
/// `length` is the period's length in years (1, 1/4, 1/12); the mid-period is `decimalYear + length/2`.
/// The original label is kept for output.
public struct Period: Hashable, Sendable, Comparable, Codable {
    public enum Granularity: String, Sendable, Codable { case year, quarter, month }

    public let label: String
    public let year: Int
    /// Quarter 1…4 or month 1…12; 0 for a year.
    public let subperiod: Int
    public let granularity: Granularity

    /// Parses `YYYY`, `YYYY-Qn` (n = 1…4) or `YYYY-MM` (MM = 01…12); nil otherwise.
    public init?(label raw: String) {
        var raw = raw
        guard let parsed = raw.withUTF8({ Self.parse($0) }) else { return nil }
        (year, subperiod, granularity) = parsed
        label = raw
    }

    private static func parse(_ s: UnsafeBufferPointer<UInt8>) -> (Int, Int, Granularity)? {
        func digits(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r { guard s[i] >= 48, s[i] <= 57 else { return nil }; v = v * 10 + Int(s[i] - 48) }
            return v
        }
        guard s.count >= 4, let y = digits(0..<4) else { return nil }
        if s.count == 4 { return (y, 0, .year) }
        guard s.count == 7, s[4] == 45 else { return nil }
        if s[5] == 81 || s[5] == 113 {  // 'Q' or 'q'
            guard let q = digits(6..<7), (1...4).contains(q) else { return nil }
            return (y, q, .quarter)
        }
        guard let m = digits(5..<7), (1...12).contains(m) else { return nil }
        return (y, m, .month)
    }

    public init(year: Int) { self.init(label: String(year))! }
    public init(year: Int, quarter: Int) { self.init(label: "\(year)-Q\(quarter)")! }

    /// Length of the period in years.
    public var length: Double {
        switch granularity { case .year: 1; case .quarter: 0.25; case .month: 1.0 / 12 }
    }

    /// Start of the period in decimal years (see the type's convention).
    public var decimalYear: Double {
        switch granularity {
        case .year: Double(year)
        case .quarter: Double(year) + Double(subperiod - 1) / 4
        case .month: Double(year) + Double(subperiod - 1) / 12
        }
    }

    public static func < (a: Period, b: Period) -> Bool {
        (a.year, a.decimalYear) < (b.year, b.decimalYear)
    }

    public static func == (a: Period, b: Period) -> Bool {
        a.year == b.year && a.subperiod == b.subperiod && a.granularity == b.granularity
    }

    public func hash(into h: inout Hasher) { h.combine(year); h.combine(subperiod); h.combine(granularity) }

    static let expectedText = "a period: year 'YYYY', quarter 'YYYY-Qn' (n = 1…4) or month 'YYYY-MM' (01…12)"
}
