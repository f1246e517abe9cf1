/// Invalid evolvent parameters; each case names the parameter and what was expected.
public enum EvolventError: Error, Equatable, CustomStringConvertible {
    case invalidDimension(Int)
    case invalidDensity(Int)
    case invalidRotation(index: Int, count: Int)

    public var description: String {
        switch self {
        case .invalidDimension(let n):
            return "Evolvent: parameter 'dimension' = \(n); expected an integer in 1...\(Evolvent.maximumDimension)"
        case .invalidDensity(let m):
            return "Evolvent: parameter 'density' = \(m); expected bits per coordinate in 1...\(Evolvent.maximumDensity)"
        case .invalidRotation(let index, let count):
            return "Evolvent: parameter 'rotation' = \(index); expected an index in 0..<\(count) (N(N−1)+1 rotations)"
        }
    }
}
