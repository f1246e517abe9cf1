/// The whole-file checks `CSVTable.read` makes before tokenizing, made on the bytes as they stream
/// past (chunk by chunk, any chunk boundaries): well-formed UTF-8 (Unicode Table 3-7: no overlong
/// forms, no surrogates, nothing above U+10FFFF), NUL bytes, quotes left open, and a file of white
/// space only. Each check remembers its first failure with the line (and byte within the line) that
/// `CSVTable` names, so `CSVByteReader` raises the same `DataError`s in the same order.
struct CSVByteChecks {
    /// Absolute offset of the next byte.
    private(set) var offset = 0
    /// 1-based line of the next byte, and the offset where that line starts.
    private var line = 1, lineStart = 0
    /// UTF-8: continuation bytes still expected, the allowed range of the next one, the lead's place.
    private var pending = 0
    private var nextLow: UInt8 = 0x80, nextHigh: UInt8 = 0xBF
    private var leadLine = 0, leadByte = 0
    /// First ill-formed sequence: (line, 1-based byte of its lead within the line).
    private(set) var invalidUTF8: (line: Int, byte: Int)?
    /// Line of the first NUL byte.
    private(set) var nulLine: Int?
    /// Quote state: inside a quote, opened on `quoteLine`.
    private var inQuote = false, quoteLine = 0
    /// Seen a byte that is not ASCII white space (ASCII non-space, or any non-ASCII byte).
    private(set) var sawASCIIText = false, sawNonASCII = false

    /// Line of a quote never closed, once every byte has been seen.
    var unterminatedQuoteLine: Int? { inQuote ? quoteLine : nil }

    /// Call at the end of the file: a sequence cut off by the end is ill-formed.
    mutating func finish() {
        if pending > 0, invalidUTF8 == nil { invalidUTF8 = (leadLine, leadByte) }
        pending = 0
    }

    /// Feeds the next bytes of the file. Runs of plain ASCII text are taken eight bytes at a time
    /// (no byte ≥ 0x80, NUL or quote in the word; line ends counted from the word's bits).
    mutating func consume(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        var k = 0
        while k < bytes.count {
            if pending == 0 && sawASCIIText && k + 8 <= bytes.count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self))
                if word & 0x8080_8080_8080_8080 == 0
                    && Self.zeroBytes(word) == 0 && Self.zeroBytes(word ^ 0x2222_2222_2222_2222) == 0 {
                    let newlines = Self.zeroBytes(word ^ 0x0A0A_0A0A_0A0A_0A0A)
                    if newlines != 0 {
                        line += newlines.nonzeroBitCount
                        lineStart = offset + (63 - newlines.leadingZeroBitCount) / 8 + 1
                    }
                    offset += 8; k += 8
                    continue
                }
            }
            consume(byte: base[k])
            k += 1
        }
    }

    /// The high bit of every byte of `x` that is zero, and no other bit.
    @inline(__always)
    static func zeroBytes(_ x: UInt64) -> UInt64 {
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((x & low) &+ low) | x | low)
    }

    @inline(__always)
    private mutating func consume(byte b: UInt8) {
        if pending > 0 {
            if b >= nextLow && b <= nextHigh {
                pending -= 1; nextLow = 0x80; nextHigh = 0xBF
                offset += 1
                return
            }
            if invalidUTF8 == nil { invalidUTF8 = (leadLine, leadByte) }
            pending = 0; nextLow = 0x80; nextHigh = 0xBF
            // b starts afresh below.
        }
        if b < 0x80 {
            switch b {
            case 10: line += 1; lineStart = offset + 1
            case 34: inQuote.toggle(); if inQuote { quoteLine = line }; sawASCIIText = true
            case 0: if nulLine == nil { nulLine = line }; sawASCIIText = true
            case 9...13, 32: break
            default: sawASCIIText = true
            }
        } else {
            sawNonASCII = true
            leadLine = line; leadByte = offset - lineStart + 1
            switch b {
            case 0xC2...0xDF: pending = 1
            case 0xE0: pending = 2; nextLow = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: pending = 2
            case 0xED: pending = 2; nextHigh = 0x9F
            case 0xF0: pending = 3; nextLow = 0x90
            case 0xF1...0xF3: pending = 3
            case 0xF4: pending = 3; nextHigh = 0x8F
            default: if invalidUTF8 == nil { invalidUTF8 = (line, offset - lineStart + 1) }
            }
        }
        offset += 1
    }
}
