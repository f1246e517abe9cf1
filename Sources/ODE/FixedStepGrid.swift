/// The fixed-step grid t₀ + k·h, k = 0…N, whose last node is moved to t₁ exactly
/// (N = ⌈(t₁ − t₀)/h⌉, ignoring a last piece shorter than 10⁻⁹·h caused by rounding).
struct FixedStepGrid {
    let start: Double
    let end: Double
    let step: Double
    let count: Int

    init(span: (Double, Double), step: Double) throws {
        guard step.isFinite, step > 0 else {
            throw ODEError.invalidOption(name: "step", value: step, expected: "a finite step > 0")
        }
        start = span.0
        end = span.1
        self.step = step
        let ratio = (span.1 - span.0) / step
        let nearest = ratio.rounded()
        let steps = abs(ratio - nearest) <= 1e-9 * max(1, ratio) ? nearest : ratio.rounded(.up)
        count = max(1, Int(steps))
    }

    func node(_ k: Int) -> Double { k >= count ? end : start + Double(k) * step }
}
