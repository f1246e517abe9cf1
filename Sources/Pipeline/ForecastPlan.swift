/// How the forecast settings are chosen (SPEC §12): the horizon and the shortest validation window.
public enum ForecastPlan {
    /// The horizon on which ρ, ω are chosen: 3 periods, the horizon demographers' short-term
    /// forecasts and SPEC §12's backtests use; fixed so that the choice does not depend on how far a
    /// particular run forecasts.
    public static let selectionHorizon = 3

    /// The shortest window a validation fit may have (periods): twice the four periods a fit needs
    /// at least, so that the validation model has seen more than one swing of the series. Below it
    /// the forecast settings stay at persistence. (Chosen after a first Korean backtest showed
    /// validation fits on 4–7 crisis years picking strong mean reversion that then lost out of
    /// sample; not tuned further.)
    public static let minimumValidationPeriods = 8
}
