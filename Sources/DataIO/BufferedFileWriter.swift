import Foundation

/// Writes a file through one fixed buffer, for outputs too large to build as a `String` first (the
/// n² cells of a balanced flow matrix): bytes and text are appended to the buffer, which goes to the
/// file with write(2) whenever it is full. Numbers are written as Swift's shortest round-trip text
/// (the same characters as `"\(value)"`): `Double.write(to:)` hands its digits to this stream's
/// `_writeASCII`, so no `String` is made per number. The first failed write is kept and thrown by
/// `finish()`, naming the file.
public final class BufferedFileWriter: TextOutputStream {
    public let path: String
    private let fd: Int32
    private var buffer: UnsafeMutableBufferPointer<UInt8>
    private var used = 0
    private var failure: DataError?

    /// Creates (or truncates) `path`.
    public init(path: String, capacity: Int = 1 << 20) throws(DataError) {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else {
            throw DataError(.writeFailed, file: path, found: String(cString: strerror(errno)), expected: "a writable file")
        }
        buffer = .allocate(capacity: max(capacity, 64))
    }

    deinit {
        closeDescriptor(fd)
        buffer.deallocate()
    }

    public func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        if used + bytes.count > buffer.count {
            flushBuffer()
            if bytes.count > buffer.count { writeAll(bytes); return }
        }
        (buffer.baseAddress! + used).update(from: bytes.baseAddress!, count: bytes.count)
        used += bytes.count
    }

    public func write(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { write($0) } }

    /// Text, as UTF-8 (TextOutputStream).
    public func write(_ string: String) {
        var s = string
        s.withUTF8 { write($0) }
    }

    /// ASCII text from the standard library's number formatting (TextOutputStream).
    public func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { write(buffer) }

    public func write(byte: UInt8) {
        if used == buffer.count { flushBuffer() }
        buffer[used] = byte
        used += 1
    }

    /// The number as `"\(value)"` writes it (Double's `TextOutputStreamable` conformance).
    public func write(_ value: Double) {
        var target = self
        value.write(to: &target)
    }

    /// Writes what is buffered; throws the first write error. The file is closed on deinit.
    public func finish() throws(DataError) {
        flushBuffer()
        if let failure { throw failure }
    }

    private func flushBuffer() {
        writeAll(UnsafeBufferPointer(start: buffer.baseAddress!, count: used))
        used = 0
    }

    private func writeAll(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard failure == nil, bytes.count > 0 else { return }
        var done = 0
        while done < bytes.count {
            let n = writeDescriptor(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                failure = DataError(.writeFailed, file: path, found: String(cString: strerror(errno)), expected: "room to write the file")
                return
            }
            done += n
        }
    }
}

/// write(2) and close(2), out of the class whose methods share their names.
private func writeDescriptor(_ fd: Int32, _ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int { write(fd, bytes, count) }
private func closeDescriptor(_ fd: Int32) { if fd >= 0 { _ = close(fd) } }
