/// The checks every adaptive integrator makes before attempting a step, in one place:
/// the step budget, step-size underflow (below 10 ulp of t or `minStep`, reported as a
/// non-finite state when the last rejection was caused by one), and clipping the step to t₁.
enum AdaptiveStepGuard {
    /// Throws when no further step may be attempted at time t with step h.
    static func check(t: Double, h: Double, attempted: Int, options: SolverOptions,
                      nonFiniteComponent: Int?) throws {
        guard attempted < options.maxSteps else { throw ODEError.tooManySteps(time: t, steps: attempted) }
        let smallestStep = max(options.minStep, 10 * (t.nextUp - t))
        if h < smallestStep {
            if let i = nonFiniteComponent { throw ODEError.nonFiniteState(time: t, component: i) }
            throw ODEError.stepSizeUnderflow(time: t, step: h)
        }
    }

    /// Stretches or shortens h to land exactly on t₁ when within 1% of it; true for the last step.
    static func clipToEnd(t: Double, h: inout Double, t1: Double) -> Bool {
        guard t + 1.01 * h >= t1 else { return false }
        h = t1 - t
        return true
    }
}
