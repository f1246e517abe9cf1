/// The first-order right-hand side of a `SplitSecondOrderProblem`, y = [q; v] ↦ [v; a(t, v, g(t, q))],
/// counting evaluations, and Dormand–Prince steps with the position forces of two stages at a time.
///
/// Stage k's state is y + h Σ_{i<k} a_ki k_i, and the position half of k_i is v_i, the velocity of stage
/// i's state. So stage k + 1's position needs v_1 … v_k, i.e. the accelerations of stages < k only, and
/// is formed before stage k's g is evaluated: the step forms stage 2, then the position of stage 3,
/// evaluates g at both, finishes stage 2's acceleration, forms stage 3's velocity and finishes its
/// acceleration; likewise stages 4 and 5, and 6 and 7 (= yNew, the FSAL stage). Every element is
/// formed by the expression of `DormandPrince5.step`, so only the pairing of g differs.
struct SplitRightHandSide: DormandPrince5Stepping {
    let positionForce: SplitSecondOrderProblem.PositionForce
    let acceleration: SplitSecondOrderProblem.Acceleration
    /// Length of q.
    let m: Int
    private(set) var evaluations = 0

    init(_ problem: SplitSecondOrderProblem) {
        positionForce = problem.positionForce
        acceleration = problem.acceleration
        m = problem.position.count
    }

    mutating func callAsFunction(_ t: Double, _ y: UnsafePointer<Double>, into f: UnsafeMutablePointer<Double>) {
        evaluations += 1
        f.update(from: y + m, count: m)
        positionForce(t, y, f + m, t, nil, nil)
        acceleration(t, y + m, f + m)
    }

    /// Stages k (state in `a`, fully formed) and k + 1 (state in `b`, position formed): k's velocity
    /// half of its derivative, g at both positions, k's acceleration; the caller then forms b's velocity
    /// and calls `finish`.
    @inline(__always)
    private mutating func pair(_ ta: Double, _ a: UnsafePointer<Double>, _ ka: UnsafeMutablePointer<Double>,
                               _ tb: Double, _ b: UnsafePointer<Double>, _ kb: UnsafeMutablePointer<Double>) {
        ka.update(from: a + m, count: m)
        positionForce(ta, a, ka + m, tb, b, kb + m)
        acceleration(ta, a + m, ka + m)
        evaluations += 1
    }

    /// Stage k + 1 of a pair once its velocity is formed in b.
    @inline(__always)
    private mutating func finish(_ tb: Double, _ b: UnsafePointer<Double>, _ kb: UnsafeMutablePointer<Double>) {
        kb.update(from: b + m, count: m)
        acceleration(tb, b + m, kb + m)
        evaluations += 1
    }

    mutating func dormandPrince5Step(t: Double, h: Double, n: Int, _ s: DormandPrince5.Stages) {
        typealias D = DormandPrince5
        let m = self.m
        let y = s.y, a = s.stage, b = s.yNew, k1 = s.k1, k2 = s.k2, k3 = s.k3, k4 = s.k4, k5 = s.k5, k6 = s.k6, k7 = s.k7
        // Stages 2 and 3.
        for i in 0..<n { a[i] = y[i] + h * D.a21 * k1[i] }
        for i in 0..<m { b[i] = y[i] + h * (D.a31 * k1[i] + D.a32 * a[m + i]) }   // k2's position half is stage 2's v
        pair(t + D.c2 * h, a, k2, t + D.c3 * h, b, k3)
        for i in m..<n { b[i] = y[i] + h * (D.a31 * k1[i] + D.a32 * k2[i]) }
        finish(t + D.c3 * h, b, k3)
        // Stages 4 and 5.
        for i in 0..<n { a[i] = y[i] + h * (D.a41 * k1[i] + D.a42 * k2[i] + D.a43 * k3[i]) }
        for i in 0..<m { b[i] = y[i] + h * (D.a51 * k1[i] + D.a52 * k2[i] + D.a53 * k3[i] + D.a54 * a[m + i]) }
        pair(t + D.c4 * h, a, k4, t + D.c5 * h, b, k5)
        for i in m..<n { b[i] = y[i] + h * (D.a51 * k1[i] + D.a52 * k2[i] + D.a53 * k3[i] + D.a54 * k4[i]) }
        finish(t + D.c5 * h, b, k5)
        // Stages 6 and 7; stage 7 is yNew.
        for i in 0..<n { a[i] = y[i] + h * (D.a61 * k1[i] + D.a62 * k2[i] + D.a63 * k3[i] + D.a64 * k4[i] + D.a65 * k5[i]) }
        for i in 0..<m {
            b[i] = y[i] + h * (D.a71 * k1[i] + D.a73 * k3[i] + D.a74 * k4[i] + D.a75 * k5[i] + D.a76 * a[m + i])
        }
        pair(t + h, a, k6, t + h, b, k7)
        for i in m..<n { b[i] = y[i] + h * (D.a71 * k1[i] + D.a73 * k3[i] + D.a74 * k4[i] + D.a75 * k5[i] + D.a76 * k6[i]) }
        finish(t + h, b, k7)
    }
}
