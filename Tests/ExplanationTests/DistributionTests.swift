import Explanation
import LinearAlgebra
import Foundation
import Testing

/// Student t and F against published tables (3 decimals, e.g. NIST/SEMATECH e-Handbook §1.3.6.7)
/// and against scipy.stats 1.17 (full precision; required to agree to 1e-9 relative ≥ 6 digits).
@Suite struct DistributionTests {
    static func relative(_ a: Double, _ b: Double) -> Double { abs(a - b) / abs(b) }

    /// (df, t_0.975, t_0.95, t_0.995, cdf(1.5), sf(3.0)) from scipy.stats.t.
    static let tReference: [(Double, Double, Double, Double, Double, Double)] = [
        (1, 12.706204736174694, 6.313751514675037, 63.656741162871526, 0.8128329581890011, 0.10241638234956672),
        (2, 4.302652729749462, 2.9199855803537242, 9.924843200918287, 0.8638034375544994, 0.04773298313335456),
        (5, 2.5705818356363146, 2.0150483733330233, 4.032142983555228, 0.9030481598787634, 0.015049623948731293),
        (10, 2.228138851986274, 1.8124611228116756, 3.16927267261695, 0.9177463367772799, 0.006671827511284785),
        (30, 2.0422724563012378, 1.697260886593957, 2.7499956535672254, 0.927967035435677, 0.0026949820328259727),
    ]

    @Test func studentTAgreesWithScipy() {
        for (df, q975, q95, q995, cdf15, sf3) in Self.tReference {
            let t = StudentT(degreesOfFreedom: df)
            #expect(Self.relative(t.quantile(0.975), q975) < 1e-9, "df \(df)")
            #expect(Self.relative(t.quantile(0.95), q95) < 1e-9, "df \(df)")
            #expect(Self.relative(t.quantile(0.995), q995) < 1e-9, "df \(df)")
            #expect(Self.relative(t.quantile(0.025), -q975) < 1e-9, "df \(df)")
            #expect(Self.relative(t.cdf(1.5), cdf15) < 1e-12, "df \(df)")
            #expect(Self.relative(t.survival(3), sf3) < 1e-10, "df \(df)")
            #expect(Self.relative(t.twoSidedPValue(-3), 2 * sf3) < 1e-10, "df \(df)")
        }
    }

    /// Printed t table (two-sided 5 %): 12.706, 4.303, 2.571, 2.228, 2.042.
    @Test func studentTAgreesWithThePrintedTable() {
        let table: [(Double, Double)] = [(1, 12.706), (2, 4.303), (5, 2.571), (10, 2.228), (30, 2.042)]
        for (df, value) in table {
            #expect(abs(StudentT(degreesOfFreedom: df).quantile(0.975) - value) <= 0.0005, "df \(df)")
        }
    }

    /// (d1, d2, F_0.95, F_0.99, sf(2.5)) from scipy.stats.f.
    static let fReference: [(Double, Double, Double, Double, Double)] = [
        (1, 1, 161.4476387975882, 4052.1806954768217, 0.35901703597137613),
        (2, 10, 4.1028210151304, 7.559432157547899, 0.13168724279835387),
        (5, 30, 2.53355454755927, 3.6990188114125706, 0.05244410472445014),
        (3, 20, 3.098391212140781, 4.938193382310538, 0.08884375193768917),
        (10, 100, 1.9266924887545493, 2.503311126879585, 0.010095208380047824),
        (4, 1000, 2.380830995859773, 3.3379529617397514, 0.04110230777183131),
    ]

    @Test func fisherFAgreesWithScipy() {
        for (d1, d2, q95, q99, sf) in Self.fReference {
            let f = FisherF(numeratorDegrees: d1, denominatorDegrees: d2)
            #expect(Self.relative(f.quantile(0.95), q95) < 1e-9, "F(\(d1), \(d2))")
            #expect(Self.relative(f.quantile(0.99), q99) < 1e-9, "F(\(d1), \(d2))")
            #expect(Self.relative(f.survival(2.5), sf) < 1e-10, "F(\(d1), \(d2))")
            #expect(abs(f.cdf(2.5) + f.survival(2.5) - 1) < 1e-14)
        }
    }

    /// Printed F table (upper 5 % and 1 % points): F(1,1) 161.448, F(2,10) 4.103, F(5,30) 2.534,
    /// F(3,20) 3.098; 1 %: F(3,20) 4.938, F(2,10) 7.559.
    @Test func fisherFAgreesWithThePrintedTable() {
        let table: [(Double, Double, Double, Double)] = [
            (1, 1, 0.95, 161.448), (2, 10, 0.95, 4.103), (5, 30, 0.95, 2.534), (3, 20, 0.95, 3.098),
            (3, 20, 0.99, 4.938), (2, 10, 0.99, 7.559),
        ]
        for (d1, d2, p, value) in table {
            #expect(abs(FisherF(numeratorDegrees: d1, denominatorDegrees: d2).quantile(p) - value) <= 0.0005, "F(\(d1), \(d2))")
        }
    }

    @Test func specialFunctionsAgreeWithReferenceValues() {
        // math.lgamma and scipy.special.betainc.
        #expect(Self.relative(SpecialFunctions.logGamma(0.5), 0.5723649429247004) < 1e-14)
        #expect(Self.relative(SpecialFunctions.logGamma(10.3), 13.48203678613836) < 1e-14)
        #expect(Self.relative(SpecialFunctions.logGamma(100_000.5), 1051293.4654351394) < 1e-14)
        #expect(SpecialFunctions.logGamma(1) == 0 && SpecialFunctions.logGamma(2) == 0)
        #expect(Self.relative(SpecialFunctions.regularizedIncompleteBeta(0.4, a: 2.5, b: 3.5), 0.4869041915261176) < 1e-13)
        #expect(Self.relative(SpecialFunctions.regularizedIncompleteBeta(0.45, a: 50, b: 60), 0.4642352914306031) < 1e-12)
    }
}
