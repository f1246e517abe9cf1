import Testing
@testable import Geodesy

@Test func GeodesyModuleIsNamed() { #expect(GeodesyModule.name == "Geodesy") }
