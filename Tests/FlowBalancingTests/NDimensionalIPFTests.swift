import Testing
import LinearAlgebra
@testable import FlowBalancing

@Test func threeWayIPFMatchesAllTwoWayMargins() throws {
    let shape = [4, 3, 5]
    let count = 60
    let truth = randomMatrix(1, count, seed: 21).storage
    let prior = randomMatrix(1, count, seed: 22).storage
    func margin(_ axes: [Int]) -> IPFMargin {
        var t = [Double](repeating: 0, count: axes.reduce(1) { $0 * shape[$1] })
        for c in 0..<count {
            let idx = [c / 15, (c / 5) % 3, c % 5]
            var k = 0
            for a in axes { k = k * shape[a] + idx[a] }
            t[k] += truth[c]
        }
        return IPFMargin(axes: axes, targets: t)
    }
    let margins = [margin([0, 1]), margin([1, 2]), margin([0, 2])]
    let result = try NDimensionalIPF.balance(prior, shape: shape, margins: margins)
    #expect(result.converged)
    #expect(result.maxRelativeError <= 1e-10)
    #expect(result.marginErrors.count == 3)
}

@Test func twoDimensionalIPFAgreesWithRAS() throws {
    let x0 = randomMatrix(6, 4, seed: 31), t = randomMatrix(6, 4, seed: 32)
    let rows = rowSums(t.storage, 6, 4), cols = columnSums(t.storage, 6, 4)
    let ras = try RASBalancer.balance(x0, rowTargets: rows, columnTargets: cols, options: BalancingOptions(tolerance: 1e-13))
    let ipf = try NDimensionalIPF.balance(x0.storage, shape: [6, 4],
                                          margins: [IPFMargin(axes: [0], targets: rows), IPFMargin(axes: [1], targets: cols)],
                                          options: BalancingOptions(tolerance: 1e-13))
    for k in 0..<24 { #expect(abs(ras.values[k] - ipf.values[k]) <= 1e-11 * ras.values[k]) }
}

@Test func ndIPFKeepsMarkedCellsAndRejectsInfeasibleInput() throws {
    var fixed = [Bool](repeating: false, count: 8); fixed[3] = true
    let x0 = [1.0, 2, 3, 4, 5, 6, 7, 8]
    let result = try NDimensionalIPF.balance(x0, shape: [2, 2, 2],
                                             margins: [IPFMargin(axes: [0], targets: [20, 20])], fixed: fixed)
    #expect(result.values[3].bitPattern == x0[3].bitPattern)
    #expect(abs(result.values[0...3].reduce(0, +) - 20) <= 1e-10 * 20)
    #expect(throws: BalancingError.self) {
        try NDimensionalIPF.balance(x0, shape: [2, 2, 2],
                                    margins: [IPFMargin(axes: [0], targets: [1, 1]), IPFMargin(axes: [2], targets: [1, 2])])
    }
    #expect(throws: BalancingError.fixedExceedTarget(margin: "cell 1 of margin 1", target: 3, fixedSum: 4)) {
        try NDimensionalIPF.balance(x0, shape: [2, 2, 2], margins: [IPFMargin(axes: [0], targets: [3, 37])], fixed: fixed)
    }
    #expect(throws: BalancingError.self) {
        try NDimensionalIPF.balance(x0, shape: [2, 2, 2], margins: [IPFMargin(axes: [3], targets: [1, 1])])
    }
}
