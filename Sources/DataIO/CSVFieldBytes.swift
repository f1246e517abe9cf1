/// Labels written as CSV fields (`CSVTableWriter.quote`), each followed by a comma, kept as one
/// byte array: a streamed table of n² rows writes each row's labels without a `String` or array
/// per row.
public struct CSVFieldBytes: Sendable {
    private let bytes: [UInt8]
    /// Label k is bytes[start[k]..<start[k + 1]] (its quoted text and the comma).
    private let start: [Int]

    public init(_ labels: [String]) {
        var bytes: [UInt8] = [], start = [0]
        for label in labels {
            bytes.append(contentsOf: CSVTableWriter.quote(label).utf8)
            bytes.append(44)
            start.append(bytes.count)
        }
        self.bytes = bytes
        self.start = start
    }

    /// Writes label k and its comma.
    @inlinable
    public func write(_ k: Int, to writer: BufferedFileWriter) {
        withField(k) { writer.write($0) }
    }

    @usableFromInline
    func withField(_ k: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start[k]..<start[k + 1]])) }
    }
}
