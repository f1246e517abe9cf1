import Foundation
import Testing
import MigrationModel
@testable import DataIO

private let header = "id,name,lat,lon,population\n"

@Test func missingFile() {
    let url = temporaryDirectory().appendingPathComponent("nope.csv")
    expectDataError(.missingFile, mentions: ["nope.csv", "existing"]) { try SettlementsFile.read(url) }
}

@Test func emptyFile() {
    expectDataError(.emptyFile, line: 1) { try BalanceFile.read(temporaryFile("b.csv", "")) }
    expectDataError(.emptyFile, line: 1) { try BalanceFile.read(temporaryFile("b.csv", "\n  \n")) }
}

@Test func missingRequiredColumn() {
    expectDataError(.missingColumn, line: 1, column: "population", mentions: ["population", "id, name, lat, lon"]) {
        try SettlementsFile.read(temporaryFile("s.csv", "id,name,lat,lon\nA,a,1,2\n"))
    }
}

@Test func duplicateColumn() {
    expectDataError(.duplicateColumn, line: 1, column: "lat", columnIndex: 4, mentions: ["#3"]) {
        try SettlementsFile.read(temporaryFile("s.csv", "id,name,lat,lat,lon,population\n"))
    }
}

@Test func wrongFieldCount() {
    expectDataError(.fieldCount, line: 3, mentions: ["4 fields", "5 fields"]) {
        try SettlementsFile.read(temporaryFile("s.csv", header + "A,a,1,2,3\nB,b,1,2\n"))
    }
}

@Test func nonNumericNumber() {
    expectDataError(.notANumber, line: 2, column: "population", columnIndex: 5, mentions: ["'12a'", "decimal number"]) {
        try SettlementsFile.read(temporaryFile("s.csv", header + "A,a,1,2,12a\n"))
    }
    expectDataError(.notANumber, line: 2, column: "value") {
        try BalanceFile.read(temporaryFile("b.csv", "id,period,value\nA,2012,0x10\n"))
    }
}

@Test func nanAndInfinityAreRejected() {
    expectDataError(.nonFinite, line: 2, column: "value", mentions: ["NaN"]) {
        try BalanceFile.read(temporaryFile("b.csv", "id,period,value\nA,2012,nan\n"))
    }
    expectDataError(.nonFinite, line: 3, column: "migrants") {
        try FlowsFile.read(temporaryFile("f.csv", "origin,destination,period,migrants\nA,B,2012,1\nB,A,2012,inf\n"))
    }
}

@Test func latitudeAndLongitudeOutOfRange() {
    expectDataError(.outOfRange, line: 2, column: "lat", columnIndex: 3, mentions: ["−90…90"]) {
        try SettlementsFile.read(temporaryFile("s.csv", header + "A,a,-90.5,2,3\n"))
    }
    expectDataError(.outOfRange, line: 2, column: "lon", columnIndex: 4) {
        try SettlementsFile.read(temporaryFile("s.csv", header + "A,a,0,180.1,3\n"))
    }
}

@Test func negativePopulationAndMigrants() {
    expectDataError(.negative, line: 2, column: "population") {
        try SettlementsFile.read(temporaryFile("s.csv", header + "A,a,0,0,-1\n"))
    }
    expectDataError(.negative, line: 2, column: "migrants", columnIndex: 4) {
        try FlowsFile.read(temporaryFile("f.csv", "origin,destination,period,migrants\nA,B,2012,-3\n"))
    }
}

@Test(arguments: ["2012-Q5", "2012-13", "12"])
func badPeriodLabel(_ label: String) {
    expectDataError(.badPeriod, line: 3, column: "period", columnIndex: 2, mentions: ["'\(label)'", "YYYY-Qn"]) {
        try BalanceFile.read(temporaryFile("b.csv", "id,period,value\nA,2012,1\nA,\(label),1\n"))
    }
}

@Test func duplicateKeys() {
    expectDataError(.duplicateKey, line: 4, column: "period", mentions: ["line 2"]) {
        try BalanceFile.read(temporaryFile("b.csv", "id,period,value\nA,2012,1\nB,2012,1\nA,2012,2\n"))
    }
    expectDataError(.duplicateKey, line: 3) {
        try FlowsFile.read(temporaryFile("f.csv", "origin,destination,period,migrants\nA,B,2012,1\nA,B,2012,1\n"))
    }
    expectDataError(.duplicateKey, line: 3, column: "id") {
        try SettlementsFile.read(temporaryFile("s.csv", header + "A,a,0,0,1\nA,b,0,0,1\n"))
    }
}

@Test func unknownSettlementIDs() throws {
    let s = [Settlement(id: "A", latitude: 0, longitude: 0, population: 1)]
    let b = try BalanceFile.read(temporaryFile("b.csv", "id,period,value\nA,2012,1\nZ,2012,1\n"))
    expectDataError(.unknownID, line: 3, column: "id", mentions: ["'Z'"]) { try CrossCheck.requireKnownIDs(b, settlements: s) }
    let f = try FlowsFile.read(temporaryFile("f.csv", "period,origin,destination,migrants\n2012,A,Q,1\n"))
    expectDataError(.unknownID, line: 2, column: "destination", columnIndex: 3, mentions: ["'Q'"]) {
        try CrossCheck.requireKnownIDs(f, settlements: s)
    }
}

@Test func mixedPeriodGranularities() {
    expectDataError(.mixedPeriods, line: 3, column: "period", mentions: ["quarters"]) {
        try BalanceFile.read(temporaryFile("b.csv", "id,period,value\nA,2012-Q1,1\nA,2012-04,1\n"))
    }
    expectDataError(.mixedPeriods, line: 3, column: "period") {
        try FlowsFile.read(temporaryFile("f.csv", "origin,destination,period,migrants\nA,B,2012,1\nA,B,2013-Q1,1\n"))
    }
}

@Test func unterminatedQuote() {
    expectDataError(.unterminatedQuote, line: 3, mentions: ["closing"]) {
        try SettlementsFile.read(temporaryFile("s.csv", header + "A,a,0,0,1\nB,\"b,0,0,1\nC,c,0,0,1\n"))
    }
}

@Test func badAgeColumns() {
    expectDataError(.badAgeColumn, line: 1, column: "age_x_14") {
        try SettlementsFile.read(temporaryFile("s.csv", "id,lat,lon,population,age_x_14\n"))
    }
    expectDataError(.badAgeColumn, line: 1, column: "age_10_20", mentions: ["overlap"]) {
        try SettlementsFile.read(temporaryFile("s.csv", "id,lat,lon,population,age_0_14,age_10_20\n"))
    }
    expectDataError(.outOfRange, line: 2, column: "age_0_14", mentions: ["positive sum"]) {
        try SettlementsFile.read(temporaryFile("s.csv", "id,lat,lon,population,age_0_14,age_15_plus\nA,0,0,1,0,0\n"))
    }
}

@Test func emptyRequiredField() {
    expectDataError(.emptyField, line: 2, column: "id") {
        try SettlementsFile.read(temporaryFile("s.csv", header + ",a,0,0,1\n"))
    }
}
