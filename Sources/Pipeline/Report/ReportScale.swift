import Reports

/// What a report draws of a case with many settlements (a country's 3,100 municipalities as much
/// as Korea's 17 regions). Beyond these sizes a chart or table shows a chosen subset and says so
/// in its caption, naming the file that holds every row; below them nothing changes.
///
/// - small multiples: the `panels` most populous settlements (the first ones in file order when
///   populations are unknown);
/// - tables with a row per settlement: the `tableRows` most populous (or, where the table is ranked,
///   its first rows);
/// - heat maps with a row per settlement: the `heatMapRows` with the largest mean |value|;
/// - flow heat maps: the `heatMapRows` regions with the largest turnover (in + out);
/// - beeswarms: `BeeswarmChart.defaultMaximumDots` order statistics per row.
enum ReportScale {
    static let panels = 24
    static let tableRows = 60
    static let heatMapRows = 40

    /// The first `limit` ids by `key` (largest first; ties by id), returned in the order of `ids`.
    static func largest(_ ids: [String], limit: Int, by key: (String) -> Double) -> [String] {
        guard ids.count > limit else { return ids }
        let values = Dictionary(ids.map { ($0, key($0)) }, uniquingKeysWith: { a, _ in a })
        let keep = Set(ids.sorted { values[$0]! != values[$1]! ? values[$0]! > values[$1]! : $0 < $1 }.prefix(limit))
        return ids.filter(keep.contains)
    }

    /// A caption sentence for `shown` of `total` items chosen by `rule`, or "" when all are shown.
    static func note(shown: Int, total: Int, rule: String, file: String) -> String {
        guard shown < total else { return "" }
        return " Showing \(shown) of \(total) settlements (\(rule)); every one is in `\(file)`."
    }

    /// `ids` (at most `limit`): the most populous, in the order of `ids`, and the caption
    /// sentence; the first ones in file order when `populations` is nil.
    static func mostPopulous(_ ids: [String], populations: [String: Double]?, limit: Int, file: String) -> (ids: [String], note: String) {
        guard ids.count > limit else { return (ids, "") }
        guard let populations else {
            return (Array(ids.prefix(limit)), note(shown: limit, total: ids.count, rule: "the first in file order", file: file))
        }
        let shown = largest(ids, limit: limit) { populations[$0] ?? -1 }
        return (shown, note(shown: shown.count, total: ids.count, rule: "the most populous", file: file))
    }
}

extension ReportBuilder {
    /// Population by settlement id, when the report has the settlements.
    var populations: [String: Double]? {
        inputs.settlements.map { places in Dictionary(places.map { ($0.id, $0.population) }, uniquingKeysWith: { a, _ in a }) }
    }

    /// `ReportScale.mostPopulous` with the report's settlements.
    func mostPopulous(_ ids: [String], limit: Int, file: String) -> (ids: [String], note: String) {
        ReportScale.mostPopulous(ids, populations: ids.count > limit ? populations : nil, limit: limit, file: file)
    }
}
