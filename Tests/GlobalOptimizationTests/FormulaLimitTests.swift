import Testing
@testable import GlobalOptimization

/// Hostile formulas: deep nesting stops at `Formula.maximumNesting` with an error naming the limit;
/// long flat formulas are evaluated without recursion (no stack overflow either way).
struct FormulaLimitTests {
    func nestingError(_ text: String) -> FormulaError? {
        do { _ = try Formula(text); return nil } catch let e as FormulaError { return e } catch { return nil }
    }

    /// The hostile formulas, by name (the texts are too long to show as test arguments).
    static func hostile(_ name: String) -> String {
        switch name {
        case "20,000 nested parentheses": return String(repeating: "(", count: 20_000) + "x1" + String(repeating: ")", count: 20_000)
        case "100,000 unary minus signs": return String(repeating: "-", count: 100_000) + "x1"
        case "20,000 nested sin(": return String(repeating: "sin(", count: 20_000) + "x1" + String(repeating: ")", count: 20_000)
        default: return String(repeating: "2^", count: 20_000) + "1"
        }
    }

    @Test(arguments: ["20,000 nested parentheses", "100,000 unary minus signs", "20,000 nested sin(", "20,000 chained powers"])
    func deepNestingNamesTheLimit(name: String) throws {
        let error = try #require(nestingError(Self.hostile(name)))
        #expect(error.message.contains("nests deeper than \(Formula.maximumNesting) levels"), "\(error.message)")
        #expect(error.column <= 4 * Formula.maximumNesting + 1)
        // The description shows a window of the formula, not all of it.
        #expect(error.description.count < 400)
    }

    @Test func nestingUpToTheLimitIsAccepted() throws {
        let depth = Formula.maximumNesting - 1
        let f = try Formula(String(repeating: "(", count: depth) + "x1 + 1" + String(repeating: ")", count: depth))
        #expect(f.evaluate([2]) == 3)
        #expect(try Formula(String(repeating: "-", count: 200) + "x1").evaluate([5]) == 5)
        #expect(try Formula(String(repeating: "-", count: 201) + "x1").evaluate([5]) == -5)
    }

    @Test func hundredThousandTermSumIsEvaluatedExactly() throws {
        let terms = 100_000
        let text = (1...terms).map { $0 % 2 == 0 ? "x1" : "x2" }.joined(separator: " + ")
        let f = try Formula(text)
        #expect(f.variableCount == 2)
        #expect(f.evaluate([1, 2]) == Double(terms / 2) * 3)
        #expect(f.closure([0.5, 0.25]) == Double(terms / 2) * 0.75)
        let product = try Formula(Array(repeating: "x1", count: 50_000).joined(separator: "*"))
        #expect(product.evaluate([1]) == 1)
    }

    @Test func overlongFormulaNamesTheLimit() throws {
        let text = String(repeating: "1+", count: Formula.maximumLength / 2) + "1"
        let error = try #require(nestingError(text))
        #expect(error.message == "the formula is \(Formula.maximumLength + 1) bytes long; the limit is \(Formula.maximumLength)")
    }

    @Test func minAndMaxKeepTheirArgumentOrderSemantics() throws {
        #expect(try Formula("min(3, x1, 2)").evaluate([1]) == 1)
        #expect(try Formula("max(3, x1, 2)").evaluate([7]) == 7)
        #expect(try Formula("max(min(1, 2), 0.5) + min(4, max(5, 6))").evaluate([]) == 5)
        #expect(try Formula("min(x1, 2)").evaluate([.nan]).isNaN)
    }
}
