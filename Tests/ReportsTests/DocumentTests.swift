import Foundation
import Testing
@testable import Reports

enum SampleDocument {
    static var document: ReportDocument {
        ReportDocument(title: "Korea <test> & report", subtitle: "Made by `migsim report`.", metadata: ["stamp": "abc123", "generator": "test"], sections: [
            ReportSection(id: "data", title: "Data", blocks: [
                .paragraph("16 regions; *not emphasis* and $not math$ and `code_span`."),
                .bullets(["first", "second <b>"]),
                .result(ReportResult(command: "migsim data korea --input models/korea --output out/korea", outputs: [
                    .table(ReportTable(caption: "Settlements", header: ["id", "population"], rows: [["Seoul", "9\u{2009}668\u{2009}465"], ["Busan", "3391946"]])),
                    .figure(ReportFigure(caption: "A bar chart.", svg: SampleCharts.bar.svg())),
                ])),
            ]),
            ReportSection(id: "fit quality", title: "Fit quality", blocks: [
                .result(ReportResult(command: nil, outputs: [.figure(ReportFigure(caption: "Lines.", svg: SampleCharts.line.svg()))])),
            ]),
        ])
    }
}

@Suite struct DocumentTests {
    /// External references an HTML file could make: links, sources, CSS urls and imports.
    static func externalReferences(_ html: String) -> [String] {
        let patterns = ["https?://", "\\b(src|href|xlink:href|action|poster|data)\\s*=\\s*\"(?!#)", "url\\(\\s*['\"]?(?!#)", "@import", "<link\\b", "<script\\b", "<iframe\\b", "<object\\b", "<embed\\b"]
        return patterns.filter { html.range(of: $0, options: [.regularExpression, .caseInsensitive]) != nil }
    }

    @Test func htmlIsSelfContained() {
        let html = HTMLRenderer.render(SampleDocument.document)
        #expect(Self.externalReferences(html).isEmpty, "\(Self.externalReferences(html))")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("@media print"))
        #expect(html.contains("<a href=\"#data\">Data</a>") && html.contains("<section id=\"fit-quality\">"))
        #expect(html.contains("<svg viewBox") && !html.contains("xmlns"))
        #expect(html.contains("<title>Korea &lt;test&gt; &amp; report</title>"))
        #expect(html.contains("<meta name=\"migsim:stamp\" content=\"abc123\">"))
        #expect(html.contains("$ </span>migsim data korea"))
        #expect(html.contains("<code>code_span</code>") && html.contains("second &lt;b&gt;"))
        #expect(html.contains("Figure 1. A bar chart.") && html.contains("Figure 2. Lines.") && html.contains("Table 1. Settlements"))
        #expect(html.contains("<td class=\"num\" style=\"text-align: right\">9\u{2009}668\u{2009}465</td>"))
        #expect(html.contains("<td style=\"text-align: left\">Seoul</td>"))
    }

    @Test func theReferenceCheckCatchesExternalReferences() {
        for bad in ["<img src=\"x.png\">", "<link rel=stylesheet href=\"a.css\">", "<script>1</script>",
                    "<style>@import 'x.css';</style>", "<div style=\"background: url(x.png)\">", "see https://example.org"] {
            #expect(!Self.externalReferences(bad).isEmpty, "\(bad)")
        }
        #expect(Self.externalReferences("<a href=\"#data\">Data</a>").isEmpty)
    }

    @Test func notebookIsNbformat4WithCommandsAndRichOutputs() throws {
        let text = NotebookRenderer.render(SampleDocument.document)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(json["nbformat"] as? Int == 4 && json["nbformat_minor"] as? Int == 5)
        let meta = try #require(json["metadata"] as? [String: Any])
        #expect((meta["migsim"] as? [String: String])?["stamp"] == "abc123")
        #expect((meta["kernelspec"] as? [String: String])?["name"] == "python3")
        let cells = try #require(json["cells"] as? [[String: Any]])
        let ids = cells.compactMap { $0["id"] as? String }
        #expect(ids.count == cells.count && Set(ids).count == ids.count)
        let code = cells.filter { $0["cell_type"] as? String == "code" }
        #expect(code.count == 2)
        let source = (code[0]["source"] as? [String])?.joined()
        #expect(source == "!migsim data korea --input models/korea --output out/korea")
        let outputs = try #require(code[0]["outputs"] as? [[String: Any]])
        #expect(outputs.count == 2)
        let table = try #require(outputs[0]["data"] as? [String: Any])
        #expect(table["text/html"] != nil && table["text/plain"] != nil)
        let figure = try #require(outputs[1]["data"] as? [String: Any])
        let svg = (figure["image/svg+xml"] as? [String])?.joined() ?? ""
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(outputs.allSatisfy { $0["output_type"] as? String == "display_data" })
        #expect(code.allSatisfy { $0["execution_count"] is NSNull })
        let markdown = cells.filter { $0["cell_type"] as? String == "markdown" }.map { ($0["source"] as? [String])?.joined() ?? "" }.joined()
        #expect(markdown.contains("\\*not emphasis\\*") && markdown.contains("\\$not math\\$") && markdown.contains("`code_span`"))
        #expect(markdown.contains("# Korea &lt;test&gt; &amp; report"))
    }

    @Test func notebookAndHTMLAreDeterministic() {
        #expect(NotebookRenderer.render(SampleDocument.document) == NotebookRenderer.render(SampleDocument.document))
        #expect(HTMLRenderer.render(SampleDocument.document) == HTMLRenderer.render(SampleDocument.document))
    }

    @Test func plainTextTableAlignsNumbersRight() {
        let t = ReportTable(caption: "", header: ["id", "r2"], rows: [["Seoul", "0.9"], ["Busan", "0.85"]])
        #expect(t.numeric == [false, true])
        #expect(t.plainText == "id       r2\n-----  ----\nSeoul   0.9\nBusan  0.85")
    }

    @Test func jsonStringsEscapeControlCharacters() {
        #expect(JSONText.quote("a\"b\\c\nd\u{01}é") == "\"a\\\"b\\\\c\\nd\\u0001é\"")
        #expect(JSONText.object(["b": .int(1), "a": .array([])]).render() == "{\n \"a\": [],\n \"b\": 1\n}\n")
    }
}
