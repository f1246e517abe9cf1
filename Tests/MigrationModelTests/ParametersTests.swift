import Testing
@testable import MigrationModel

@Test func defaultParametersAreValid() throws {
    try ModelParameters().validate()
}

@Test func negativeAlphaIsRejectedByName() {
    var p = ModelParameters()
    p.alpha = -1
    #expect(throws: ModelError.invalidParameter(name: "alpha", value: -1, expected: "a finite number ≥ 0")) {
        try p.validate()
    }
}
