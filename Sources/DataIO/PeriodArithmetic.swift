extension Period {
    /// The period `steps` periods after `p`, of the same granularity (`2020` + 2 → `2022`,
    /// `2020-Q4` + 1 → `2021-Q1`, `2020-12` + 1 → `2021-01`).
    public static func after(_ p: Period, steps: Int) -> Period {
        switch p.granularity {
        case .year:
            return Period(year: p.year + steps)
        case .quarter:
            let index = p.year * 4 + (p.subperiod - 1) + steps
            return Period(year: index / 4, quarter: index % 4 + 1)
        case .month:
            let index = p.year * 12 + (p.subperiod - 1) + steps
            let month = index % 12 + 1
            return Period(label: "\(index / 12)-\(month < 10 ? "0" : "")\(month)")!
        }
    }
}
