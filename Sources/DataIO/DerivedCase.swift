import Foundation
import MigrationModel

/// A case derived from flows and population (see `KoreaCase`): a consistent panel of regions with
/// net migration in persons and as rates per 1,000 inhabitants per year.
public struct DerivedCase: Sendable {
    public var ids: [String]
    public var years: [Int]
    public var quarters: [Period]
    /// Coordinates and the population of the last panel year.
    public var settlements: [Settlement]
    /// `population[region][yearIndex]` (persons).
    public var population: [[Double]]
    /// Net migration (persons) per region and year / quarter.
    public var netYearly: [[Double]]
    public var netQuarterly: [[Double]]
    public var featureNames: [String]
    /// Feature rows (region, year, values; nil = missing).
    public var features: [(id: String, year: Int, values: [Double?])]

    /// 1000·net_y / P_y.
    public var rateYearly: [[Double]] {
        netYearly.indices.map { i in years.indices.map { 1000 * netYearly[i][$0] / population[i][$0] } }
    }

    /// 1000·4·net_q / P_y (annualized per 1,000 per year).
    public var rateQuarterly: [[Double]] {
        netQuarterly.indices.map { i in quarters.indices.map { q in 4000 * netQuarterly[i][q] / population[i][q / 4] } }
    }

    /// Decimal places of rates in the written balance files (1e-4 per 1,000 is far below the data's precision).
    public static let rateDecimals = 4

    static func fixed(_ v: Double, _ decimals: Int) -> String {
        let s = String(format: "%.\(decimals)f", v)
        return s.hasPrefix("-") && Double(s) == 0 ? String(s.dropFirst()) : s
    }

    /// `2377.000` → `2377`, `12.500` → `12.5`.
    static func trimmed(_ s: String) -> String {
        guard s.contains(".") else { return s }
        var t = Substring(s)
        while t.last == "0" { t = t.dropLast() }
        if t.last == "." { t = t.dropLast() }
        return String(t)
    }

    /// Writes the derived files into `directory` (atomically each): settlements.csv,
    /// balance_yearly.csv and balance_quarterly.csv (rates per 1,000 per year), net_yearly_persons.csv,
    /// net_quarterly_persons.csv (when the input is sub-yearly) and, when features exist, features.csv.
    public func write(to directory: URL) throws(DataError) {
        var s = CSVTableWriter(header: ["id", "name", "lat", "lon", "population"])
        for t in settlements {
            s.append([t.id, t.name, "\(t.latitude)", "\(t.longitude)", CSVTableWriter.format(t.population)])
        }
        try s.write(to: directory.appendingPathComponent("settlements.csv"))

        func balance(_ name: String, _ labels: [String], _ m: [[Double]], _ text: (Double) -> String) throws(DataError) {
            var w = CSVTableWriter(header: ["id", "period", "value"])
            for (i, id) in ids.enumerated() { for (p, label) in labels.enumerated() { w.append([id, label, text(m[i][p])]) } }
            try w.write(to: directory.appendingPathComponent(name))
        }
        let yearLabels = years.map(String.init), quarterLabels = quarters.map(\.label)
        let rate = { (v: Double) in Self.fixed(v, Self.rateDecimals) }
        let persons = { (v: Double) in CSVTableWriter.format(v) }
        try balance("balance_yearly.csv", yearLabels, rateYearly, rate)
        try balance("net_yearly_persons.csv", yearLabels, netYearly, persons)
        if !quarters.isEmpty {   // sub-yearly input only
            try balance("balance_quarterly.csv", quarterLabels, rateQuarterly, rate)
            try balance("net_quarterly_persons.csv", quarterLabels, netQuarterly, persons)
        }

        if !featureNames.isEmpty {
            var f = CSVTableWriter(header: ["id", "period"] + featureNames)
            for row in features {
                f.append([row.id, String(row.year)] + row.values.map { $0.map { Self.trimmed(Self.fixed($0, 3)) } ?? "" })
            }
            try f.write(to: directory.appendingPathComponent("features.csv"))
        }
    }
}
