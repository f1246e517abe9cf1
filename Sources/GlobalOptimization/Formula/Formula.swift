import Foundation

/// An objective a user can type: an arithmetic expression over x1…xN, compiled to a closure.
///
/// Grammar (usual precedence, `^` right-associative and binding tighter than unary minus, so
/// −x1^2 = −(x1²)):
///
///     expr    := term (("+" | "-") term)*
///     term    := unary (("*" | "/") unary)*
///     unary   := "-" unary | "+" unary | power
///     power   := primary ("^" unary)?
///     primary := number | "x" digits | name "(" expr ("," expr)* ")" | "(" expr ")" | "pi"
///
/// Functions: sqrt, ln, log (= ln), exp, abs, sin, cos, min, max (min/max take 2 or more arguments).
/// Numbers: 12, 1.5, .5, 2e-3, 6.02E+23.
public struct Formula: Sendable {
    public let text: String
    /// The largest variable index used (x3 → 3).
    public let variableCount: Int
    private let node: Node

    indirect enum Node: Sendable {
        case number(Double)
        case variable(Int)
        case negate(Node)
        case binary(Character, Node, Node)
        case call(String, [Node])
    }

    public init(_ text: String) throws {
        var parser = Parser(text: text)
        node = try parser.parseAll()
        variableCount = parser.maxVariable
        self.text = text
    }

    /// The value at x (x[0] is x1). x must have at least `variableCount` coordinates.
    public func evaluate(_ x: [Double]) -> Double { Self.eval(node, x) }

    /// A closure for `OptimizationProblem`.
    public var closure: @Sendable ([Double]) -> Double { let node = self.node; return { Self.eval(node, $0) } }

    private static func eval(_ node: Node, _ x: [Double]) -> Double {
        switch node {
        case .number(let v): return v
        case .variable(let i): return x[i - 1]
        case .negate(let a): return -eval(a, x)
        case .binary(let op, let a, let b):
            let u = eval(a, x), v = eval(b, x)
            switch op {
            case "+": return u + v
            case "-": return u - v
            case "*": return u * v
            case "/": return u / v
            default: return pow(u, v)
            }
        case .call(let name, let args):
            let v = args.map { eval($0, x) }
            switch name {
            case "sqrt": return v[0].squareRoot()
            case "ln", "log": return log(v[0])
            case "exp": return exp(v[0])
            case "abs": return abs(v[0])
            case "sin": return sin(v[0])
            case "cos": return cos(v[0])
            case "min": return v.min()!
            default: return v.max()!
            }
        }
    }

    static let arity: [String: ClosedRange<Int>] = [
        "sqrt": 1...1, "ln": 1...1, "log": 1...1, "exp": 1...1, "abs": 1...1, "sin": 1...1, "cos": 1...1,
        "min": 2...Int.max, "max": 2...Int.max,
    ]

    private struct Parser {
        let chars: [Character]
        let text: String
        var position = 0
        var maxVariable = 0

        init(text: String) { self.text = text; chars = Array(text) }

        func error(_ message: String, at column: Int? = nil) -> FormulaError {
            FormulaError(formula: text, column: (column ?? position) + 1, message: message)
        }

        mutating func skipSpaces() { while position < chars.count && chars[position].isWhitespace { position += 1 } }

        mutating func peek() -> Character? { skipSpaces(); return position < chars.count ? chars[position] : nil }

        mutating func parseAll() throws -> Node {
            guard peek() != nil else { throw error("expected an expression, found an empty formula") }
            let node = try expression()
            if let c = peek() { throw error("unexpected '\(c)' after a complete expression") }
            return node
        }

        mutating func expression() throws -> Node {
            var node = try term()
            while let c = peek(), c == "+" || c == "-" {
                position += 1
                node = .binary(c, node, try term())
            }
            return node
        }

        mutating func term() throws -> Node {
            var node = try unary()
            while let c = peek(), c == "*" || c == "/" {
                position += 1
                node = .binary(c, node, try unary())
            }
            return node
        }

        mutating func unary() throws -> Node {
            if let c = peek(), c == "-" || c == "+" {
                position += 1
                let operand = try unary()
                return c == "-" ? .negate(operand) : operand
            }
            return try power()
        }

        mutating func power() throws -> Node {
            let base = try primary()
            if peek() == "^" {
                position += 1
                return .binary("^", base, try unary())
            }
            return base
        }

        mutating func primary() throws -> Node {
            guard let c = peek() else { throw error("expected a number, variable, function or '(', found the end of the formula") }
            if c.isNumber || c == "." { return try number() }
            if c == "(" {
                let open = position
                position += 1
                let inner = try expression()
                guard peek() == ")" else {
                    if let d = peek() { throw error("expected ')' to close the '(' at column \(open + 1), found '\(d)'") }
                    throw error("expected ')' to close the '(' at column \(open + 1), found the end of the formula")
                }
                position += 1
                return inner
            }
            if c.isLetter {
                let start = position
                var name = ""
                while position < chars.count && (chars[position].isLetter || chars[position].isNumber || chars[position] == "_") {
                    name.append(chars[position]); position += 1
                }
                let lower = name.lowercased()
                if lower.first == "x", lower.count > 1, let index = Int(lower.dropFirst()) {
                    guard index >= 1 else { throw error("variables are numbered from x1, found '\(name)'", at: start) }
                    maxVariable = max(maxVariable, index)
                    return .variable(index)
                }
                if lower == "pi" { return .number(Double.pi) }
                guard let arity = Formula.arity[lower] else {
                    throw error("unknown name '\(name)': expected x1…xN, pi or one of \(Formula.arity.keys.sorted().joined(separator: ", "))", at: start)
                }
                guard peek() == "(" else { throw error("expected '(' after the function '\(name)'") }
                position += 1
                var args = [try expression()]
                while peek() == "," { position += 1; args.append(try expression()) }
                guard peek() == ")" else {
                    if let d = peek() { throw error("expected ',' or ')' in the arguments of '\(name)', found '\(d)'") }
                    throw error("expected ')' to close the arguments of '\(name)', found the end of the formula")
                }
                guard arity.contains(args.count) else {
                    let want = arity.upperBound == Int.max ? "at least \(arity.lowerBound)" : "\(arity.lowerBound)"
                    throw error("'\(name)' takes \(want) argument\(arity.lowerBound == 1 && arity.upperBound == 1 ? "" : "s"), found \(args.count)", at: start)
                }
                position += 1
                return .call(lower, args)
            }
            throw error("expected a number, variable, function or '(', found '\(c)'")
        }

        mutating func number() throws -> Node {
            let start = position
            var s = ""
            while position < chars.count && (chars[position].isNumber || chars[position] == ".") { s.append(chars[position]); position += 1 }
            if position < chars.count && (chars[position] == "e" || chars[position] == "E") {
                var look = position + 1
                var exponent = "e"
                if look < chars.count && (chars[look] == "+" || chars[look] == "-") { exponent.append(chars[look]); look += 1 }
                let digitsStart = look
                while look < chars.count && chars[look].isNumber { exponent.append(chars[look]); look += 1 }
                guard look > digitsStart else { throw error("expected digits in the exponent of the number '\(s)'", at: look) }
                s += exponent; position = look
            }
            guard let v = Double(s), s.filter({ $0 == "." }).count <= 1, s != "." else {
                throw error("malformed number '\(s)'", at: start)
            }
            return .number(v)
        }
    }
}
