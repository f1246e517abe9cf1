import Foundation
import Testing
import MigrationModel
@testable import DataIO

private func load(_ yaml: String) throws -> ModelConfiguration {
    try ModelConfiguration.load(temporaryFile("model.yaml", yaml))
}

private let minimal = "simulation:\n  start: 2000\n  end: 2010\n"

@Test func fullConfigurationParses() throws {
    let dir = temporaryDirectory()
    let url = dir.appendingPathComponent("m.yaml")
    try Data("""
    model:
      alpha: 0.7
      distance_scale: 50
      gamma: 2
      beta: 0
      delta: 0.1
      damping: 1.5
      inertia: 2
      age_function: {kind: rogers_castro, a1: 0.02, alpha1: 0.1, a2: 0.06, alpha2: 0.12, mu2: 20, lambda2: 0.4, c: 0.003}
      metric: wgs84
      dense_limit: 10
      neighbours: 4
    simulation: {start: 1997, end: 2021, output_step: 0.25, solver: verlet, rtol: 1e-8, atol: 1.0e-10, step: 0.005}
    units: persons
    data:
      settlements: ../s.csv
      balance: b.csv
    """.utf8).write(to: url)
    let c = try ModelConfiguration.load(url)
    #expect(c.parameters.alpha == 0.7 && c.parameters.distanceScale == 50 && c.parameters.gamma == 2)
    #expect(c.parameters.metric == .wgs84 && c.parameters.denseLimit == 10 && c.parameters.neighbours == 4)
    #expect(c.parameters.ageFunction == .rogersCastro(.init(a1: 0.02, alpha1: 0.1, a2: 0.06, alpha2: 0.12, mu2: 20, lambda2: 0.4, c: 0.003)))
    #expect(c.simulation == SimulationConfiguration(start: 1997, end: 2021, outputStep: 0.25, solver: .verlet, rtol: 1e-8, atol: 1e-10, step: 0.005))
    #expect(c.units == .persons)
    #expect(c.data.settlements == dir.deletingLastPathComponent().appendingPathComponent("s.csv").standardizedFileURL)
    #expect(c.data.balance == dir.appendingPathComponent("b.csv").standardizedFileURL)
    #expect(c.data.flows == nil)
}

@Test func defaultsFillOmittedKeys() throws {
    let c = try load(minimal)
    #expect(c.parameters == ModelParameters())
    #expect(c.simulation.solver == .dp5 && c.units == .ratePerThousand)
}

@Test func unknownKeyNamesKeyAndLine() {
    expectDataError(.unknownKey, line: 3, mentions: ["model.alpah", "alpha"]) {
        try load("model:\n  alpha: 1\n  alpah: 2\n" + minimal)
    }
    expectDataError(.unknownKey, line: 1, mentions: ["modle"]) { try load("modle: {}\n" + minimal) }
}

@Test func typeErrorNamesKeyAndLine() {
    expectDataError(.typeMismatch, line: 2, mentions: ["model.gamma", "finite number"]) {
        try load("model:\n  gamma: steep\n" + minimal)
    }
    expectDataError(.typeMismatch, line: 4, mentions: ["simulation.solver", "dp5, rk4, verlet"]) {
        try load(minimal + "  solver: euler\n")
    }
    expectDataError(.typeMismatch, line: 2, mentions: ["model.dense_limit", "integer"]) {
        try load("model:\n  dense_limit: 2.5\n" + minimal)
    }
}

@Test func validationErrorsMapToYAMLKeys() {
    expectDataError(.invalidParameter, line: 3, mentions: ["model.distance_scale", "> 0"]) {
        try load("model:\n  alpha: 1\n  distance_scale: -5\n" + minimal)
    }
    expectDataError(.invalidParameter, line: 2, mentions: ["model.age_function.young"]) {
        try load("model:\n  age_function: {kind: smooth, young: 70, old: 60}\n" + minimal)
    }
    expectDataError(.invalidParameter, line: 3, mentions: ["simulation.end", "end > start"]) {
        try load("simulation:\n  start: 2000\n  end: 1990\n")
    }
}

@Test func missingKeysAndSyntaxErrors() {
    expectDataError(.missingKey, mentions: ["simulation"]) { try load("model: {alpha: 1}\n") }
    expectDataError(.missingKey, line: 1, mentions: ["end"]) { try load("simulation: {start: 1}\n") }
    // libyaml reports where it noticed the problem (line 3) and where the flow sequence opened (line 2).
    expectDataError(.yamlSyntax, line: 3, mentions: ["line 2"]) { try load("model:\n  alpha: [1\nsimulation: 3\n") }
    expectDataError(.emptyFile) { try load("") }
    expectDataError(.missingFile) { try ModelConfiguration.load(temporaryDirectory().appendingPathComponent("x.yaml")) }
}
