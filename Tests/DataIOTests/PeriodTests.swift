import Testing
@testable import DataIO

@Test func periodsConvertToStartOfPeriodDecimalYears() throws {
    let y = try #require(Period(label: "2012"))
    #expect(y.decimalYear == 2012 && y.granularity == .year && y.length == 1)
    let q = try #require(Period(label: "2012-Q3"))
    #expect(q.decimalYear == 2012.5 && q.granularity == .quarter && q.label == "2012-Q3")
    let m = try #require(Period(label: "2012-03"))
    #expect(m.decimalYear == 2012 + 2.0 / 12 && m.granularity == .month)
    #expect(Period(label: "2012-12")!.decimalYear == 2012 + 11.0 / 12)
    #expect(Period(label: "2012-Q1")! < Period(label: "2012-Q2")!)
}

@Test(arguments: ["2012-Q5", "2012-Q0", "2012-13", "2012-00", "12", "2012-3", "20121", "2012Q3", "", "abcd", "2012-Q"])
func badPeriodLabelsAreRejected(_ label: String) {
    #expect(Period(label: label) == nil)
}
