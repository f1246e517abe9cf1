import Reports
import Testing

@Suite struct ReportsModuleTests {
    @Test func moduleLinks() { #expect(String(describing: Reports.self) == "Reports") }
}
