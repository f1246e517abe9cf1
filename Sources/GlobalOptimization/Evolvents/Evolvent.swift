/// A Peano-type space-filling curve ("evolvent") y(x) of density m mapping [0, 1] onto the centered
/// cube P = [−½, ½]ᴺ (seed 002, formula 36), optionally rotated (§5.1, formula 39).
///
/// Construction. [0, 1] is cut into 2^{mN} equal segments; segment h (the h-th cell of the curve)
/// corresponds to one of the 2^{mN} subcubes of side 2^{−m}, in the order of the N-dimensional
/// Hilbert curve, so that consecutive segments belong to subcubes sharing a face. The base-2ᴺ digits
/// of x are the nested subcube choices of Strongin's construction; the cell of index h is computed
/// with Skilling's transpose form of the Hilbert order (AIP Conf. Proc. 707, 2004). Within segment h
/// the curve runs linearly from the centre of cell h toward the centre of cell h + 1, so y(x) is
/// continuous and Hölder: ‖y(x′) − y(x″)‖ ≤ 2√(N+3)·|x′ − x″|^{1/N} up to the cell size 2^{−m}
/// (formula 38 for φ(y(x)) follows with K = 2L√(N+3)).
///
/// The inverse `preimage(of:)` returns the left end of the segment of the subcube containing y, so
/// y(preimage(y)) is the centre of that subcube: within 2^{−m−1} of y in every coordinate. This is
/// what lets several evolvents share trials (formula 40): a trial made through one curve is placed on
/// every other curve's [0, 1] at its preimage.
///
/// Precision: x carries at most 53 significant bits, so for mN > 52 the deepest digits are zero —
/// the curve then resolves ≈ 2^{−52/N} in each coordinate, as in Strongin's double-precision mapping.
public struct Evolvent: Sendable, Equatable {
    public static let maximumDimension = 32
    public static let maximumDensity = 20

    public let dimension: Int
    /// Bits per coordinate m: the curve's cells are subcubes of side 2^{−m}.
    public let density: Int
    public let rotation: EvolventRotation

    public init(dimension: Int, density: Int, rotation: EvolventRotation = .identity) throws {
        guard dimension >= 1, dimension <= Self.maximumDimension else { throw EvolventError.invalidDimension(dimension) }
        guard density >= 1, density <= Self.maximumDensity else { throw EvolventError.invalidDensity(density) }
        if let plane = rotation.plane, plane.first < 0 || plane.second >= dimension || plane.first >= plane.second {
            throw EvolventError.invalidRotation(index: -1, count: EvolventRotation.count(dimension: dimension))
        }
        self.dimension = dimension
        self.density = density
        self.rotation = rotation
    }

    /// The family Y_L of formula 39: the first `count` rotated evolvents (identity first).
    public static func rotatedFamily(dimension: Int, density: Int, count: Int) throws -> [Evolvent] {
        let available = EvolventRotation.count(dimension: dimension)
        guard count >= 1, count <= available else { throw EvolventError.invalidRotation(index: count - 1, count: available) }
        return try (0..<count).map {
            try Evolvent(dimension: dimension, density: density, rotation: EvolventRotation.rotation($0, dimension: dimension))
        }
    }

    // MARK: - Mapping

