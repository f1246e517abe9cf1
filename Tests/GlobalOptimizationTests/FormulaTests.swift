import Foundation
import Testing
@testable import GlobalOptimization

struct FormulaTests {
    @Test func precedenceAndAssociativity() throws {
        #expect(try Formula("1 + 2 * 3").evaluate([]) == 7)
        #expect(try Formula("2 ^ 3 ^ 2").evaluate([]) == 512)
        #expect(try Formula("-x1^2").evaluate([3]) == -9)
        #expect(try Formula("(1 + 2) * 3").evaluate([]) == 9)
        #expect(try Formula("8 / 4 / 2").evaluate([]) == 1)
        #expect(try Formula("2^-1").evaluate([]) == 0.5)
        #expect(try Formula("1.5e3 + .5 + 2E-1").evaluate([]) == 1500.7)
    }

    @Test func functionsAndVariables() throws {
        let f = try Formula("sqrt(x1) + ln(exp(x2)) + abs(-x3) + min(x1, x2, x3) + max(x1, 2)")
        #expect(f.variableCount == 3)
        let expected: Double = 7.5
        #expect(f.evaluate([4, 1.5, -2]) == expected)
    }

    /// The §4.2 regression typed as a formula gives the same value as the compiled objective.
    @Test func bookRegressionAsAFormula() throws {
        let f = try Formula("-315317.4 - 0.02542966*x2 - 0.6432493*x3 - 950912100/x1 + 981.9057*sqrt(x3) + 9314139000/x3")
        let x = ResearchFundingRegression.maximizer
        #expect(f.evaluate(x) == ResearchFundingRegression.value(x))
    }

    @Test(arguments: [
        ("x1 + ", 6, "found the end of the formula"),
        ("x1 * (x2 + 1", 13, "expected ')' to close the '(' at column 6"),
        ("2 ** x1", 4, "found '*'"),
        ("foo(x1)", 1, "unknown name 'foo'"),
        ("x0 + 1", 1, "variables are numbered from x1"),
        ("1.2.3", 1, "malformed number '1.2.3'"),
        ("2e+ 1", 4, "expected digits in the exponent"),
        ("min(x1)", 1, "'min' takes at least 2 arguments, found 1"),
        ("sqrt x1", 6, "expected '(' after the function 'sqrt'"),
        ("x1 x2", 4, "unexpected 'x' after a complete expression"),
        ("", 1, "empty formula"),
        ("x1 $ 2", 4, "unexpected '$'"),
    ])
    func badFormulasPointAtTheCharacter(text: String, column: Int, message: String) {
        do {
            _ = try Formula(text)
            Issue.record("accepted a bad formula: \(text)")
        } catch let error as FormulaError {
            #expect(error.column == column, "\(error)")
            #expect(error.message.contains(message), "\(error)")
            #expect(error.description.hasSuffix("\n  " + String(repeating: " ", count: column - 1) + "^"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
