import Foundation
import Testing
@testable import DataIO

/// `DecimalBytes.parse` (numbers from bytes without a `String`) never disagrees with `Double(String)`:
/// where it answers, the same bits; where it does not, the caller's `Double(String)` decides.
struct DecimalBytesTests {
    static func fast(_ s: String) -> Double? {
        var s = s
        return s.withUTF8 { DecimalBytes.parse($0) }
    }

    @Test func plainDecimalsMatchDoubleFromString() {
        var rng = SplitMix64(state: 18)
        var texts = ["0", "-0", "+0", "00012", "1.", ".5", "-.5", "+1", "1e5", "1E+05", "1.5e-3", "123456789012345678",
                     "9007199254740993", "0.1", "0.30000000000000004", "4.35", "1e22", "1e-22", "17e21", "2.5e-20",
                     "474", "1000000", "3.1415926535897931", "1234.5678901234567", "0.000123", "-42.0"]
        for _ in 0..<20_000 {
            let v = (Double(rng.next() >> 11) * 0x1.0p-53) * pow(10, Double(Int(rng.next() % 12)) - 4)
            texts.append("\(v)")                                    // shortest round-trip text
            texts.append(String(Int(rng.next() % 10_000_000)))       // whole numbers
            texts.append(String(format: "%.3f", v))                  // a few decimals
        }
        var answered = 0
        for t in texts {
            let reference = Double(t)
            if let v = Self.fast(t) {
                answered += 1
                #expect(reference?.bitPattern == v.bitPattern, "'\(t)': \(v) vs Double(String) \(String(describing: reference))")
            }
        }
        #expect(answered > texts.count / 2)
        #expect(Self.fast("474") == 474 && Self.fast("-0")?.sign == .minus && Self.fast("1.5e-3") == 0.0015)
    }

    @Test func otherTextIsLeftToDoubleFromString() {
        for t in ["", "-", ".", "1e", "e5", "+.e1", "1_000", " 5", "5 ", "0x1p3", "inf", "nan", "1e400", "1e-400",
                  "1e23", "12345678901234567890", "1.7976931348623157e308", "١", "1,5", "--1", "1e+", "1.2.3"] {
            #expect(Self.fast(t) == nil, "'\(t)' should go to Double(String)")
        }
    }
}

/// SplitMix64: a seeded generator for the test's numbers.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
