import Explanation
import Foundation
import Testing

/// Derived features: exact values on a two-settlement, three-period panel.
@Suite struct FeatureTransformTests {
    /// A: x = 1, 2, 4 with population 10, 10, 10; B: x = 3, 6, 12 with population 30, 30, 30; B's second period missing.
    static func panel() -> FeatureColumns {
        FeatureColumns(ids: ["A", "A", "A", "B", "B"], periodIndex: [0, 1, 2, 0, 2], periodLabels: ["2000", "2001", "2002", "2000", "2002"],
                       names: ["x", "population"], values: [[1, 10], [2, 10], [4, 10], [3, 30], [12, 30]])
    }

    static func t(_ name: String, _ kind: FeatureTransform.Kind, source: String = "x") -> FeatureTransform {
        FeatureTransform(name: name, source: source, kind: kind, origin: "t.yaml:1")
    }

    @Test func everyKindHasItsExactValue() throws {
        var p = Self.panel()
        try p.apply([Self.t("lnx", .log), Self.t("rel", .ratioToNationalMean(weight: "population")), Self.t("relEqual", .ratioToNationalMean(weight: nil)),
                     Self.t("dx", .difference(lag: 1)), Self.t("lagx", .lag(1)), Self.t("g", .growth(lag: 1)), Self.t("lnrel", .log, source: "rel")])
        #expect(p.names == ["x", "population", "lnx", "rel", "relEqual", "dx", "lagx", "g", "lnrel"])
        let col = { (name: String) in p.values.map { $0[p.names.firstIndex(of: name)!] } }
        let lnx: [Double?] = [0, log(2.0), log(4.0), log(3.0), log(12.0)]
        #expect(col("lnx") == lnx)
        // Period 2000: weighted mean (10·1 + 30·3)/40 = 2.5; 2001: only A → 2; 2002: (40 + 360)/40 = 10.
        let rel: [Double?] = [1 / 2.5, 1, 0.4, 3 / 2.5, 1.2]
        #expect(col("rel") == rel)
        let relEqual: [Double?] = [0.5, 1, 0.5, 1.5, 1.5]
        #expect(col("relEqual") == relEqual)
        // B has no 2001 row: its 2002 lag is missing, not its 2000 value.
        let dx: [Double?] = [nil, 1, 2, nil, nil]
        #expect(col("dx") == dx)
        #expect(col("lagx") == dx)
        let g: [Double?] = [nil, log(2.0), log(2.0), nil, nil]
        #expect(col("g") == g)
        let lnrel: Double? = log(0.4)
        #expect(col("lnrel")[0] == lnrel)
    }

    @Test func errorsNameTheTransformAndTheRow() {
        var p = Self.panel()
        p.values[1][0] = -2
        #expect(throws: FeatureTransformError(origin: "t.yaml:1", message: "transform 'lnx': the value of x is -2.0 for A 2001; expected a value > 0")) {
            try p.apply([Self.t("lnx", .log)])
        }
        var q = Self.panel()
        #expect(throws: FeatureTransformError(origin: "t.yaml:1", message: "transform 'lny': 'y' is not a feature; expected one of x, population")) {
            try q.apply([Self.t("lny", .log, source: "y")])
        }
    }
}
