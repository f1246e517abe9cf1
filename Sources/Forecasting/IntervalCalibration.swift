/// Settings of the conformal interval calibration (``Conformal``).
public struct IntervalCalibration: Sendable, Equatable {
    /// Nominal coverages of the central intervals, each in (0, 1), e.g. [0.8, 0.95].
    public var levels: [Double]
    /// At most this many pseudo-origins, the latest ones.
    public var calibrationOrigins: Int
    /// Rows a pseudo-origin needs up to and including it: pseudo-origin s ≥ minimumHistory − 1.
    public var minimumHistory: Int

    public init(levels: [Double] = [0.8, 0.95], calibrationOrigins: Int = 10, minimumHistory: Int = 5) {
        self.levels = levels
        self.calibrationOrigins = calibrationOrigins
        self.minimumHistory = minimumHistory
    }

    /// Throws unless every level is in (0, 1), calibrationOrigins ≥ 1 and minimumHistory ≥ 1.
    public func validate() throws {
        for level in levels where !(level > 0 && level < 1) {
            throw ForecastingError.invalidParameter(name: "levels", value: "\(level)", expected: "every level in (0, 1)")
        }
        guard calibrationOrigins >= 1 else {
            throw ForecastingError.invalidParameter(name: "calibrationOrigins", value: "\(calibrationOrigins)",
                                                    expected: "an integer ≥ 1")
        }
        guard minimumHistory >= 1 else {
            throw ForecastingError.invalidParameter(name: "minimumHistory", value: "\(minimumHistory)",
                                                    expected: "an integer ≥ 1")
        }
    }
}
