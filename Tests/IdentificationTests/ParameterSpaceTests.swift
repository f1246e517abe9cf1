import Foundation
import Identification
import MigrationModel
import Testing

@Suite struct ParameterSpaceTests {
    let base = ModelParameters()

    @Test func logScaleBoxIsTheLogarithmOfTheRange() throws {
        let space = try ParameterSpace([ParameterRange(.alpha, lower: 0.01, upper: 100, scale: .log),
                                        ParameterRange(.young, lower: 20, upper: 40, scale: .linear)], base: base)
        #expect(space.lowerBounds == [log(0.01), 20] && space.upperBounds == [log(100), 40])
        let p = space.parameters(at: [log(2.5), 33], base: base)
        #expect(abs(p.alpha - 2.5) < 1e-12)
        #expect(p.ageFunction == .smoothStep(young: 33, old: 60))
        #expect(p.delta == base.delta)
        let y = try #require(space.point(of: p))
        #expect(abs(y[0] - log(2.5)) < 1e-12 && y[1] == 33)
        // Coordinates are clamped into the range (rounding of exp never leaves it).
        #expect(space.parameters(at: [log(100) + 1e-9, 40], base: base).alpha == 100)
    }

    @Test func namesAndAliases() {
        #expect(IdentifiedParameter(name: "c") == .damping)
        #expect(IdentifiedParameter(name: "d0") == .distanceScale)
        #expect(IdentifiedParameter(name: "x_young") == .young)
        #expect(IdentifiedParameter(name: "Alpha") == .alpha)
        #expect(IdentifiedParameter(name: "inertia") == nil)
        #expect(IdentifiedParameter.young.defaultScale(lower: 20) == .linear)
        #expect(IdentifiedParameter.gamma.defaultScale(lower: 0) == .linear)
        #expect(IdentifiedParameter.gamma.defaultScale(lower: 0.5) == .log)
    }

    @Test func badRangesNameTheParameter() {
        func error(_ ranges: [ParameterRange], base: ModelParameters = ModelParameters()) -> IdentificationError? {
            do { _ = try ParameterSpace(ranges, base: base); return nil } catch { return error }
        }
        #expect(error([ParameterRange(.alpha, lower: 2, upper: 1, scale: .linear)])
                == .invalidRange(parameter: "alpha", found: "2.0:1.0", expected: "lower < upper"))
        #expect(error([ParameterRange(.beta, lower: 0, upper: 1, scale: .log)])
                == .invalidRange(parameter: "beta", found: "lower bound 0.0 on a log scale",
                                 expected: "a lower bound > 0 for a log-scale search (or the linear scale)"))
        #expect(error([ParameterRange(.delta, lower: -1, upper: 1, scale: .linear)])
                == .invalidRange(parameter: "delta", found: "lower bound -1.0", expected: "a lower bound ≥ 0.0"))
        #expect(error([ParameterRange(.distanceScale, lower: 0, upper: 10, scale: .linear)])
                == .invalidRange(parameter: "distance_scale", found: "lower bound 0.0", expected: "a lower bound > 0.0"))
        #expect(error([ParameterRange(.gamma, lower: 1, upper: .infinity, scale: .linear)])
                == .invalidRange(parameter: "gamma", found: "1.0:inf", expected: "finite numbers"))
        #expect(error([ParameterRange(default: .alpha), ParameterRange(default: .alpha)]) == .duplicateParameter("alpha"))
        #expect(error([]) != nil)
        let rc = ModelParameters(ageFunction: .rogersCastro(RogersCastroParameters(a1: 0.02, alpha1: 0.1, a2: 0.06, alpha2: 0.1, mu2: 20, lambda2: 0.4, c: 0.003)))
        #expect(error([ParameterRange(default: .old)], base: rc) != nil)
        #expect(error([ParameterRange(default: .alpha)], base: rc) == nil)
    }
}
