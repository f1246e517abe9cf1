/// A list of coalitions S ⊆ {0, …, M−1}, stored flat: `members` holds the features of coalition k
/// at `members[offsets[k] ..< offsets[k + 1]]` in increasing order.
struct CoalitionSet: Sendable {
    let featureCount: Int
    private(set) var members: [Int] = []
    private(set) var offsets: [Int] = [0]

    init(featureCount: Int) { self.featureCount = featureCount }

    var count: Int { offsets.count - 1 }

    mutating func append<S: Sequence>(_ features: S) where S.Element == Int {
        members.append(contentsOf: features)
        offsets.append(members.count)
    }

    func members(of k: Int) -> ArraySlice<Int> { members[offsets[k]..<offsets[k + 1]] }

    func size(of k: Int) -> Int { offsets[k + 1] - offsets[k] }

    /// Every proper, non-empty coalition as a bit mask 1 … 2^M − 2, coalition k = mask k + 1.
    static func allProper(featureCount m: Int) -> CoalitionSet {
        precondition(m < Int.bitWidth - 1, "CoalitionSet.allProper: \(m) features")
        var set = CoalitionSet(featureCount: m)
        set.members.reserveCapacity(m << max(0, m - 1))
        for mask in 1..<((1 << m) - 1) {
            set.append((0..<m).lazy.filter { mask & (1 << $0) != 0 })
        }
        return set
    }
}
