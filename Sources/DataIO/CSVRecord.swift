import Foundation

/// One record of a CSV file as `CSVByteReader` streams it: the 1-based line it starts on and the
/// bytes of its fields (surrounding quotes removed, doubled quotes undoubled, nothing trimmed).
///
/// The field buffers point into the reader's chunk and scratch memory: they are valid only inside
/// the callback that receives the record and must not be kept. Text and numbers are read from the
/// bytes without a `String` per field; the accessors give exactly what `CSVTable` (which trims a
/// field with a space or tab at either end of Unicode white space) and `Double(String)` give.
public struct CSVRecord {
    /// Line of the record's first byte (header = line 1).
    public let line: Int
    /// The fields' bytes, untrimmed.
    public let fields: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>

    public init(line: Int, fields: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>) {
        self.line = line
        self.fields = fields
    }

    public var count: Int { fields.count }

    /// The field as `CSVTable` holds it: unchanged unless it starts or ends with a space or tab,
    /// then trimmed of Unicode white space (`CharacterSet.whitespaces`).
    public func text(_ k: Int) -> String {
        let f = fields[k]
        guard let first = f.first, let last = f.last, Self.isBlank(first) || Self.isBlank(last) else {
            return String(decoding: f, as: UTF8.self)
        }
        if let t = Self.asciiTrimmed(f) { return String(decoding: t, as: UTF8.self) }
        return String(decoding: f, as: UTF8.self).trimmingCharacters(in: .whitespaces)
    }

    /// The field trimmed of Unicode white space at both ends (what `trimmingCharacters(in:
    /// .whitespaces)` of `text(k)` gives), as bytes; nil when an end is a non-ASCII character, where
    /// only `trimmedText(k)` decides. No allocation.
    public func trimmedBytes(_ k: Int) -> UnsafeBufferPointer<UInt8>? {
        Self.asciiTrimmed(fields[k])
    }

    /// The field trimmed of Unicode white space at both ends, as a `String`.
    public func trimmedText(_ k: Int) -> String {
        if let t = Self.asciiTrimmed(fields[k]) { return String(decoding: t, as: UTF8.self) }
        return String(decoding: fields[k], as: UTF8.self).trimmingCharacters(in: .whitespaces)
    }

    /// The field as a finite-or-not `Double` exactly as `Double(trimmedText(k))` reads it (nil when
    /// that is nil): plain decimals of up to 19 digits are converted from the bytes (correctly
    /// rounded, so the same value), anything else through `Double(String)`.
    public func number(_ k: Int) -> Double? {
        if let t = trimmedBytes(k), let v = DecimalBytes.parse(t) { return v }
        return Double(trimmedText(k))
    }

    /// The number in already trimmed bytes (`trimmedBytes(k)`), as `number(k)` reads it.
    @inline(__always)
    public func number(_ k: Int, trimmed: UnsafeBufferPointer<UInt8>?) -> Double? {
        if let t = trimmed, let v = DecimalBytes.parse(t) { return v }
        return Double(trimmedText(k))
    }

    /// Space or tab: the white space `CSVTable` looks for at a field's ends.
    @inline(__always)
    static func isBlank(_ b: UInt8) -> Bool { b == 32 || b == 9 }

    /// `f` without leading and trailing spaces and tabs, or nil when what remains starts or ends
    /// with a non-ASCII byte (which might be Unicode white space). An all-blank field gives an empty buffer.
    static func asciiTrimmed(_ f: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        var lo = 0, hi = f.count
        while lo < hi, isBlank(f[lo]) { lo += 1 }
        while hi > lo, isBlank(f[hi - 1]) { hi -= 1 }
        if lo < hi, f[lo] >= 0x80 || f[hi - 1] >= 0x80 { return nil }
        return UnsafeBufferPointer(rebasing: f[lo..<hi])
    }
}
