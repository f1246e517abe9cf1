import Foundation
import Testing
@testable import DataIO

/// The package root (…/Tests/DataIOTests/TestSupport.swift → three levels up).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
/// The data folder's Korean files (resolved by `DataFolder`).
let sharedKorea = DataFolder.forTests.file("korea")
let bundledKorea = packageRoot.appendingPathComponent("models/korea")

/// Tests that read the project's data folder (`DataFolder`: `../shared/data` or `MIGSIM_DATA`) carry
/// this trait: without the folder they are skipped, and one line names the missing folder.
extension Trait where Self == ConditionTrait {
    static var needsDataFolder: Self {
        .enabled(if: DataFolder.availableForTests, "needs the data folder (../shared/data or MIGSIM_DATA)")
    }
}

/// A fresh temporary directory for one test.
func temporaryDirectory() -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dataio-tests-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// Writes `text` to a file `name` in a fresh temporary directory.
func temporaryFile(_ name: String, _ text: String) -> URL {
    let url = temporaryDirectory().appendingPathComponent(name)
    try! Data(text.utf8).write(to: url)
    return url
}

/// Runs `body`, requires a `DataError` of `kind`, and checks line / column / message pieces.
func expectDataError<T>(_ kind: DataError.Kind, line: Int? = nil, column: String? = nil, columnIndex: Int? = nil,
                        mentions: [String] = [], sourceLocation: SourceLocation = #_sourceLocation,
                        _ body: () throws -> T) {
    do {
        _ = try body()
        Issue.record("expected a \(kind) error, got success", sourceLocation: sourceLocation)
    } catch let e as DataError {
        #expect(e.kind == kind, "\(e)", sourceLocation: sourceLocation)
        if let line { #expect(e.line == line, "\(e)", sourceLocation: sourceLocation) }
        if let column { #expect(e.column?.name == column, "\(e)", sourceLocation: sourceLocation) }
        if let columnIndex { #expect(e.column?.index == columnIndex, "\(e)", sourceLocation: sourceLocation) }
        #expect(e.description.contains(e.file), sourceLocation: sourceLocation)
        for m in mentions { #expect(e.description.contains(m), "\(e) should mention \(m)", sourceLocation: sourceLocation) }
    } catch {
        Issue.record("expected DataError, got \(error)", sourceLocation: sourceLocation)
    }
}
