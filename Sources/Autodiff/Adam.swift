import Foundation

/// The learning rate as a function of the step count k (0-based: the rate of the (k+1)-th step).
public enum LearningRateSchedule: Sendable, Codable, Equatable {
    /// η_k = η.
    case constant
    /// η_k = η · decay^⌊k / every⌋ (a staircase).
    case exponential(decay: Double, every: Int)
    /// η_k = floor + (η − floor)·(1 + cos(π·min(k, T)/T))/2: from η down to the absolute rate
    /// `floor` at step T = totalSteps, then held there.
    case cosine(totalSteps: Int, floor: Double)

    public func rate(base η: Double, step k: Int) -> Double {
        switch self {
        case .constant:
            return η
        case let .exponential(decay, every):
            precondition(every > 0, "LearningRateSchedule.exponential: every = \(every), expected > 0")
            return η * pow(decay, Double(k / every))
        case let .cosine(totalSteps, floor):
            precondition(totalSteps > 0, "LearningRateSchedule.cosine: totalSteps = \(totalSteps), expected > 0")
            let progress = Double(min(k, totalSteps)) / Double(totalSteps)
            return floor + (η - floor) * (1 + cos(Double.pi * progress)) / 2
        }
    }
}

public struct AdamOptions: Sendable, Codable, Equatable {
    public var learningRate: Double
    public var beta1: Double
    public var beta2: Double
    public var epsilon: Double
    public var schedule: LearningRateSchedule

    public init(learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
                schedule: LearningRateSchedule = .constant) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.schedule = schedule
    }
}

/// Adam (Kingma & Ba 2015, Algorithm 1) with bias-corrected moments:
///   m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²,  θ ← θ − η_k · m̂ / (√v̂ + ε),
///   m̂ = m/(1−β₁ᵏ), v̂ = v/(1−β₂ᵏ).
/// The whole state is Codable (checkpoints); a decoded optimizer continues bit-identically.
public struct Adam: Sendable, Codable, Equatable {
    public let options: AdamOptions
    public private(set) var iteration: Int = 0
    public private(set) var firstMoment: [Double]
    public private(set) var secondMoment: [Double]

    public init(parameterCount: Int, options: AdamOptions = AdamOptions()) {
        self.options = options
        firstMoment = [Double](repeating: 0, count: parameterCount)
        secondMoment = firstMoment
    }

    /// The learning rate the next step will use.
    public var currentLearningRate: Double { options.schedule.rate(base: options.learningRate, step: iteration) }

    public mutating func step(_ θ: inout [Double], gradient: [Double]) {
        precondition(θ.count == firstMoment.count && gradient.count == firstMoment.count,
                     "Adam.step: \(θ.count) parameters and \(gradient.count) gradient components, expected \(firstMoment.count)")
        let η = currentLearningRate
        iteration += 1
        let (β1, β2, ε) = (options.beta1, options.beta2, options.epsilon)
        let correction1 = 1 - pow(β1, Double(iteration)), correction2 = 1 - pow(β2, Double(iteration))
        θ.withUnsafeMutableBufferPointer { θ in
            gradient.withUnsafeBufferPointer { g in
                firstMoment.withUnsafeMutableBufferPointer { m in
                    secondMoment.withUnsafeMutableBufferPointer { v in
                        for i in 0..<θ.count {
                            m[i] = β1 * m[i] + (1 - β1) * g[i]
                            v[i] = β2 * v[i] + (1 - β2) * g[i] * g[i]
                            θ[i] -= η * (m[i] / correction1) / ((v[i] / correction2).squareRoot() + ε)
                        }
                    }
                }
            }
        }
    }
}