    /// y(x) in the centered cube P, written into `y` (count = dimension). x is clamped to [0, 1].
    public func point(at x: Double, into y: UnsafeMutableBufferPointer<Double>) {
        precondition(y.count == dimension, "Evolvent.point: output has \(y.count) coordinates, expected \(dimension)")
        let n = dimension, m = density
        let base = Double(sign: .plus, exponent: n, significand: 1)      // 2ᴺ
        let side = Double(sign: .plus, exponent: -m, significand: 1)     // 2^{−m}
        let xc = min(max(x.isNaN ? 0 : x, 0), 1)
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: m + n) { work in
            let digits = UnsafeMutableBufferPointer(rebasing: work[0..<m])
            let cell = UnsafeMutableBufferPointer(rebasing: work[m..<(m + n)])
            var fraction = 0.0
            if xc == 1 {
                for j in 0..<m { digits[j] = (UInt64(1) << UInt64(n)) &- 1 }
            } else {
                var d = xc
                for j in 0..<m {
                    d *= base
                    let digit = d.rounded(.down)
                    digits[j] = UInt64(digit)
                    d -= digit
                }
                fraction = d
            }
            Self.cellOfIndex(digits: UnsafeBufferPointer(digits), dimension: n, density: m, cell: cell)
            for i in 0..<n { y[i] = (Double(cell[i]) + 0.5) * side - 0.5 }
            if fraction > 0, Self.increment(digits: digits, dimension: n) {
                Self.cellOfIndex(digits: UnsafeBufferPointer(digits), dimension: n, density: m, cell: cell)
                for i in 0..<n {
                    let next = (Double(cell[i]) + 0.5) * side - 0.5
                    y[i] += fraction * (next - y[i])
                }
            }
        }
        rotation.apply(y)
    }

    /// y(x) in the centered cube P.
    public func point(at x: Double) -> [Double] {
        [Double](unsafeUninitializedCapacity: dimension) { buffer, count in
            point(at: x, into: buffer)
            count = dimension
        }
    }

    /// y(x) scaled to the box [lower, upper]: a + (b − a)(y + ½).
    public func point(at x: Double, lower: [Double], upper: [Double]) -> [Double] {
        var y = point(at: x)
        for i in 0..<dimension { y[i] = lower[i] + (upper[i] - lower[i]) * (y[i] + 0.5) }
        return y
    }

    /// The preimage x ∈ [0, 1) of a point y of the centered cube P: the left end of the segment of
    /// the subcube of side 2^{−m} containing y (points outside P are clamped to it).
    public func preimage(of y: UnsafeBufferPointer<Double>) -> Double {
        precondition(y.count == dimension, "Evolvent.preimage: point has \(y.count) coordinates, expected \(dimension)")
        let n = dimension, m = density
        let base = Double(sign: .plus, exponent: n, significand: 1)
        let cells = Double(sign: .plus, exponent: m, significand: 1)
        let top = (UInt64(1) << UInt64(m)) - 1
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: n) { u in
            for i in 0..<n { u[i] = y[i] }
            rotation.applyInverse(u)
            return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: m + n) { work in
                let digits = UnsafeMutableBufferPointer(rebasing: work[0..<m])
                let cell = UnsafeMutableBufferPointer(rebasing: work[m..<(m + n)])
                for i in 0..<n {
                    let scaled = ((u[i] + 0.5) * cells).rounded(.down)
                    cell[i] = scaled <= 0 ? 0 : min(UInt64(min(scaled, cells)), top)
                }
                Self.indexOfCell(cell: cell, dimension: n, density: m, digits: digits)
                var x = 0.0
                for j in stride(from: m - 1, through: 0, by: -1) { x = (x + Double(digits[j])) / base }
                return x
            }
        }
    }

    public func preimage(of y: [Double]) -> Double {
        y.withUnsafeBufferPointer { preimage(of: $0) }
    }

    /// The preimage of a point of the box [lower, upper].
    public func preimage(of point: [Double], lower: [Double], upper: [Double]) -> Double {
        var y = point
        for i in 0..<dimension { y[i] = (point[i] - lower[i]) / (upper[i] - lower[i]) - 0.5 }
        return preimage(of: y)
    }

    // MARK: - Hilbert order (Skilling's transpose algorithm)

    /// Adds one to the index held as base-2ᴺ digits (most significant first); false on overflow.
    private static func increment(digits: UnsafeMutableBufferPointer<UInt64>, dimension n: Int) -> Bool {
        let maxDigit = (UInt64(1) << UInt64(n)) &- 1
        for j in stride(from: digits.count - 1, through: 0, by: -1) {
            if digits[j] < maxDigit { digits[j] += 1; return true }
            digits[j] = 0
        }
        return false
    }

    /// Integer coordinates (each in 0..<2^m) of the cell with Hilbert index given by its digits.
    /// The index's transposed form holds in coordinate i the i-th bit of every digit.
    private static func cellOfIndex(digits: UnsafeBufferPointer<UInt64>, dimension n: Int, density m: Int,
                                    cell x: UnsafeMutableBufferPointer<UInt64>) {
        for i in 0..<n { x[i] = 0 }
        for j in 0..<m {
            let digit = digits[j]
            let position = UInt64(m - 1 - j)
            for i in 0..<n { x[i] |= ((digit >> UInt64(n - 1 - i)) & 1) << position }
        }
        // Gray decode.
        var t = x[n - 1] >> 1
        var i = n - 1
        while i > 0 { x[i] ^= x[i - 1]; i -= 1 }
        x[0] ^= t
        // Undo the excess work: reflect or exchange the lower bits level by level.
        let end = UInt64(1) << UInt64(m)
        var q: UInt64 = 2
        while q != end && q < end {
            let p = q - 1
            var k = n - 1
            while k >= 0 {
                if x[k] & q != 0 {
                    x[0] ^= p
                } else {
                    t = (x[0] ^ x[k]) & p
                    x[0] ^= t
                    x[k] ^= t
                }
                k -= 1
            }
            q <<= 1
        }
    }

    /// The inverse of `cellOfIndex`: the Hilbert index digits of the cell with integer coordinates.
    /// Destroys `cell`.
    private static func indexOfCell(cell x: UnsafeMutableBufferPointer<UInt64>, dimension n: Int, density m: Int,
                                    digits: UnsafeMutableBufferPointer<UInt64>) {
        let highest = UInt64(1) << UInt64(m - 1)
        var q = highest
        while q > 1 {
            let p = q - 1
            for k in 0..<n {
                if x[k] & q != 0 {
                    x[0] ^= p
                } else {
                    let t = (x[0] ^ x[k]) & p
                    x[0] ^= t
                    x[k] ^= t
                }
            }
            q >>= 1
        }
        // Gray encode.
        for k in stride(from: 1, to: n, by: 1) { x[k] ^= x[k - 1] }
        var t: UInt64 = 0
        q = highest
        while q > 1 {
            if x[n - 1] & q != 0 { t ^= q - 1 }
            q >>= 1
        }
        for k in 0..<n { x[k] ^= t }
        for j in 0..<m {
            let position = UInt64(m - 1 - j)
            var digit: UInt64 = 0
            for k in 0..<n { digit |= ((x[k] >> position) & 1) << UInt64(n - 1 - k) }
            digits[j] = digit
        }
    }
}
