import Foundation
import ArgumentParser
import DataIO
import GlobalOptimization

/// A regression term typed by the user: a formula over the columns of a table in the syntax of
/// `optimize --objective` (`ln(gdp)`, `age^2`, `a*b`, `sqrt(x)/y`; raw powers, not orthogonal
/// polynomials). Column names are identifiers (a letter, then letters, digits or `_`), or any
/// header text between backquotes (`` `GDP, bn` ``); a name followed by `(` is a function.
struct RegressionTerm {
    /// The term as typed (its name in the outputs).
    let text: String
    /// The columns it reads, in the order of the compiled formula's variables x1, x2, …
    let columns: [Int]
    let formula: Formula

    /// Compiles `text` against `header`; `option` names the flag in errors (e.g. `--terms`).
    init(_ text: String, header: [String], file: String, option: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw ValidationError("\(option): an empty term; expected a formula over the columns of \(file)") }
        let chars = Array(trimmed)
        var rewritten = "", columns: [Int] = []
        var i = 0
        func variable(for name: String) throws -> String {
            guard let c = header.firstIndex(of: name) else {
                throw ValidationError("\(option): term '\(trimmed)' names '\(name)', which is not a column of \(file); "
                                      + "expected one of \(header.joined(separator: ", ")) (a header that is not an identifier goes between backquotes)")
            }
            if let v = columns.firstIndex(of: c) { return "x\(v + 1)" }
            columns.append(c)
            return "x\(columns.count)"
        }
        while i < chars.count {
            let c = chars[i]
            if c == "`" {
                guard let close = chars[(i + 1)...].firstIndex(of: "`") else {
                    throw ValidationError("\(option): term '\(trimmed)' opens a backquote at column \(i + 1) that is never closed")
                }
                rewritten += try variable(for: String(chars[(i + 1)..<close]))
                i = close + 1
            } else if c.isLetter || c == "_" {
                var j = i
                while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" { j += 1 }
                let name = String(chars[i..<j])
                var k = j
                while k < chars.count, chars[k] == " " { k += 1 }
                let isFunction = k < chars.count && chars[k] == "("
                if isFunction || (name.lowercased() == "pi" && !header.contains(name)) { rewritten += name } else {
                    rewritten += try variable(for: name)
                }
                i = j
            } else if c.isNumber || c == "." {
                // A number, with its exponent (2e-3) kept whole so `e` is not read as a column.
                var j = i
                while j < chars.count, chars[j].isNumber || chars[j] == "." { j += 1 }
                if j < chars.count, chars[j] == "e" || chars[j] == "E" {
                    var k = j + 1
                    if k < chars.count, chars[k] == "+" || chars[k] == "-" { k += 1 }
                    if k < chars.count, chars[k].isNumber {
                        j = k
                        while j < chars.count, chars[j].isNumber { j += 1 }
                    }
                }
                rewritten += String(chars[i..<j])
                i = j
            } else {
                rewritten.append(c)
                i += 1
            }
        }
        do { formula = try Formula(rewritten) } catch let error as FormulaError {
            throw ValidationError("\(option): term '\(trimmed)' is not a formula: \(error.message)")
        }
        self.text = trimmed
        self.columns = columns
    }

    /// The term's value in one row, from the numeric values of its columns (nil when one is missing).
    func value(_ row: (Int) -> Double?) -> Double? {
        var x: [Double] = []
        x.reserveCapacity(columns.count)
        for c in columns {
            guard let v = row(c) else { return nil }
            x.append(v)
        }
        return formula.evaluate(x)
    }

    /// Splits a comma-separated list of terms at the commas outside parentheses and backquotes
    /// (`min(a,b),c` is two terms).
    static func split(_ list: String) -> [String] {
        var parts: [String] = [], current = "", depth = 0, quoted = false
        for c in list {
            if c == "`" { quoted.toggle() }
            if !quoted { if c == "(" { depth += 1 } else if c == ")" { depth -= 1 } }
            if c == ",", depth == 0, !quoted { parts.append(current); current = "" } else { current.append(c) }
        }
        parts.append(current)
        return parts.map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
