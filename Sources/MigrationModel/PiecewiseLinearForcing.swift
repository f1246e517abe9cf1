/// A forcing that is affine in t between known breakpoints and continuous:
///
///     f(t) = f(t_a) + (t − t_a)·(f(t_b) − f(t_a))/(t_b − t_a)   for t_a ≤ t ≤ t_b consecutive breakpoints,
///
/// constant before the first and after the last. The exact (modal) integrator needs no more of
/// the force than its values at the breakpoints and at the output times.
public protocol PiecewiseLinearForcing: Forcing {
    /// The times where the slope may change (ascending; empty for a constant force).
    var breakpoints: [Double] { get }
    /// True when f ≡ 0 (lets the integrator skip the force altogether).
    var isZero: Bool { get }
}

extension PiecewiseLinearForcing {
    public var isZero: Bool { false }
}

extension ZeroForcing: PiecewiseLinearForcing {
    public var breakpoints: [Double] { [] }
    public var isZero: Bool { true }
}

extension ConstantForcing: PiecewiseLinearForcing {
    public var breakpoints: [Double] { [] }
}

extension TabulatedForcing: PiecewiseLinearForcing {
    /// The knots: linear in between, constant beyond the ends.
    public var breakpoints: [Double] { times }
}
