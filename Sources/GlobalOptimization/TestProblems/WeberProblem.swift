/// The monograph's §3.2 Weber problem with negative weights: place the information and logistics
/// centre of the Volga Federal District at (x, y) = (longitude, latitude) in degrees, minimizing
/// Z(x, y) = Σᵢ wᵢ √((x − aᵢ)² + (y − bᵢ)²) — the book's `weber_obj` (Fig. 27–28): positive weights
/// (populations) attract to the 10 innovation-cluster centres, negative weights repel from the 7
/// nuclear sites. The global minimum on [40, 65]² is at Kazan (49.12, 55.79), Z = −19,701,424.6
/// (Table 9 prints −1.97 in units of 10⁷).
public enum WeberProblem {
    /// (x, y) of the 17 sites, in the book's order.
    public static let centres: [(x: Double, y: Double)] = [
        (44.1, 56.33), (43.32, 54.93), (45.18, 54.18), (48.37, 54.32), (49.58, 54.23),
        (50.12, 53.18), (56.25, 58.01), (53.21, 56.85), (49.12, 55.79), (55.97, 54.73),
        (43.32, 54.93), (45.17, 53.2), (49.58, 54.23), (47.95, 52.09), (59.78, 58.63),
        (60.08, 57.25), (58.45, 54.8),
    ]
    public static let weights: [Double] = [
        1253511, 95388, 318578, 627870, 115253, 1156644, 1053938, 648944, 1251969, 1124226,
        -1667477, -318578, -743123, -1156644, -1053938, -1053938, -1124226,
    ]
    public static let kazan: [Double] = [49.12, 55.79]

    /// Z(x, y) of the book.
    public static func value(_ p: [Double]) -> Double {
        var z = 0.0
        for (c, w) in zip(centres, weights) {
            let dx = p[0] - c.x, dy = p[1] - c.y
            z += w * (dx * dx + dy * dy).squareRoot()
        }
        return z
    }

    /// The problem on the book's plotting box [40, 65]².
    public static var problem: OptimizationProblem {
        OptimizationProblem(name: "weber-volga", lowerBounds: [40, 40], upperBounds: [65, 65],
                            knownMinimum: value(kazan), knownMinimizer: kazan, objective: value)
    }
}
