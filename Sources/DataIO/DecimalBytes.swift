/// Conversion of a plain decimal number's ASCII bytes to `Double` without making a `String`
/// (Clinger's fast path): for text `[+-] digits [. digits] [(e|E) [+-] digits]` whose significant
/// digits form an integer w ≤ 2⁵³ and whose decimal exponent e satisfies |e| ≤ 22,
///
///     value = w · 10^e   (w·10^e for e ≥ 0, w / 10^−e for e < 0),
///
/// where w and 10^|e| are exact doubles, so the one IEEE multiplication or division rounds the exact
/// value correctly: the same `Double` as any correctly rounded parser, `Double(String)` included.
/// Other text (more digits, larger exponents, hex, `inf`, `nan`, stray bytes) returns nil and the
/// caller falls back to `Double(String)`, so behaviour is unchanged for every input.
public enum DecimalBytes {
    /// 10⁰ … 10²², all exactly representable.
    static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// The value of `text`, or nil when the fast path does not apply (not an error by itself).
    public static func parse(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        let n = text.count
        var k = 0
        var negative = false
        if k < n, text[k] == 45 || text[k] == 43 { negative = text[k] == 45; k += 1 }   // - +
        var w: UInt64 = 0
        var significant = 0, digits = 0, exponent = 0
        while k < n, text[k] &- 48 < 10 {
            let d = UInt64(text[k] &- 48)
            if w != 0 || d != 0 { significant += 1; if significant > 19 { return nil }; w = w &* 10 &+ d }
            digits += 1; k += 1
        }
        if k < n, text[k] == 46 {   // .
            k += 1
            while k < n, text[k] &- 48 < 10 {
                let d = UInt64(text[k] &- 48)
                if w != 0 || d != 0 { significant += 1; if significant > 19 { return nil }; w = w &* 10 &+ d }
                digits += 1; exponent -= 1; k += 1
            }
        }
        guard digits > 0 else { return nil }
        if k < n, text[k] == 101 || text[k] == 69 {   // e E
            k += 1
            var negativeExponent = false
            if k < n, text[k] == 45 || text[k] == 43 { negativeExponent = text[k] == 45; k += 1 }
            var e = 0, exponentDigits = 0
            while k < n, text[k] &- 48 < 10 {
                if e < 10_000 { e = e * 10 + Int(text[k] &- 48) }
                exponentDigits += 1; k += 1
            }
            guard exponentDigits > 0 else { return nil }
            exponent += negativeExponent ? -e : e
        }
        guard k == n else { return nil }
        if w == 0 { return negative ? -0.0 : 0.0 }
        guard w <= 1 << 53, exponent >= -22, exponent <= 22 else { return nil }
        let m = Double(w)
        let v = exponent >= 0 ? m * powersOfTen[exponent] : m / powersOfTen[-exponent]
        return negative ? -v : v
    }
}
