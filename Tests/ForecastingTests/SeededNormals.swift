import Foundation

/// SplitMix64 with Box–Muller normals: reproducible random panels for the tests.
struct SeededNormals {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func nextUniform() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return (Double(z >> 11) + 0.5) / 9_007_199_254_740_992.0  // (0, 1)
    }

    mutating func next() -> Double {
        let u1 = nextUniform(), u2 = nextUniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// A panel of `settlements` independent Gaussian random walks (unit steps) starting at `start`.
    mutating func randomWalkPanel(periods: Int, settlements: Int, start: Double = 100) -> [[Double]] {
        var row = [Double](repeating: start, count: settlements)
        var panel = [row]
        for _ in 1..<periods {
            for i in 0..<settlements { row[i] += next() }
            panel.append(row)
        }
        return panel
    }
}
