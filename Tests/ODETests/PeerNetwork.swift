import Foundation
import LinearAlgebra
@testable import ODE

/// The benchmark network of `bench/ode_peer.py`, rebuilt from the seed exactly as documented there
/// (SplitMix64 uniforms, Box–Muller normals), so the Swift and SciPy runs integrate the same problem:
/// q″ + 0.1·q′ + K·q = F·cos(1.3t), K = L(W) + diag(p), W dense random symmetric, on [0, 20].
struct PeerNetwork {
    let size: Int
    let stiffness: Matrix
    let position: [Double]
    let velocity: [Double]
    let force: [Double]
    let damping = 0.1
    let forceFrequency = 1.3
    let timeSpan = (0.0, 20.0)

    /// SplitMix64 uniform number k (k = 1, 2, …) of `seed`.
    static func uniform(seed: UInt64, index k: UInt64) -> Double {
        var z = seed &+ k &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) * 0x1.0p-53
    }

    init(size n: Int, seed: UInt64 = 20_261_123) {
        var k: UInt64 = 0
        func next() -> Double {
            k += 1
            return Self.uniform(seed: seed, index: k)
        }
        var matrix = Matrix(rows: n, columns: n)
        for i in 0..<n {
            for j in (i + 1)..<max(n, i + 1) {
                let w = next() / Double(n)
                matrix[i, j] = -w
                matrix[j, i] = -w
                matrix[i, i] += w
                matrix[j, j] += w
            }
        }
        for i in 0..<n { matrix[i, i] += 0.5 + next() }
        func normals() -> [Double] {
            (0..<n).map { _ in
                let u1 = next(), u2 = next()
                return (-2 * log(1 - u1)).squareRoot() * cos(2 * Double.pi * u2)
            }
        }
        force = normals()
        position = normals()
        velocity = normals()
        stiffness = matrix
        size = n
    }

    var problem: ODEProblem {
        drivenNetworkProblem(stiffness: stiffness, damping: damping, force: force, frequency: forceFrequency,
                             position: position, velocity: velocity, timeSpan: timeSpan)
    }
}
