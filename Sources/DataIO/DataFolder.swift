import Foundation

/// The project's data folder: the public data sets migsim reads but never copies into the
/// repository (`korea/`, `us-states/`, `worldpop/`, …). One resolver for the code and the tests:
///
/// 1. `MIGSIM_DATA`, when set and non-empty, names the folder (absolute, or relative to the
///    current directory);
/// 2. otherwise `../shared/data` relative to the project root (the folder beside the checkout).
///
/// `locate` checks that the folder exists and otherwise throws an error saying which folder is
/// missing and how to point `MIGSIM_DATA` at it.
public struct DataFolder: Sendable, Equatable {
    public static let environmentVariable = "MIGSIM_DATA"
    /// The default location relative to the project root.
    public static let defaultRelativePath = "../shared/data"

    /// The folder (it need not exist; see `exists`).
    public let url: URL
    /// Whether the location came from `MIGSIM_DATA` (for messages).
    public let fromEnvironment: Bool

    /// The folder by the rule above, for a project rooted at `projectRoot` (default: the current
    /// directory, where migsim is run from).
    public static func resolve(projectRoot: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                               environment: [String: String] = ProcessInfo.processInfo.environment) -> DataFolder {
        if let value = environment[environmentVariable], !value.isEmpty {
            let url = value.hasPrefix("/") ? URL(fileURLWithPath: value)
                                           : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(value)
            return DataFolder(url: url.standardizedFileURL, fromEnvironment: true)
        }
        return DataFolder(url: projectRoot.appendingPathComponent(defaultRelativePath).standardizedFileURL, fromEnvironment: false)
    }

    /// The resolved folder, or an error naming it when it does not exist.
    public static func locate(projectRoot: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                              environment: [String: String] = ProcessInfo.processInfo.environment) throws(DataError) -> DataFolder {
        let folder = resolve(projectRoot: projectRoot, environment: environment)
        guard folder.exists else {
            throw DataError(.missingFile, file: folder.url.path, expected: folder.missingHint)
        }
        return folder
    }

    public var exists: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// A file of the folder, e.g. `file("korea/flows_quarterly.csv")`.
    public func file(_ relativePath: String) -> URL { url.appendingPathComponent(relativePath) }

    /// What to do when the folder is missing.
    public var missingHint: String {
        fromEnvironment
            ? "the data folder named by \(Self.environmentVariable) (set \(Self.environmentVariable) to the folder holding korea/, us-states/, worldpop/ …)"
            : "the data folder \(Self.defaultRelativePath) beside the project (or set \(Self.environmentVariable)=/path/to/data)"
    }

    /// The one line printed when tests that need the folder are skipped.
    public var skipNotice: String {
        "data folder \(url.path) not found: tests that need it are skipped; set \(Self.environmentVariable)=/path/to/data to run them"
    }

    // MARK: tests

    /// The project root of the checkout this library was compiled from (…/Sources/DataIO/DataFolder.swift → up three).
    /// Only the tests use it: the command line resolves against the current directory.
    public static let sourceCheckoutRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The data folder of the test run (resolved once per process against `sourceCheckoutRoot`).
    public static let forTests = resolve(projectRoot: sourceCheckoutRoot)

    /// Whether tests needing the data folder run; when they do not, `skipNotice` is printed once
    /// per process to standard error (evaluated lazily by the first test that asks).
    public static let availableForTests: Bool = {
        let available = forTests.exists
        if !available { FileHandle.standardError.write(Data((forTests.skipNotice + "\n").utf8)) }
        return available
    }()
}
