import Testing
@testable import DataIO

@Test func DataIOModuleIsNamed() { #expect(DataIOModule.name == "DataIO") }
