import Foundation
import LinearAlgebra

/// Per-region indicators of a flow matrix (rows = origins, columns = destinations), as in the
/// seed paper's tables 2–7. The diagonal (moves inside a region) counts in arrivals, departures
/// and turnover when `includeInternal` is true, and never in net migration.
public struct RegionFlowStatistics: Sendable, Equatable {
    public let arrivals: [Double]
    public let departures: [Double]
    /// arrivals + departures.
    public let turnover: [Double]
    /// arrivals − departures (the diagonal cancels).
    public let net: [Double]
    /// arrivals / departures (table 2); NaN-free: 0 when there are no departures and no arrivals,
    /// +∞ when only arrivals.
    public let arrivalsPerDeparture: [Double]
    /// net / turnover: the share of the turnover a region keeps (the paper's "закрепление").
    public let netToTurnover: [Double]

    public init(flows: Matrix, includeInternal: Bool = true) {
        let n = flows.rows
        var inflow = [Double](repeating: 0, count: n), outflow = inflow
        for a in 0..<n {
            for b in 0..<n where includeInternal || a != b {
                outflow[a] += flows[a, b]
                inflow[b] += flows[a, b]
            }
        }
        arrivals = inflow
        departures = outflow
        let total = (0..<n).map { inflow[$0] + outflow[$0] }
        turnover = total
        net = (0..<n).map { inflow[$0] - outflow[$0] }
        arrivalsPerDeparture = (0..<n).map { outflow[$0] > 0 ? inflow[$0] / outflow[$0] : (inflow[$0] > 0 ? .infinity : 0) }
        netToTurnover = (0..<n).map { a in total[a] > 0 ? (inflow[a] - outflow[a]) / total[a] : 0 }
    }
}

/// Flow-level and rank indicators.
public enum FlowStatistics {
    /// Attraction coefficients (table 5): the share of flow a→b in b's arrivals and in a's
    /// departures (inter-regional flows only; the diagonal is excluded from both).
    public static func attractionShares(_ flows: Matrix) -> (ofArrivals: Matrix, ofDepartures: Matrix) {
        let s = RegionFlowStatistics(flows: flows, includeInternal: false)
        let n = flows.rows
        let inShare = Matrix(rows: n, columns: n) { a, b in a != b && s.arrivals[b] > 0 ? flows[a, b] / s.arrivals[b] : 0 }
        let outShare = Matrix(rows: n, columns: n) { a, b in a != b && s.departures[a] > 0 ? flows[a, b] / s.departures[a] : 0 }
        return (inShare, outShare)
    }

    /// Ranks 1…n (1 = largest); tied values are ranked in the order of the regions.
    public static func ranks(_ values: [Double]) -> [Int] {
        let order = values.indices.sorted { values[$0] > values[$1] || (values[$0] == values[$1] && $0 < $1) }
        var rank = [Int](repeating: 0, count: values.count)
        for (position, region) in order.enumerated() { rank[region] = position + 1 }
        return rank
    }

    /// Region statistics as CSV: `region,arrivals,departures,turnover,net,arrivals_per_departure,net_to_turnover`.
    public static func regionTableCSV(_ s: RegionFlowStatistics, names: [String]) -> String {
        var out = "region,arrivals,departures,turnover,net,arrivals_per_departure,net_to_turnover\n"
        for a in names.indices {
            out += "\(csvField(names[a])),\(s.arrivals[a]),\(s.departures[a]),\(s.turnover[a]),\(s.net[a]),"
            out += "\(s.arrivalsPerDeparture[a]),\(s.netToTurnover[a])\n"
        }
        return out
    }

    /// Flows with attraction shares as CSV:
    /// `origin,destination,flow,share_of_destination_arrivals,share_of_origin_departures`.
    public static func attractionTableCSV(_ flows: Matrix, names: [String]) -> String {
        let (inShare, outShare) = attractionShares(flows)
        var out = "origin,destination,flow,share_of_destination_arrivals,share_of_origin_departures\n"
        for a in names.indices {
            for b in names.indices where a != b {
                out += "\(csvField(names[a])),\(csvField(names[b])),\(flows[a, b]),\(inShare[a, b]),\(outShare[a, b])\n"
            }
        }
        return out
    }

    /// Donor and recipient ranks by age group (tables 3, 6, 7) from an age-split Q (state a·k + g):
    /// `region,age_group,arrivals_share,recipient_rank,departures_share,donor_rank`, shares of the
    /// group's inter-regional arrivals and departures over all regions.
    public static func groupRanksCSV(_ q: Matrix, groups k: Int, names: [String], groupNames: [String]) -> String {
        let n = names.count
        var out = "region,age_group,arrivals_share,recipient_rank,departures_share,donor_rank\n"
        for g in 0..<k {
            var arrivals = [Double](repeating: 0, count: n), departures = arrivals
            for a in 0..<n {
                for b in 0..<n where a != b {
                    // Flow leaving (a, g) and flow arriving in (b, g).
                    for h in 0..<k {
                        departures[a] += q[a * k + g, b * k + h]
                        arrivals[b] += q[a * k + h, b * k + g]
                    }
                }
            }
            let ta = arrivals.reduce(0, +), td = departures.reduce(0, +)
            let ra = ranks(arrivals), rd = ranks(departures)
            for a in 0..<n {
                out += "\(csvField(names[a])),\(csvField(groupNames[g])),\(ta > 0 ? arrivals[a] / ta : 0),\(ra[a]),"
                out += "\(td > 0 ? departures[a] / td : 0),\(rd[a])\n"
            }
        }
        return out
    }
}

/// Quotes a CSV field when it holds a comma, quote or line break (RFC 4180).
func csvField(_ s: String) -> String {
    s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
        ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
}
