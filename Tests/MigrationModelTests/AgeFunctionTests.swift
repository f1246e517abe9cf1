import Foundation
import Testing
@testable import MigrationModel

@Test func smoothStepIsOneBelowYoungAndZeroAboveOld() {
    let a = AgeFunction(.smoothStep(young: 30, old: 60))
    for x in stride(from: 0.0, through: 30, by: 2.5) { #expect(a(x) == 1) }
    for x in stride(from: 60.0, through: 100, by: 2.5) { #expect(a(x) == 0) }
    #expect(abs(a(45) - 0.5) < 1e-15)               // symmetric about the midpoint
    for x in stride(from: 30.5, to: 60, by: 0.5) { #expect(a(x) > a(x + 0.5)) }  // strictly decreasing inside
}

@Test func smoothStepHasFlatDerivativesAtTheEnds() {
    // C^∞ with all derivatives zero at the ends: a(x) − 1 = o((x − young)^k) for every k.
    let a = AgeFunction(.smoothStep(young: 30, old: 60))
    let h = 0.3                                      // s = 0.01
    #expect(1 - a(30 + h) < 1e-40)
    #expect(a(60 - h) < 1e-40)
}

@Test func rogersCastroIsNormalizedToPeakOne() {
    // UN-style parameters (Western standard, male) from shared/data/age-schedules.
    let p = RogersCastroParameters(a1: 0.0215, alpha1: 0.105, a2: 0.0601, alpha2: 0.104, mu2: 19.7, lambda2: 0.395, c: 0.00356)
    let a = AgeFunction(.rogersCastro(p))
    var peak = 0.0, peakAge = 0.0
    for x in stride(from: 0.0, through: 100, by: 0.001) where a(x) > peak { peak = a(x); peakAge = x }
    // A 0.001-year grid can only undershoot the true maximum (by ≈ |a''|h²/8 ≈ 1e-8).
    #expect(peak <= 1 + 1e-12)
    #expect(peak > 1 - 1e-8)
    #expect(peakAge > 18 && peakAge < 30)            // the labour-force peak of young adults
    #expect(a(80) < 0.2)
}

@Test func mobilityIsTheShareWeightedMean() {
    let a = AgeFunction(.smoothStep(young: 30, old: 60))
    #expect(a.mobility(shares: [0.2, 0.5, 0.3], ages: [7, 45, 75]) == 0.2 * 1 + 0.5 * a(45) + 0.3 * 0)
}
