/// Rolling-origin evaluation (Tashman 2000): for each origin s, every method is fitted on rows
/// 0…s, makes a probabilistic forecast of rows s+1…s+h (``Conformal`` intervals calibrated inside
/// rows 0…s) and is scored against the observed rows.
public enum RollingOrigin {
    /// One ``ForecastRecord`` per origin × method × horizon × settlement, in that nesting order.
    ///
    /// Each origin must satisfy 0 ≤ s, s + h ≤ panel.count − 1 (observations to score against) and
    /// s + 1 ≥ minimumHistory + h (room for at least one calibration pseudo-origin), and its
    /// pseudo-origins × settlements must reach the conformal minimum of every level (e.g. 39 at 95%);
    /// otherwise this throws naming the origin, before any method is fitted. `periodLabels` (one per row, e.g. years)
    /// label the records; by default the row index.
    public static func evaluate(panel: [[Double]], origins: [Int], horizon: Int, methods: [any ForecastMethod],
                                calibration: IntervalCalibration = IntervalCalibration(),
                                periodLabels: [String]? = nil) throws -> [ForecastRecord] {
        let n = try Panel.validate(panel)
        try calibration.validate()
        guard horizon >= 1 else {
            throw ForecastingError.invalidParameter(name: "horizon", value: "\(horizon)", expected: "an integer ≥ 1")
        }
        guard !origins.isEmpty else {
            throw ForecastingError.invalidParameter(name: "origins", value: "[]", expected: "at least one origin")
        }
        guard !methods.isEmpty else {
            throw ForecastingError.invalidParameter(name: "methods", value: "[]", expected: "at least one method")
        }
        if let periodLabels, periodLabels.count != panel.count {
            throw ForecastingError.invalidParameter(name: "periodLabels", value: "\(periodLabels.count) labels",
                                                    expected: "one label per panel row (\(panel.count))")
        }
        for s in origins { try checkOrigin(s, horizon: horizon, rows: panel.count, calibration: calibration) }
        for s in origins { try checkCalibrationSize(s, horizon: horizon, settlements: n, calibration: calibration) }
        let label = { (t: Int) in periodLabels?[t] ?? "\(t)" }

        var records: [ForecastRecord] = []
        records.reserveCapacity(origins.count * methods.count * horizon * n)
        for s in origins {
            let training = Array(panel[0...s])
            let scales = try NaiveScale.scales(training, through: s)
            for method in methods {
                let forecast: ProbabilisticForecast
                do {
                    let fitted = try method.fit(history: training)
                    forecast = try Conformal.forecast(fitted, history: training, horizon: horizon, calibration: calibration)
                } catch {
                    throw ForecastingError.methodFailed(method: method.name, origin: s, reason: "\(error)")
                }
                for k in 0..<horizon {
                    let t = s + 1 + k
                    for i in 0..<n {
                        records.append(ForecastRecord(
                            origin: s, originLabel: label(s), method: method.name, settlement: i,
                            period: t, periodLabel: label(t), horizon: k + 1,
                            forecast: forecast.mean[k][i], observed: panel[t][i], scale: scales[i],
                            lower: forecast.lower.mapValues { $0[k][i] }, upper: forecast.upper.mapValues { $0[k][i] }))
                    }
                }
            }
        }
        return records
    }

    /// Throws unless origin `s` can be evaluated at `horizon` in a panel of `rows` rows.
    public static func checkOrigin(_ s: Int, horizon: Int, rows: Int, calibration: IntervalCalibration) throws {
        guard s >= 0, s < rows else { throw ForecastingError.originOutOfRange(origin: s, rows: rows) }
        guard s + horizon <= rows - 1 else {
            throw ForecastingError.tooFewRowsAfterOrigin(origin: s, horizon: horizon, rows: rows)
        }
        let required = calibration.minimumHistory + horizon
        guard s + 1 >= required else {
            throw ForecastingError.tooLittleHistory(
                origin: s, available: s + 1, required: required,
                reason: "one calibration pseudo-origin (minimumHistory \(calibration.minimumHistory) + horizon \(horizon))")
        }
    }

