import Foundation

/// A linear axis scale with "nice" ticks (Heckbert's algorithm: steps of 1, 2, 2.5 or 5 times a
/// power of ten) covering a data range. The domain is widened to the outermost ticks.
public struct NiceScale: Equatable, Sendable {
    /// The axis domain: the first and last tick (the data range for a tight scale).
    public let lower: Double
    public let upper: Double
    /// Distance between ticks.
    public let step: Double
    /// Tick values from `lower` to `upper`.
    public let ticks: [Double]

    /// A scale covering `[minimum, maximum]` with at most about `targetTicks` ticks. A degenerate
    /// range (equal ends) is widened by ±1 (or ±10% of the value); non-finite ends give [0, 1].
    /// `integerSteps` (years on a time axis) allows only whole steps of 1, 2, 5 or 10 × 10ᵏ.
    /// `tight` keeps the domain at the data range (time axes) and only the ticks inside it.
    public init(minimum: Double, maximum: Double, targetTicks: Int = 6, includeZero: Bool = false, integerSteps: Bool = false,
                tight: Bool = false) {
        var lo = minimum, hi = maximum
        if !lo.isFinite || !hi.isFinite { lo = 0; hi = 1 }
        if lo > hi { swap(&lo, &hi) }
        if includeZero { lo = min(lo, 0); hi = max(hi, 0) }
        if hi - lo < 1e-12 * max(1, abs(lo)) {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            lo -= pad; hi += pad
        }
        var step = NiceScale.niceNumber((hi - lo) / Double(max(1, targetTicks - 1)), round: true)
        if integerSteps {
            if step < 1 { step = 1 }
            let leading = step / pow(10, floor(log10(step)))
            if abs(leading - 2.5) < 1e-9 { step *= 2 }  // 2.5 → 5 (25 → 50)
        }
        let first = floor(lo / step + 1e-9) * step
        let last = ceil(hi / step - 1e-9) * step
        let count = Int(((last - first) / step).rounded()) + 1
        self.step = step
        // Ticks as integer multiples of the step, so 0.1 + 0.2 drift never appears in labels.
        let k0 = (first / step).rounded()
        let all = (0..<count).map { (k0 + Double($0)) * step }
        if tight {
            let inside = all.filter { $0 >= lo - 1e-9 * step && $0 <= hi + 1e-9 * step }
            self.ticks = inside
            self.lower = lo
            self.upper = hi
        } else {
            self.ticks = all
            self.lower = all.first!
            self.upper = all.last!
        }
    }

    /// A scale over finite values of `values` (non-finite ones ignored).
    public init<S: Sequence>(covering values: S, targetTicks: Int = 6, includeZero: Bool = false, integerSteps: Bool = false,
                             tight: Bool = false) where S.Element == Double {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite { lo = min(lo, v); hi = max(hi, v) }
        self.init(minimum: lo, maximum: hi, targetTicks: targetTicks, includeZero: includeZero, integerSteps: integerSteps, tight: tight)
    }

    /// 1, 2, 2.5, 5 or 10 times a power of ten, near `x` (rounded) or not below it.
    static func niceNumber(_ x: Double, round: Bool) -> Double {
        let exponent = floor(log10(x))
        let fraction = x / pow(10, exponent)
        let nice: Double
        if round {
            nice = fraction < 1.5 ? 1 : fraction < 2.25 ? 2 : fraction < 3.5 ? 2.5 : fraction < 7.5 ? 5 : 10
        } else {
            nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10
        }
        return nice * pow(10, exponent)
    }

    /// Maps a value of the domain linearly onto `[from, to]` (pixels; `to` < `from` for a y axis).
    public func map(_ value: Double, from: Double, to: Double) -> Double {
        from + (value - lower) / (upper - lower) * (to - from)
    }

    /// The tick label of `value` (as many decimals as the step needs).
    public func label(_ value: Double) -> String { NumberFormat.tick(value, step: step) }
}
