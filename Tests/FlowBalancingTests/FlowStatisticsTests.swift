import Testing
import LinearAlgebra
@testable import FlowBalancing

private let flows = Matrix([[50, 10, 30], [20, 40, 0], [5, 15, 60]])

@Test func regionStatisticsByHand() {
    let s = RegionFlowStatistics(flows: flows, includeInternal: false)
    #expect(s.departures == [40, 20, 20])
    #expect(s.arrivals == [25, 25, 30])
    #expect(s.turnover == [65, 45, 50])
    #expect(s.net == [-15, 5, 10])
    let perDeparture: [Double] = [25.0 / 40, 25.0 / 20, 30.0 / 20]
    let kept: [Double] = [-15.0 / 65, 5.0 / 45, 10.0 / 50]
    #expect(s.arrivalsPerDeparture == perDeparture)
    #expect(s.netToTurnover == kept)
    // The diagonal enters turnover but cancels in net migration.
    let withInternal = RegionFlowStatistics(flows: flows)
    #expect(withInternal.turnover == [165, 125, 170])
    #expect(withInternal.net == s.net)
    #expect(withInternal.net.reduce(0, +) == 0)
}

@Test func attractionSharesSumToOne() {
    let (ofArrivals, ofDepartures) = FlowStatistics.attractionShares(flows)
    #expect(ofArrivals[0, 1] == 10.0 / 25)
    #expect(ofDepartures[0, 2] == 30.0 / 40)
    for b in 0..<3 { #expect(abs((0..<3).reduce(0) { $0 + ofArrivals[$1, b] } - 1) < 1e-15) }
    for a in 0..<3 { #expect(abs((0..<3).reduce(0) { $0 + ofDepartures[a, $1] } - 1) < 1e-15) }
    #expect(ofArrivals[1, 1] == 0)
}

@Test func ranksAndTables() {
    #expect(FlowStatistics.ranks([5, 9, 1, 9]) == [3, 1, 4, 2])
    let csv = FlowStatistics.regionTableCSV(RegionFlowStatistics(flows: flows, includeInternal: false),
                                            names: ["North", "South, Far", "East"])
    let lines = csv.split(separator: "\n")
    #expect(lines.count == 4)
    #expect(lines[2].hasPrefix("\"South, Far\",25.0,20.0,45.0,5.0,1.25,"))
    // Age-split ranks: 2 regions, 2 groups, Q with a known pattern.
    let q = Matrix([[1, 0, 4, 1], [0, 1, 0, 2], [3, 0, 1, 0], [0, 6, 0, 1]])
    let ranks = FlowStatistics.groupRanksCSV(q, groups: 2, names: ["A", "B"], groupNames: ["young", "old"])
    let r = ranks.split(separator: "\n").map(String.init)
    // Group "young" arrivals: into A from B = 3; into B from A = 4 ⇒ B first.
    let a3: Double = 3.0 / 7, d5: Double = 5.0 / 8, a4: Double = 4.0 / 7, d3: Double = 3.0 / 8
    let expectedA = "A,young,\(a3),2,\(d5),1", expectedB = "B,young,\(a4),1,\(d3),2"
    #expect(r[1] == expectedA)
    #expect(r[2] == expectedB)
}
