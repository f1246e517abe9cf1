import Testing
@testable import MigsimCLI

@Test func rootCommandParses() throws {
    _ = try MigsimCommand.parseAsRoot([])
}
