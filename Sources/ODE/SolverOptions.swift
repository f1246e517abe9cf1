/// Plain solver options in the style of SciPy's `solve_ivp`.
///
/// The local error estimate e of a step is accepted when its weighted RMS norm
/// ‖e‖ = √(1/n Σ (eᵢ / (atolᵢ + rtol·max(|yᵢ|, |ŷᵢ|)))²) ≤ 1 (Hairer, Nørsett & Wanner I, §II.4).
public struct SolverOptions: Sendable {
    /// Relative tolerance.
    public var rtol: Double = 1e-6
    /// Absolute tolerance for every component (used when `absoluteTolerances` is nil).
    public var atol: Double = 1e-9
    /// Optional per-component absolute tolerances; must have the state's length.
    public var absoluteTolerances: [Double]? = nil
    /// First step; nil chooses it automatically (Hairer's algorithm, as SciPy's `select_initial_step`).
    public var initialStep: Double? = nil
    /// Largest step the adaptive control may take.
    public var maxStep: Double = .infinity
    /// Smallest step before `ODEError.stepSizeUnderflow`; the effective threshold is never below 10 ulp(t).
    public var minStep: Double = 0
    /// Maximum number of attempted (accepted + rejected) steps.
    public var maxSteps: Int = 1_000_000
    /// Times at which to report the solution (by dense output); nil reports every accepted step.
    public var saveAt: [Double]? = nil
    /// Keep the continuous extension of every step so that `ODESolution(t)` is exact to the method's
    /// interpolation order anywhere in the span (costs memory: 5·n numbers per Dormand–Prince step).
    public var denseOutput: Bool = false

    public init(rtol: Double = 1e-6, atol: Double = 1e-9, absoluteTolerances: [Double]? = nil,
                initialStep: Double? = nil, maxStep: Double = .infinity, minStep: Double = 0,
                maxSteps: Int = 1_000_000, saveAt: [Double]? = nil, denseOutput: Bool = false) {
        self.rtol = rtol
        self.atol = atol
        self.absoluteTolerances = absoluteTolerances
        self.initialStep = initialStep
        self.maxStep = maxStep
        self.minStep = minStep
        self.maxSteps = maxSteps
        self.saveAt = saveAt
        self.denseOutput = denseOutput
    }

    /// Checks the options against a problem of `dimension` components on `span`.
    func validate(dimension: Int, span: (Double, Double)) throws {
        guard dimension > 0 else {
            throw ODEError.invalidOption(name: "initialState.count", value: 0, expected: "at least one component")
        }
        guard span.0.isFinite else { throw ODEError.invalidOption(name: "timeSpan.0", value: span.0, expected: "a finite start time") }
        guard span.1.isFinite, span.1 > span.0 else {
            throw ODEError.invalidOption(name: "timeSpan.1", value: span.1, expected: "a finite end time greater than the start time \(span.0)")
        }
        guard rtol.isFinite, rtol >= 0 else { throw ODEError.invalidOption(name: "rtol", value: rtol, expected: "a finite number ≥ 0") }
        guard atol.isFinite, atol >= 0 else { throw ODEError.invalidOption(name: "atol", value: atol, expected: "a finite number ≥ 0") }
        if let tolerances = absoluteTolerances {
            guard tolerances.count == dimension else {
                throw ODEError.invalidOption(name: "absoluteTolerances.count", value: Double(tolerances.count), expected: "\(dimension) (the state's length)")
            }
            for (i, a) in tolerances.enumerated() where !(a.isFinite && a >= 0) {
                throw ODEError.invalidOption(name: "absoluteTolerances[\(i)]", value: a, expected: "a finite number ≥ 0")
            }
        }
        if let h = initialStep, !(h.isFinite && h > 0) {
            throw ODEError.invalidOption(name: "initialStep", value: h, expected: "a finite step > 0")
        }
        guard maxStep > 0, !maxStep.isNaN else { throw ODEError.invalidOption(name: "maxStep", value: maxStep, expected: "a step > 0 (or infinity)") }
        guard minStep.isFinite, minStep >= 0, minStep < maxStep else {
            throw ODEError.invalidOption(name: "minStep", value: minStep, expected: "a finite number ≥ 0 below maxStep")
        }
        guard maxSteps > 0 else { throw ODEError.invalidOption(name: "maxSteps", value: Double(maxSteps), expected: "a count > 0") }
        if let times = saveAt {
            guard !times.isEmpty else {
                throw ODEError.invalidOption(name: "saveAt.count", value: 0, expected: "at least one output time (or nil for every step)")
            }
            var previous = -Double.infinity
            for (i, t) in times.enumerated() {
                guard t >= span.0, t <= span.1 else {
                    throw ODEError.invalidOption(name: "saveAt[\(i)]", value: t, expected: "a time within [\(span.0), \(span.1)]")
                }
                guard t > previous else {
                    throw ODEError.invalidOption(name: "saveAt[\(i)]", value: t, expected: "strictly increasing times")
                }
                previous = t
            }
        }
    }
}
