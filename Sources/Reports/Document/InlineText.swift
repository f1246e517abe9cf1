/// The document's only inline markup: spans between backticks are code.
enum InlineText {
    /// (text, isCode) pieces of `s`; an unmatched backtick is literal text.
    static func pieces(_ s: String) -> [(String, Bool)] {
        var out: [(String, Bool)] = []
        var rest = Substring(s)
        while let open = rest.firstIndex(of: "`") {
            let after = rest.index(after: open)
            guard let close = rest[after...].firstIndex(of: "`") else { break }
            if open > rest.startIndex { out.append((String(rest[..<open]), false)) }
            out.append((String(rest[after..<close]), true))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { out.append((String(rest), false)) }
        return out
    }

    static func html(_ s: String) -> String {
        pieces(s).map { $0.1 ? "<code>\(HTMLRenderer.escape($0.0))</code>" : HTMLRenderer.escape($0.0) }.joined()
    }

    /// Markdown with the characters that would start emphasis or HTML escaped outside code.
    static func markdown(_ s: String) -> String {
        pieces(s).map { piece -> String in
            if piece.1 { return "`" + piece.0 + "`" }
            var t = ""
            for ch in piece.0 {
                switch ch {
                case "*", "_", "[", "]", "#", "\\", "$": t += "\\" + String(ch)
                case "<": t += "&lt;"
                case ">": t += "&gt;"
                case "&": t += "&amp;"
                default: t.append(ch)
                }
            }
            return t
        }.joined()
    }
}
