/// The choice `solver: auto` makes between the exact modal integrator and Dormand–Prince 5(4).
///
/// The modal path applies when every potential term is quadratic, all settlements share one
/// inertia and the force is piecewise linear. It then costs one symmetric eigendecomposition,
/// about `modalWork`·n³ flops, and is exact. DP5's step is bounded by its stability limit on the
/// imaginary axis, h·√λ_max ≲ 3.3, with λ_max ≤ Gershgorin's bound of M⁻¹K; over a span T it takes
/// at least max(T·√λ_max/3.3, `minimumStepsPerYear`·T) steps of 6 gradient evaluations of
/// `gradientCost` multiply-adds each. `auto` takes the modal path when it applies and
///
///     modalWork·n³ ≤ 12·gradientCost·max(T·√λ_max/3.3, minimumStepsPerYear·T),
///
/// so non-stiff sparse problems keep DP5 (linear in the non-zeros) and stiff or dense ones
/// (where a DP5 step already costs n² and many are needed) go modal.
public enum SolverSelection {
    public enum Choice: Equatable, Sendable {
        case modal
        /// The step-by-step integrator, and why the modal one was not taken.
        case explicit(reason: String)
    }

    /// n³ multiplier of the eigendecomposition's cost, in units of a gradient multiply-add
    /// (dsyevd does ~9n³ flops at BLAS-3 speed, a mat-vec runs at memory speed).
    public static let modalWork = 3.0
    /// DP5 at the default tolerances takes at least this many steps per unit time on smooth problems.
    public static let minimumStepsPerYear = 8.0

    /// Whether the modal integrator applies, and if so whether it is estimated cheaper.
    public static func choose(model: LagrangianModel, forcing: any Forcing, span: Double, preferExact: Bool = false) -> Choice {
        guard model.uniformInertia != nil else { return .explicit(reason: "settlements have different inertia") }
        guard let bound = model.stiffnessBound() else {
            return .explicit(reason: "a potential term is not one of the quadratic terms (distance, similarity, age)")
        }
        guard forcing is any PiecewiseLinearForcing else {
            return .explicit(reason: "the force is not piecewise linear in time (zero, constant or tabulated)")
        }
        if preferExact { return .modal }
        return modalIsCheaper(dimension: model.dimension, gradientCost: model.gradientCost, stiffnessBound: bound, span: span)
            ? .modal : .explicit(reason: "DP5 is estimated cheaper for this model")
    }

    /// The cost rule alone: modalWork·n³ ≤ 12·gradientCost·max(T·√λ_max/3.3, minimumStepsPerYear·T).
    public static func modalIsCheaper(dimension: Int, gradientCost: Int, stiffnessBound: Double, span: Double) -> Bool {
        let n = Double(dimension)
        let steps = max(span * max(0, stiffnessBound).squareRoot() / 3.3, minimumStepsPerYear * span)
        return modalWork * n * n * n <= 12 * Double(gradientCost) * steps
    }
}
