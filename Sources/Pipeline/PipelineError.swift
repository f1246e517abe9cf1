import Foundation

/// An error of the pipeline's orchestration: what went wrong, naming the option, file or setting
/// the user gave and what was expected. The command-line tool prints `description` as it is.
public struct PipelineError: Error, Equatable, CustomStringConvertible, LocalizedError, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
    public var errorDescription: String? { description }
}
