/// The hybrid rows of a block of coalitions: for coalition S and background row b (N rows × M
/// features), the row h(S, b) with
///
///     h(S, b)ⱼ = xⱼ  if j ∈ S,   bⱼ  otherwise,
///
/// i.e. the explained row x on the coalition's features and the background elsewhere. The model's
/// mean over h(S, b₁ … b_N) is the interventional coalition value v(S) (`CoalitionValueEvaluator`).
///
/// Coalition `first + c` fills rows c·N ..< (c + 1)·N of the output, in background order. Each
/// element is written once, as a select between x and the background row (no copy of the whole
/// background followed by overwriting the coalition's columns, which wrote the member columns
/// twice and stored them with a stride of M). The caller passes a block small enough to stay in
/// cache (see `CoalitionValueEvaluator.batchValues`), so the model reads rows just written.
enum HybridRows {
    /// Rows per step of the formation loop: the select pattern is repeated this many times, so one
    /// vectorized pass covers `patternRows`·M values and the per-pass overhead (loop set-up, the
    /// compiler's overlap checks) is paid once per `patternRows` rows instead of once per row.
    static let patternRows = 8

    /// Writes count·N rows of M values to `output` (count·N·M elements, uninitialized or not).
    /// `keep` and `taken` are scratch space for `patternRows`·M bit patterns each.
    ///
    /// The select is done on bit patterns, hⱼ = (bⱼ & keepⱼ) | takenⱼ with keepⱼ all ones and
    /// takenⱼ = 0 off the coalition, keepⱼ = 0 and takenⱼ = bits(xⱼ) on it: branch-free, so the loop
    /// vectorizes, and every value is copied exactly (signed zeros and NaN payloads too). The pattern
    /// of one row is repeated `patternRows` times; a last step with fewer rows uses a prefix of it.
    static func form(x: UnsafePointer<Double>, background: UnsafePointer<Double>, rows n: Int, columns m: Int,
                     coalitions: CoalitionSet, first: Int, count: Int,
                     keep: UnsafeMutablePointer<UInt64>, taken: UnsafeMutablePointer<UInt64>,
                     into output: UnsafeMutablePointer<Double>) {
        background.withMemoryRebound(to: UInt64.self, capacity: n * m) { b in
            output.withMemoryRebound(to: UInt64.self, capacity: count * n * m) { h in
                for c in 0..<count {
                    for j in 0..<m { keep[j] = ~0; taken[j] = 0 }
                    for j in coalitions.members(of: first + c) { keep[j] = 0; taken[j] = x[j].bitPattern }
                    for p in 1..<patternRows {
                        (keep + p * m).update(from: keep, count: m)
                        (taken + p * m).update(from: taken, count: m)
                    }
                    let block = h + c * n * m
                    for r in stride(from: 0, to: n, by: patternRows) {
                        let source = b + r * m, rows = block + r * m
                        for i in 0..<(min(patternRows, n - r) * m) { rows[i] = source[i] & keep[i] | taken[i] }
                    }
                }
            }
        }
    }
}
