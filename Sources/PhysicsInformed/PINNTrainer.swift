import Autodiff
import Foundation

/// Where a fit stands: everything needed to continue it exactly (θ, the optimizers' memories, the
/// iteration counters, the loss history). Codable, so a checkpoint written after any iteration
/// and read back continues to the same bits as an uninterrupted run.
public struct TrainingState: Sendable, Codable {
    public enum Phase: String, Sendable, Codable { case adam, lbfgs, done }
    public var phase: Phase
    public var theta: [Double]
    public var adam: Adam
    public var lbfgs: LBFGS?
    /// Iterations completed in the current phase.
    public var adamIterations: Int
    public var lbfgsIterations: Int
    /// The loss after every `historyStride`-th iteration (and the last): (global iteration, loss).
    public var history: [LossRecord]
    /// Fingerprint of the problem and configuration this state belongs to.
    public var key: String

    public struct LossRecord: Sendable, Codable, Equatable {
        public var iteration: Int
        public var phase: Phase
        public var loss: Double
    }

    /// Iterations done so far over both phases.
    public var iterations: Int { adamIterations + lbfgsIterations }
}

/// Trains the PINN: Adam with its learning-rate schedule for `adamIterations`, then L-BFGS with a
/// strong-Wolfe line search for up to `lbfgsIterations` (SPEC §4.4). `advance` does one
/// iteration, so a caller can show progress, write checkpoints and stop between iterations.
public struct PINNTrainer: Sendable {
    public let loss: PINNLoss
    public static let historyStride = 10

    public init(loss: PINNLoss) { self.loss = loss }

    public var totalIterations: Int { loss.configuration.adamIterations + loss.configuration.lbfgsIterations }

    public func initialState(key: String) -> TrainingState {
        let theta = loss.initialParameters()
        let c = loss.configuration
        let phase: TrainingState.Phase = c.adamIterations > 0 ? .adam : (c.lbfgsIterations > 0 ? .lbfgs : .done)
        var state = TrainingState(phase: phase, theta: theta, adam: Adam(parameterCount: theta.count, options: c.adam),
                                  lbfgs: nil, adamIterations: 0, lbfgsIterations: 0, history: [], key: key)
        if phase == .lbfgs { state.lbfgs = LBFGS(initial: theta, options: lbfgsOptions) }
        return state
    }

    var lbfgsOptions: LBFGSOptions {
        var o = loss.configuration.lbfgs
        o.maxIterations = loss.configuration.lbfgsIterations
        return o
    }

    /// One iteration. Returns false when training has finished.
    public func advance(_ state: inout TrainingState) throws -> Bool {
        let c = loss.configuration
        switch state.phase {
        case .done:
            return false
        case .adam:
            let (value, gradient) = loss.valueAndGradient(state.theta)
            guard value.isFinite, gradient.allSatisfy(\.isFinite) else {
                throw PhysicsInformedError.nonFiniteLoss(iteration: state.adamIterations, phase: "Adam")
            }
            state.adam.step(&state.theta, gradient: gradient)
            state.adamIterations += 1
            record(&state, value)
            if state.adamIterations >= c.adamIterations {
                if c.lbfgsIterations > 0 {
                    state.phase = .lbfgs
                    state.lbfgs = LBFGS(initial: state.theta, options: lbfgsOptions)
                } else {
                    state.phase = .done
                }
            }
            return state.phase != .done
        case .lbfgs:
            guard var solver = state.lbfgs else { throw PhysicsInformedError.incompatibleState("an L-BFGS phase without its solver state") }
            let going = solver.step { x in loss.valueAndGradient(x) }
            guard solver.value.isFinite else { throw PhysicsInformedError.nonFiniteLoss(iteration: state.lbfgsIterations, phase: "L-BFGS") }
            state.lbfgsIterations = solver.iteration
            state.theta = solver.x
            state.lbfgs = solver
            record(&state, solver.value)
            if !going || solver.iteration >= c.lbfgsIterations { state.phase = .done }
            return state.phase != .done
        }
    }

    func record(_ state: inout TrainingState, _ value: Double) {
        if state.iterations % PINNTrainer.historyStride == 0 || state.iterations == 1 {
            state.history.append(.init(iteration: state.iterations, phase: state.phase, loss: value))
        }
    }

    /// Runs to the end (no checkpoints); for tests and library users.
    public func train(from state: TrainingState) throws -> TrainingState {
        var s = state
        while try advance(&s) {}
        return s
    }
}
