import Foundation
import LinearAlgebra
@testable import ODE

/// A damped, driven linear oscillator network q″ + c·q′ + K·q = F·cos(ωt), K = L(W) + diag(p),
/// with L(W) the graph Laplacian of a random symmetric weighted graph W (seeded) and p > 0.
///
/// The exact solution follows from K = V·diag(λ)·Vᵀ: the modal coordinates z = Vᵀq decouple into
/// scalar oscillators z″ + c·z′ + λ·z = g·cos(ωt), g = VᵀF, each solved in closed form as the
/// underdamped homogeneous solution e^(−ct/2)(C₁cos μt + C₂sin μt), μ = √(λ − c²/4), plus the
/// particular solution A·cos ωt + B·sin ωt with A = g(λ − ω²)/D, B = g·cω/D, D = (λ − ω²)² + (cω)².
struct OscillatorNetwork {
    let size: Int
    let stiffness: Matrix
    let damping: Double
    let force: [Double]
    let forceFrequency: Double
    let position: [Double]
    let velocity: [Double]
    let eigen: SymmetricEigen

    init(size n: Int, damping c: Double, forced: Bool, forceFrequency ω: Double = 1.3, seed: UInt64 = 20_261_123) throws {
        var random = SeededGenerator(seed: seed)
        var k = Matrix(rows: n, columns: n)
        for i in 0..<n {
            for j in (i + 1)..<max(n, i + 1) {
                let w = random.nextUniform()
                k[i, j] = -w
                k[j, i] = -w
                k[i, i] += w
                k[j, j] += w
            }
        }
        for i in 0..<n { k[i, i] += 0.5 + random.nextUniform() }
        stiffness = k
        damping = c
        forceFrequency = ω
        force = (0..<n).map { _ in forced ? random.nextGaussian() : 0 }
        position = (0..<n).map { _ in random.nextGaussian() }
        velocity = (0..<n).map { _ in random.nextGaussian() }
        size = n
        eigen = try LAPACK.symmetricEigen(k)
    }

    /// The first-order system for the state [q; v].
    var problem: ODEProblem { problem(timeSpan: (0, 1)) }

    func problem(timeSpan: (Double, Double)) -> ODEProblem {
        drivenNetworkProblem(stiffness: stiffness, damping: damping, force: force, frequency: forceFrequency,
                             position: position, velocity: velocity, timeSpan: timeSpan)
    }

    func secondOrderProblem(timeSpan: (Double, Double)) -> SecondOrderProblem {
        let n = size, k = stiffness, c = damping, force = force, ω = forceFrequency
        return SecondOrderProblem(position: position, velocity: velocity, timeSpan: timeSpan) { t, q, v, a in
            let drive = cos(ω * t)
            for i in 0..<n { a[i] = force[i] * drive - c * v[i] }
            BLAS.gemv(k, q.baseAddress!, a.baseAddress!, alpha: -1, beta: 1)
        }
    }

    /// The exact state [q(t); q′(t)].
    func exact(_ t: Double) -> [Double] {
        let n = size, c = damping, ω = forceFrequency
        let v = eigen.vectors
        var q = [Double](repeating: 0, count: n), p = [Double](repeating: 0, count: n)
        for j in 0..<n {
            var z0 = 0.0, w0 = 0.0, g = 0.0
            for i in 0..<n {
                z0 += v[i, j] * position[i]
                w0 += v[i, j] * velocity[i]
                g += v[i, j] * force[i]
            }
            let λ = eigen.values[j]
            let μ = (λ - c * c / 4).squareRoot()
            let detuning = λ - ω * ω
            let denominator = detuning * detuning + c * c * ω * ω
            let a = g * detuning / denominator, b = g * c * ω / denominator
            let c1 = z0 - a
            let c2 = (w0 - ω * b + c / 2 * c1) / μ
            let decay = exp(-c * t / 2)
            let (cosine, sine) = (cos(μ * t), sin(μ * t))
            let z = decay * (c1 * cosine + c2 * sine) + a * cos(ω * t) + b * sin(ω * t)
            let dz = decay * (-c / 2 * (c1 * cosine + c2 * sine) + μ * (c2 * cosine - c1 * sine))
                - a * ω * sin(ω * t) + b * ω * cos(ω * t)
            for i in 0..<n {
                q[i] += v[i, j] * z
                p[i] += v[i, j] * dz
            }
        }
        return q + p
    }

    /// Total energy ½ q′ᵀq′ + ½ qᵀKq of a state [q; v].
    func energy(_ state: [Double]) -> Double {
        let n = size
        let q = Array(state[0..<n]), v = Array(state[n..<(2 * n)])
        let kq = stiffness * q
        return 0.5 * BLAS.dot(v, v) + 0.5 * BLAS.dot(q, kq)
    }

    /// Longest natural period 2π/√λ_min.
    var longestPeriod: Double { 2 * Double.pi / eigen.values[0].squareRoot() }
}

/// Largest absolute componentwise difference.
func maxDifference(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
}

/// log₂ of successive error ratios under step halving.
func observedOrders(_ errors: [Double]) -> [Double] {
    zip(errors, errors.dropFirst()).map { log2($0 / $1) }
}

/// q̈ + c q̇ + K q = F cos(ωt) as a first-order system in [q; v] (shared by the test networks).
func drivenNetworkProblem(stiffness k: Matrix, damping c: Double, force: [Double], frequency ω: Double,
                          position: [Double], velocity: [Double], timeSpan: (Double, Double)) -> ODEProblem {
    let n = position.count
    return ODEProblem(initialState: position + velocity, timeSpan: timeSpan) { t, y, dy in
        let q = y.baseAddress!, v = y.baseAddress! + n, dq = dy.baseAddress!, dv = dy.baseAddress! + n
        dq.update(from: v, count: n)
        let drive = cos(ω * t)
        for i in 0..<n { dv[i] = force[i] * drive - c * v[i] }
        BLAS.gemv(k, q, dv, alpha: -1, beta: 1)
    }
}
