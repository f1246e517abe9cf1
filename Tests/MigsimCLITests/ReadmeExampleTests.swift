import Foundation
import Testing
import MigsimCLI

/// The example of Sources/MigsimCLI/README.md, kept compiling and checked.
@Test func readmeExampleMigsimCLI() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("migsim-readme-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let output = dir.appendingPathComponent("optimize.json")
    var command = try MigsimCommand.parseAsRoot(["optimize", "--objective", "(x1 - 0.25)^2 + 1", "--bounds", "-1:2",
                                                 "--method", "ps-gps2n", "--budget", "500", "--output", output.path])
    try command.run()

    let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [String: Any])
    let x = try #require(json["bestPoint"] as? [Double])
    #expect(abs(x[0] - 0.25) < 1e-5)
    #expect(abs((json["bestValue"] as! Double) - 1) < 1e-9)
}
