import Testing
@testable import Reports

/// One golden SVG per chart type, plus the HTML and notebook of a small document
/// (`MIGSIM_UPDATE_GOLDEN=1` regenerates them).
@Suite struct GoldenTests {
    @Test func lineChart() throws { try GoldenFile.check(SampleCharts.line.svg().render(), named: "line.svg") }
    @Test func scenarioChart() throws { try GoldenFile.check(SampleCharts.scenario.svg().render(), named: "scenario.svg") }
    @Test func barChart() throws { try GoldenFile.check(SampleCharts.bar.svg().render(), named: "bar.svg") }
    @Test func beeswarm() throws { try GoldenFile.check(SampleCharts.beeswarm.svg().render(), named: "beeswarm.svg") }
    @Test func heatMap() throws { try GoldenFile.check(SampleCharts.heat.svg().render(), named: "heatmap.svg") }
    @Test func map() throws { try GoldenFile.check(SampleCharts.map.svg().render(), named: "map.svg") }
    @Test func grid() throws { try GoldenFile.check(SampleCharts.grid.render(), named: "grid.svg") }
    @Test func html() throws { try GoldenFile.check(HTMLRenderer.render(SampleDocument.document), named: "document.html") }
    @Test func notebook() throws { try GoldenFile.check(NotebookRenderer.render(SampleDocument.document), named: "document.ipynb") }
}
