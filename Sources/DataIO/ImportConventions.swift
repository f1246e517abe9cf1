/// The conventions of `migsim data import` (README "Your own data"), recorded in `import.yaml`.
///
/// **Denominator.** Rates are per 1,000 inhabitants per year: yearly r = 1000·net_y / P(y),
/// sub-yearly r = 1000·k·net_p / P(y) with k periods per year (annualized, so a year's k rates
/// average to its yearly rate). P(y) is the population at the `denominator` time of the
/// (calendar or fiscal) year y — its start, middle or end — read from the population file,
/// whose count for year Y is taken at `populationDate` (end of Y for resident registers, 1 July for
/// census estimates, start of Y for 1 January counts). When no count falls on that time, P is
/// interpolated linearly between the two counts around it (both must exist).
///
/// **Fiscal years.** With `fiscalYearStart` = m > 1 a year runs from month m to month m−1 of the
/// next calendar year; quarterly or monthly data are summed into such years (quarters must start
/// on a fiscal quarter) and a year is labelled by the calendar year it starts in (`start`) or ends
/// in (`end`). Yearly input is taken as already labelled that way.
public struct ImportConventions: Sendable, Equatable {
    public enum PopulationDate: String, Sendable, CaseIterable {
        case yearEnd = "year-end", midYear = "mid-year", yearStart = "year-start"
        /// Months after 1 January of year Y at which the count of year Y is taken.
        var monthOffset: Int { switch self { case .yearStart: 0; case .midYear: 6; case .yearEnd: 12 } }
    }

    public enum Denominator: String, Sendable, CaseIterable {
        case start, mid, end
        var monthOffset: Int { switch self { case .start: 0; case .mid: 6; case .end: 12 } }
    }

    public enum FiscalLabel: String, Sendable, CaseIterable { case start, end }

    public var populationDate: PopulationDate = .yearEnd
    public var denominator: Denominator = .end
    /// First month (1…12) of the year; 1 = calendar years.
    public var fiscalYearStart = 1
    public var fiscalLabel: FiscalLabel = .start
    /// Panel years (labels); nil = the longest run of complete years with every population.
    public var firstYear: Int?
    public var lastYear: Int?
    /// Regions left out of the panel; flows to and from them are dropped (like moves abroad).
    public var exclude: Set<String> = []

    public init() {}
}
