import Testing
@testable import FlowBalancing

@Test func FlowBalancingModuleIsNamed() { #expect(FlowBalancingModule.name == "FlowBalancing") }
