/// A rotation of the centered cube P = [−½, ½]ᴺ by ±π/2 in one coordinate plane (seed 002, §5.1).
///
/// Rotating the evolvent y(x) about the origin gives a new Peano curve yˡ(x) = Rₗ y(x) of the same
/// cube: points far apart along one curve can be close along another. There are C(N,2) = N(N−1)/2
/// coordinate planes and two signs each, so with the identity up to N(N−1) + 1 evolvents (formula 39).
public struct EvolventRotation: Sendable, Equatable, Hashable {
    /// Coordinate plane (first, second) with first < second; nil for the identity.
    public let plane: (first: Int, second: Int)?
    /// +1 for +π/2: (u_i, u_j) ↦ (−u_j, u_i); −1 for −π/2: (u_i, u_j) ↦ (u_j, −u_i).
    public let sign: Int

    public static let identity = EvolventRotation(plane: nil, sign: 1)

    init(plane: (first: Int, second: Int)?, sign: Int) {
        self.plane = plane
        self.sign = sign
    }

    /// The number of distinct rotations for dimension N: N(N−1) + 1.
    public static func count(dimension n: Int) -> Int { n * (n - 1) + 1 }

    /// The k-th rotation: 0 is the identity, then for each plane (i, j), i < j in lexicographic
    /// order, +π/2 followed by −π/2.
    public static func rotation(_ k: Int, dimension n: Int) throws -> EvolventRotation {
        guard k >= 0, k < count(dimension: n) else { throw EvolventError.invalidRotation(index: k, count: count(dimension: n)) }
        if k == 0 { return .identity }
        var index = k - 1
        for i in 0..<n {
            for j in (i + 1)..<max(i + 1, n) {
                if index < 2 { return EvolventRotation(plane: (i, j), sign: index == 0 ? 1 : -1) }
                index -= 2
            }
        }
        preconditionFailure("unreachable: rotation index checked above")
    }

    /// Applies the rotation in place to centered coordinates.
    @inline(__always)
    func apply(_ u: UnsafeMutableBufferPointer<Double>) {
        guard let (i, j) = plane else { return }
        let ui = u[i], uj = u[j]
        if sign > 0 { u[i] = -uj; u[j] = ui } else { u[i] = uj; u[j] = -ui }
    }

    /// Applies the inverse rotation in place to centered coordinates.
    @inline(__always)
    func applyInverse(_ u: UnsafeMutableBufferPointer<Double>) {
        guard let (i, j) = plane else { return }
        let ui = u[i], uj = u[j]
        if sign > 0 { u[i] = uj; u[j] = -ui } else { u[i] = -uj; u[j] = ui }
    }

    public static func == (a: EvolventRotation, b: EvolventRotation) -> Bool {
        a.sign == b.sign && a.plane?.first == b.plane?.first && a.plane?.second == b.plane?.second
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(plane?.first ?? -1)
        hasher.combine(plane?.second ?? -1)
        hasher.combine(sign)
    }
}
