import Foundation
import Testing
import MigrationModel
@testable import DataIO

@Test func settlementsWithAgeColumnsAreNormalizedPerRow() throws {
    let url = temporaryFile("s.csv", """
    population,lat,id,lon,name,age_65_plus,age_0_14,age_15_64,comment
    1000,55.75,MSK,37.62,"Moscow, city",10,20,70,ignored
    500,59.94,SPB,30.31,,0.2,0.2,0.6,x
    """)
    let (s, ages) = try SettlementsFile.read(url)
    #expect(s.count == 2)
    #expect(s[0].name == "Moscow, city" && s[1].name == "SPB")
    #expect(s[0].ageShares == [0.2, 0.7, 0.1])
    #expect(s[1].ageShares == [0.2, 0.6, 0.2])
    let a = try #require(ages)
    #expect(a.lowerBounds == [0, 15, 65] && a.upperBounds == [15, 65, 100])
    #expect(a.representativeAges == [7.5, 40, 82.5])
}

@Test func balanceBecomesMatrixWithNilForMissing() throws {
    let url = temporaryFile("b.csv", "id,period,value\nA,2012-Q2,1.5\nB,2012-Q1,-2\nA,2012-Q1,3\nB,2012-Q2,\n")
    let b = try BalanceFile.read(url)
    #expect(b.ids == ["A", "B"])
    #expect(b.periods.map(\.label) == ["2012-Q1", "2012-Q2"])
    #expect(b.times == [2012, 2012.25])
    #expect(b.values[0] == [3, 1.5])
    #expect(b.values[1] == [-2, nil])
}

@Test func quotedFieldsWithCommasQuotesAndNewlinesKeepLineNumbers() throws {
    // The quoted name spans two lines, so the next record starts on line 4.
    let url = temporaryFile("s.csv", "id,name,lat,lon,population\nA,\"two\nlines, \"\"quoted\"\"\",1,2,3\nB,b,95,0,1\n")
    expectDataError(.outOfRange, line: 4, column: "lat", columnIndex: 3) { try SettlementsFile.read(url) }
    let ok = temporaryFile("s.csv", "id,name,lat,lon,population\r\nA,\"two\nlines, \"\"quoted\"\"\",1,2,3\r\n")
    #expect(try SettlementsFile.read(ok).settlements[0].name == "two\nlines, \"quoted\"")
}

@Test func flowsAndFeaturesRead() throws {
    let f = try FlowsFile.read(temporaryFile("f.csv", "origin,destination,period,age_group,migrants\nA,B,2012,15-64,10\nB,A,2012,15-64,4\nA,A,2012,15-64,99\n"))
    #expect(f.flows.count == 3 && f.flows[0].ageGroup == "15-64" && f.flows[1].line == 3)
    let net = BalanceDerivation.netMigration(f)
    #expect(net["A"]?[Period(year: 2012)] == -6 && net["B"]?[Period(year: 2012)] == 6)
    let t = try FeaturesFile.read(temporaryFile("x.csv", "id,period,gdp,wage\nA,2012-03,1.5,\nA,2012-04,,2\n"))
    #expect(t.featureNames == ["gdp", "wage"])
    #expect(t.values == [[1.5, nil], [nil, 2]])
    #expect(t.value("wage", id: "A", period: Period(label: "2012-04")!) == 2)
}

@Test func crossCheckAcceptsKnownIDs() throws {
    let s = [Settlement(id: "A", latitude: 0, longitude: 0, population: 1), Settlement(id: "B", latitude: 1, longitude: 1, population: 1)]
    let b = try BalanceFile.read(temporaryFile("b.csv", "id,period,value\nA,2012,1\nB,2012,2\n"))
    try CrossCheck.requireKnownIDs(b, settlements: s)
    let c = try BalanceFile.read(temporaryFile("c.csv", "id,period,value\nB,2012,2\nB,2013,3\n"))
    #expect(try c.aligned(to: s) == [[nil, nil], [2, 3]])
}
