import Testing
@testable import Reports

@Suite struct NiceScaleTests {
    @Test func ticksCoverTheDataWithNiceSteps() {
        let s = NiceScale(minimum: 0.3, maximum: 9.7, targetTicks: 6)
        #expect(s.ticks == [0, 2, 4, 6, 8, 10])
        #expect(s.lower == 0 && s.upper == 10 && s.step == 2)
        let t = NiceScale(minimum: -3.2, maximum: 7.9, targetTicks: 6)
        #expect(t.step == 2)
        #expect(t.ticks == [-4, -2, 0, 2, 4, 6, 8])
        let q = NiceScale(minimum: 0, maximum: 7.1, targetTicks: 4)
        #expect(q.step == 2.5)
        #expect(q.ticks.map(q.label) == ["0.0", "2.5", "5.0", "7.5"])
    }

    @Test func yearsGetWholeNumberTicks() {
        let s = NiceScale(minimum: 1997, maximum: 2020.75, targetTicks: 8, integerSteps: true)
        #expect(s.step == 5)
        #expect(s.ticks == [1995, 2000, 2005, 2010, 2015, 2020, 2025])
        #expect(s.label(2005) == "2005")
        // Without integer steps the same range gets 2.5-year steps.
        #expect(NiceScale(minimum: 1997, maximum: 2020.75, targetTicks: 8).step == 2.5)
        // Integer steps never go below 1.
        #expect(NiceScale(minimum: 2019, maximum: 2021, targetTicks: 8, integerSteps: true).step == 1)
    }

    @Test func smallStepsHaveNoFloatingPointDrift() {
        let s = NiceScale(minimum: 0.1, maximum: 0.7, targetTicks: 7)
        #expect(s.step == 0.1)
        #expect(s.ticks.map(s.label) == ["0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7"])
    }

    @Test func degenerateAndNonFiniteRanges() {
        let flat = NiceScale(minimum: 5, maximum: 5)
        #expect(flat.lower < 5 && flat.upper > 5)
        let zero = NiceScale(minimum: 0, maximum: 0)
        #expect(zero.lower <= -1 && zero.upper >= 1)
        let bad = NiceScale(minimum: .nan, maximum: .infinity)
        #expect(bad.lower == 0 && bad.upper == 1)
        let covering = NiceScale(covering: [.nan, 2, 3, .infinity], includeZero: true)
        #expect(covering.lower == 0 && covering.upper >= 3)
    }

    @Test func tightScalesKeepTheDataRange() {
        let s = NiceScale(minimum: 1997, maximum: 2020.75, targetTicks: 4, integerSteps: true, tight: true)
        #expect(s.lower == 1997 && s.upper == 2020.75)
        #expect(s.ticks == [2000, 2010, 2020])
    }

    @Test func includeZeroExtendsPositiveRanges() {
        let s = NiceScale(minimum: 12, maximum: 19, includeZero: true)
        #expect(s.lower == 0 && s.upper >= 19)
    }

    @Test func mapIsLinear() {
        let s = NiceScale(minimum: 0, maximum: 10)
        #expect(s.map(0, from: 100, to: 0) == 100)
        #expect(s.map(10, from: 100, to: 0) == 0)
        #expect(s.map(5, from: 100, to: 0) == 50)
    }
}

@Suite struct NumberFormatTests {
    @Test func fixedIsLocaleFreeAndHasNoNegativeZero() {
        #expect(NumberFormat.fixed(-0.0001, 2) == "0.00")
        #expect(NumberFormat.fixed(-1.005, 1) == "-1.0")
        #expect(NumberFormat.fixed(.nan, 2) == "–")
        #expect(NumberFormat.fixed(.infinity, 2) == "–")
    }

    @Test func coordinatesDropTrailingZeros() {
        #expect(NumberFormat.coordinate(12.5) == "12.5")
        #expect(NumberFormat.coordinate(12.0) == "12")
        #expect(NumberFormat.coordinate(-0.001) == "0")
        #expect(NumberFormat.coordinate(3.14159) == "3.14")
    }

    @Test func tableUsesSignificantDigitsAndGroupsThousands() {
        #expect(NumberFormat.table(0.0123456) == "0.01235")
        #expect(NumberFormat.table(51_780_579, significant: 8) == "51\u{2009}780\u{2009}579")
        #expect(NumberFormat.table(1234) == "1234")
        #expect(NumberFormat.table(-12345.6, significant: 5) == "-12\u{2009}346")
        #expect(NumberFormat.table(0) == "0")
    }

    @Test func tickDecimalsFollowTheStep() {
        #expect(NumberFormat.tick(0.25, step: 0.25) == "0.25")
        #expect(NumberFormat.tick(50, step: 25) == "50")
        #expect(NumberFormat.tick(2.5, step: 2.5) == "2.5")
        #expect(NumberFormat.tick(0.3, step: 0.1) == "0.3")
    }
}
