import Testing
@testable import GlobalOptimization

@Test func GlobalOptimizationModuleIsNamed() { #expect(GlobalOptimizationModule.name == "GlobalOptimization") }
