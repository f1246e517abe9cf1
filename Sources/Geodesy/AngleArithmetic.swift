import Foundation

/// Degree arithmetic that keeps exact cases exact (Karney 2013, §§ 3 and 8 rely on it):
/// quarter turns reduce without rounding, and longitude differences carry their rounding error.
enum AngleArithmetic {
    static let radiansPerDegree = Double.pi / 180

    /// Sine and cosine of `degrees`, with the argument first reduced to [−45°, 45°] by an exact
    /// subtraction of a multiple of 90°, so sin 90° = 1, cos 90° = 0 and sin 180° = 0 exactly.
    /// sin(−0°) = −0: the inverse solver relies on the sign of a zero latitude.
    @inline(__always)
    static func sinCos(degrees x: Double) -> (sin: Double, cos: Double) {
        var r = fmod(x, 360)
        let quadrant = Int((r / 90).rounded())
        r -= 90 * Double(quadrant)   // keeps the sign of a zero argument: −0° stays −0°
        r *= radiansPerDegree
        let s = sin(r), c = cos(r)
        switch quadrant & 3 {
        case 0: return (s, c + 0)
        case 1: return (c, 0 - s)
        case 2: return (0 - s, 0 - c)
        default: return (0 - c, s + 0)
        }
    }

    /// The exact sum u + v = s + t with s = fl(u + v) (Knuth's two-sum).
    @inline(__always)
    static func twoSum(_ u: Double, _ v: Double) -> (sum: Double, error: Double) {
        let s = u + v
        var up = s - v
        var vpp = s - up
        up -= u
        vpp -= v
        return (s, -(up + vpp))
    }

    /// `lon2 − lon1` reduced to [−180°, 180°], as a rounded part plus its rounding error.
    /// An exact ±180° takes the sign that the unreduced difference suggests.
    @inline(__always)
    static func longitudeDifference(_ lon1: Double, _ lon2: Double) -> (difference: Double, error: Double) {
        let (d0, t0) = twoSum(remainder(-lon1, 360), remainder(lon2, 360))
        let (d1, t1) = twoSum(remainder(d0, 360), t0)
        var d = d1
        if d == 0 || abs(d) == 180 {
            d = copysign(d, t1 == 0 ? lon2 - lon1 : -t1)
        }
        return (d, t1)
    }

    /// Rounds angles smaller than 1/16° in magnitude to a multiple of 2⁻⁵⁷ degrees or so, so that
    /// tiny nonzero inputs cannot create underflow or lose the sign of a difference.
    @inline(__always)
    static func roundTiny(_ x: Double) -> Double {
        let z = 1.0 / 16
        let y = abs(x)
        let w = y < z ? z - (z - y) : y
        return copysign(w, x)
    }

    /// (x, y) scaled to unit length.
    @inline(__always)
    static func normalized(_ x: Double, _ y: Double) -> (Double, Double) {
        let r = (x * x + y * y).squareRoot()
        return (x / r, y / r)
    }
}
