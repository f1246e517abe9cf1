import Foundation
import Testing
import Reports

/// The example of Sources/Reports/README.md, kept compiling and checked.
@Test func readmeExampleReports() throws {
    let chart = BarChart(title: "Net migration 2020", valueTitle: "per 1,000",
                         bars: [.init(label: "Seoul", value: -3.1), .init(label: "Sejong", value: 21.4)],
                         colourBySign: true)
    let table = ReportTable(caption: "Balances", header: ["region", "2020"],
                            rows: [["Seoul", NumberFormat.fixed(-3.1, 1)], ["Sejong", NumberFormat.fixed(21.4, 1)]])
    let document = ReportDocument(title: "Korea", sections: [
        ReportSection(id: "balances", title: "Balances", blocks: [
            .paragraph("Computed by `migsim simulate`."),
            .result(ReportResult(command: nil, outputs: [.table(table), .figure(ReportFigure(caption: "Net migration", svg: chart.svg()))])),
        ]),
    ])
    let html = HTMLRenderer.render(document)
    let notebook = NotebookRenderer.render(document)

    #expect(table.numeric == [false, true])
    #expect(html.contains("<svg") && html.contains("Sejong") && html.contains("<code>migsim simulate</code>"))
    #expect(HTMLRenderer.render(document) == html)   // the same bytes every time
    let json = try #require(try JSONSerialization.jsonObject(with: Data(notebook.utf8)) as? [String: Any])
    #expect(json["nbformat"] as? Int == 4)
}
