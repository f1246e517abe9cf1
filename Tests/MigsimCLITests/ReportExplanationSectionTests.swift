import DataIO
import Foundation
import Reports
import Testing
@testable import MigsimCLI
@testable import Pipeline

/// The report's protocol and interval tables name the protocol of every R² and the flags of every parameter.
@Suite struct ReportExplanationSectionTests {
    @Test func protocolTableNamesEachProtocolAndTheBaseline() throws {
        var e = ReportInputs.Explain()
        e.protocols = try CSVTable.parse("""
            protocol,model,fixed_effects,splits,test_r2_mean,test_r2_median,test_r2_p2.5,test_r2_p97.5
            random-rows,features,no fixed effects,200,0.12,0.136,-0.111,0.276
            held-out-settlements,fixed_effects_only,settlement + period effects,200,-0.69,-0.32,-3.06,0.027
            """, file: "validation_protocols.csv")
        e.statistics = [.init(name: "in_sample_within_r2_settlement_period_effects", value: 0.3009)]
        let outputs = try ReportExplanationSection.protocolOutputs(e)
        guard case .table(let protocols) = outputs[0], case .table(let inSample) = outputs[1] else { Issue.record("expected two tables"); return }
        #expect(protocols.rows[0][0].hasPrefix("random splits of rows") && protocols.rows[0][1] == "features (no fixed effects)")
        #expect(protocols.rows[1][0].hasPrefix("held-out settlements") && protocols.rows[1][1] == "fixed effects only (settlement + period effects)")
        #expect(protocols.rows[0][3] == "0.120" && protocols.rows[1][5] == "-3.060 – 0.027")
        #expect(inSample.rows == [["within R² (variance left by the effects that the features explain)", "0.301"]])
    }

    @Test func intervalTableShowsTheFlags() throws {
        let dir = try scratchFolder()
        try """
            name,value,lower_95,upper_95,std_error_on_search_scale,scale,identified,at_lower_bound,at_upper_bound,spans_more_than_a_decade
            beta,0.001,0.001,10,,log,false,true,false,true
            delta,0.5,0.4,0.62,0.11,log,true,false,false,false
            """.write(to: dir.appendingPathComponent("uncertainty.csv"), atomically: true, encoding: .utf8)
        var files: [String] = []
        var run = ReportInputs.Identify(folder: "identify_zero")
        run.uncertainty = try ReportExplanationSection.optionalTable(dir, "uncertainty.csv", into: &files)
        guard case .table(let t) = try ReportExplanationSection.uncertaintyOutputs([run]).first else { Issue.record("no table"); return }
        #expect(t.rows[0][3] == "not identified; at lower bound; interval > 1 decade")
        #expect(t.rows[1][3] == "–")
        // A malformed file is refused when read, naming the file and column.
        try "name,value\nbeta,x\n".write(to: dir.appendingPathComponent("uncertainty.csv"), atomically: true, encoding: .utf8)
        #expect(throws: DataError.self) { try ReportExplanationSection.optionalTable(dir, "uncertainty.csv", into: &files) }
    }
}