    /// Throws unless the pseudo-origins of origin `s` give enough calibration errors
    /// (pseudo-origins × settlements) for the conformal ranks of every level (``Conformal/ranks(level:count:)``):
    /// naming the origin and the rows it would need, or, when even `calibrationOrigins` pseudo-origins
    /// are too few, the level and the largest possible number of errors.
    public static func checkCalibrationSize(_ s: Int, horizon: Int, settlements n: Int, calibration: IntervalCalibration) throws {
        let count = try Conformal.pseudoOrigins(rows: s + 1, horizon: horizon, calibration: calibration).count
        for level in calibration.levels {
            do {
                _ = try Conformal.ranks(level: level, count: count * n)
            } catch let ForecastingError.tooFewCalibrationErrors(_, _, required) {
                let neededOrigins = (required + n - 1) / n
                guard neededOrigins <= calibration.calibrationOrigins else {
                    throw ForecastingError.tooFewCalibrationErrors(
                        level: level, available: calibration.calibrationOrigins * n, required: required)
                }
                throw ForecastingError.tooLittleHistory(
                    origin: s, available: s + 1, required: calibration.minimumHistory + horizon + neededOrigins - 1,
                    reason: "the \(level) interval (\(required) calibration errors = \(neededOrigins) pseudo-origins × "
                        + "\(n) settlements, minimumHistory \(calibration.minimumHistory), horizon \(horizon))")
            }
        }
    }

    /// Per-method scores: each computed per origin with ``Scores`` and then averaged over origins
    /// with equal weight. Methods in order of first appearance. Coverage and interval score are
    /// reported for the levels present in every record of the method.
    public static func summary(_ records: [ForecastRecord]) -> [MethodSummary] {
        var methodOrder: [String] = []
        var byMethod: [String: [ForecastRecord]] = [:]
        for r in records {
            if byMethod[r.method] == nil { methodOrder.append(r.method) }
            byMethod[r.method, default: []].append(r)
        }
        return methodOrder.map { method in
            let rows = byMethod[method]!
            var levels = Set(rows[0].lower.keys).intersection(rows[0].upper.keys)
            for r in rows { levels.formIntersection(r.lower.keys); levels.formIntersection(r.upper.keys) }
            let byOrigin = Dictionary(grouping: rows, by: \.origin)
            var mase = 0.0, rmse = 0.0, bias = 0.0
            var coverage = [Double: Double](uniqueKeysWithValues: levels.map { ($0, 0.0) })
            var score = coverage
            for origin in byOrigin.keys.sorted() {
                let cells = byOrigin[origin]!
                var perSettlement: [Int: (sum: Double, count: Int)] = [:]
                var squared = 0.0, signed = 0.0
                for c in cells {
                    let e = c.forecast - c.observed
                    perSettlement[c.settlement, default: (0, 0)].sum += abs(e) / c.scale
                    perSettlement[c.settlement, default: (0, 0)].count += 1
                    squared += e * e
                    signed += e
                }
                let m = Double(cells.count)
                mase += perSettlement.keys.sorted().map { perSettlement[$0]!.sum / Double(perSettlement[$0]!.count) }
                    .reduce(0, +) / Double(perSettlement.count)
                rmse += (squared / m).squareRoot()
                bias += signed / m
                for level in levels {
                    var inside = 0.0, total = 0.0
                    for c in cells {
                        let l = c.lower[level]!, u = c.upper[level]!
                        if l <= c.observed && c.observed <= u { inside += 1 }
                        total += Scores.intervalScore(lower: l, upper: u, observed: c.observed, level: level)
                    }
                    coverage[level]! += inside / m
                    score[level]! += total / m
                }
            }
            let o = Double(byOrigin.count)
            return MethodSummary(method: method, origins: byOrigin.count, mase: mase / o, rmse: rmse / o, bias: bias / o,
                                 coverage: coverage.mapValues { $0 / o }, intervalScore: score.mapValues { $0 / o })
        }
    }
}
