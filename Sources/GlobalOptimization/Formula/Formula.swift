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
    /// The expression in postfix order, evaluated by a stack machine: no recursion at evaluation,
    /// so a formula's length is limited by `maximumLength` only, not by the stack.
    private let program: [Instruction]
    /// The largest number of values on the evaluation stack.
    private let stackSize: Int

    /// Longest formula accepted, in bytes of UTF-8.
    public static let maximumLength = 1_000_000
    /// Deepest nesting accepted: parentheses, function calls, unary signs and exponents each add a
    /// level (the parser is recursive descent, so this bounds its stack use).
    public static let maximumNesting = 256

    enum Instruction: Sendable {
        case number(Double)
        case variable(Int)
        case negate
        case binary(Character)
        case call(String, Int)
    }

    public init(_ text: String) throws {
        guard text.utf8.count <= Self.maximumLength else {
            throw FormulaError(formula: text, column: 1,
                               message: "the formula is \(text.utf8.count) bytes long; the limit is \(Self.maximumLength)")
        }
        var parser = Parser(text: text)
        try parser.parseAll()
        program = parser.code
        stackSize = parser.deepestStack
        variableCount = parser.maxVariable
        self.text = text
    }

    /// The value at x (x[0] is x1). x must have at least `variableCount` coordinates.
    public func evaluate(_ x: [Double]) -> Double { Self.run(program, stackSize, x) }

    /// A closure for `OptimizationProblem`.
    public var closure: @Sendable ([Double]) -> Double {
        let program = self.program, size = self.stackSize
        return { Self.run(program, size, $0) }
    }

    private static func run(_ program: [Instruction], _ size: Int, _ x: [Double]) -> Double {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: max(size, 1)) { stack in
            var top = 0
            for instruction in program {
                switch instruction {
                case .number(let v): stack[top] = v; top += 1
                case .variable(let i): stack[top] = x[i - 1]; top += 1
                case .negate: stack[top - 1] = -stack[top - 1]
                case .binary(let op):
                    let u = stack[top - 2], v = stack[top - 1]
                    top -= 1
                    switch op {
                    case "+": stack[top - 1] = u + v
                    case "-": stack[top - 1] = u - v
                    case "*": stack[top - 1] = u * v
                    case "/": stack[top - 1] = u / v
                    default: stack[top - 1] = pow(u, v)
                    }
                case .call(let name, let count):
                    let first = top - count
                    let a = stack[first]
                    let value: Double
                    switch name {
                    case "sqrt": value = a.squareRoot()
                    case "ln", "log": value = log(a)
                    case "exp": value = exp(a)
                    case "abs": value = abs(a)
                    case "sin": value = sin(a)
                    case "cos": value = cos(a)
                    // As Array.min()/max(): the first argument unless a later one compares smaller/larger.
                    case "min": value = (first + 1..<top).reduce(a) { stack[$1] < $0 ? stack[$1] : $0 }
                    default: value = (first + 1..<top).reduce(a) { stack[$1] > $0 ? stack[$1] : $0 }
                    }
                    top = first + 1
                    stack[first] = value
                }
            }
            return stack[0]
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
        var code: [Instruction] = []
        var stack = 0, deepestStack = 0
        var nesting = 0

        init(text: String) { self.text = text; chars = Array(text) }

        func error(_ message: String, at column: Int? = nil) -> FormulaError {
            FormulaError(formula: text, column: (column ?? position) + 1, message: message)
        }

        mutating func emit(_ instruction: Instruction) {
            code.append(instruction)
            switch instruction {
            case .number, .variable: stack += 1
            case .negate: break
            case .binary: stack -= 1
            case .call(_, let count): stack -= count - 1
            }
            deepestStack = max(deepestStack, stack)
        }

        mutating func skipSpaces() { while position < chars.count && chars[position].isWhitespace { position += 1 } }

        mutating func peek() -> Character? { skipSpaces(); return position < chars.count ? chars[position] : nil }

        mutating func parseAll() throws {
            guard peek() != nil else { throw error("expected an expression, found an empty formula") }
            try expression()
            if let c = peek() { throw error("unexpected '\(c)' after a complete expression") }
        }

        mutating func expression() throws {
            try term()
            while let c = peek(), c == "+" || c == "-" {
                position += 1
                try term()
                emit(.binary(c))
            }
        }

        mutating func term() throws {
            try unary()
            while let c = peek(), c == "*" || c == "/" {
                position += 1
                try unary()
                emit(.binary(c))
            }
        }

        /// Every level of nesting passes through here, so the depth limit is checked once.
        mutating func unary() throws {
            nesting += 1
            defer { nesting -= 1 }
            guard nesting <= Formula.maximumNesting else {
                throw error("the formula nests deeper than \(Formula.maximumNesting) levels (parentheses, function calls, "
                            + "signs and exponents each add one); the limit is \(Formula.maximumNesting)")
            }
            if let c = peek(), c == "-" || c == "+" {
                position += 1
                try unary()
                if c == "-" { emit(.negate) }
                return
            }
            try power()
        }

        mutating func power() throws {
            try primary()
            if peek() == "^" {
                position += 1
                try unary()
                emit(.binary("^"))
            }
        }

        mutating func primary() throws {
            guard let c = peek() else { throw error("expected a number, variable, function or '(', found the end of the formula") }
            if c.isNumber || c == "." { emit(try number()); return }
            if c == "(" {
                let open = position
                position += 1
                try expression()
                guard peek() == ")" else {
                    if let d = peek() { throw error("expected ')' to close the '(' at column \(open + 1), found '\(d)'") }
                    throw error("expected ')' to close the '(' at column \(open + 1), found the end of the formula")
                }
                position += 1
                return
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
                    emit(.variable(index))
                    return
                }
                if lower == "pi" { emit(.number(Double.pi)); return }
                guard let arity = Formula.arity[lower] else {
                    throw error("unknown name '\(name)': expected x1…xN, pi or one of \(Formula.arity.keys.sorted().joined(separator: ", "))", at: start)
                }
                guard peek() == "(" else { throw error("expected '(' after the function '\(name)'") }
                position += 1
                try expression()
                var count = 1
                while peek() == "," { position += 1; try expression(); count += 1 }
                guard peek() == ")" else {
                    if let d = peek() { throw error("expected ',' or ')' in the arguments of '\(name)', found '\(d)'") }
                    throw error("expected ')' to close the arguments of '\(name)', found the end of the formula")
                }
                guard arity.contains(count) else {
                    let want = arity.upperBound == Int.max ? "at least \(arity.lowerBound)" : "\(arity.lowerBound)"
                    throw error("'\(name)' takes \(want) argument\(arity.lowerBound == 1 && arity.upperBound == 1 ? "" : "s"), found \(count)", at: start)
                }
                position += 1
                emit(.call(lower, count))
                return
            }
            throw error("expected a number, variable, function or '(', found '\(c)'")
        }

        mutating func number() throws -> Instruction {
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
