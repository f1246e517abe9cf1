import Testing
@testable import ODE

@Test func ODEModuleIsNamed() { #expect(ODEModule.name == "ODE") }
