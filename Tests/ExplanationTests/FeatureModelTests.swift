import Explanation
import LinearAlgebra
import Testing

@Suite struct FeatureModelTests {
    @Test func closureModelPredictsRowByRow() {
        let model = ClosureFeatureModel(featureCount: 2) { $0[0] * $0[1] + 1 }
        #expect(model.predict([2, 3]) == 7)
        #expect(model.predict(rows: Matrix([[1, 1], [0, 5], [-2, 4]])) == [2, 1, -7])
    }
}
