import Foundation

/// Goodness-of-fit measures of a simulated or forecast series against observations.
///
/// - R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)²  (can be negative: worse than the mean).
/// - RMSE = √(mean (y − ŷ)²),  MAE = mean |y − ŷ|.
/// - Theil's inequality coefficient U = √mean(ŷ − y)² / (√mean ŷ² + √mean y²) ∈ [0, 1]:
///   0 is a perfect fit, 1 the worst (Theil 1961; seed 002 uses it as the identification criterion).
/// - MASE = MAE of a forecast / MAE of the one-step persistence forecast in the training sample
///   (Hyndman & Koehler 2006): below 1 the forecast beats the naive in-sample benchmark.
public enum FitMetrics {
    public static func rSquared(observed y: [Double], predicted p: [Double]) -> Double {
        precondition(y.count == p.count && !y.isEmpty)
        let mean = y.reduce(0, +) / Double(y.count)
        var ssr = 0.0, sst = 0.0
        for k in y.indices { ssr += (y[k] - p[k]) * (y[k] - p[k]); sst += (y[k] - mean) * (y[k] - mean) }
        return sst > 0 ? 1 - ssr / sst : (ssr == 0 ? 1 : -.infinity)
    }

    public static func rmse(observed y: [Double], predicted p: [Double]) -> Double {
        precondition(y.count == p.count && !y.isEmpty)
        var s = 0.0
        for k in y.indices { s += (y[k] - p[k]) * (y[k] - p[k]) }
        return (s / Double(y.count)).squareRoot()
    }

    public static func mae(observed y: [Double], predicted p: [Double]) -> Double {
        precondition(y.count == p.count && !y.isEmpty)
        var s = 0.0
        for k in y.indices { s += abs(y[k] - p[k]) }
        return s / Double(y.count)
    }

    public static func theilU(observed y: [Double], predicted p: [Double]) -> Double {
        precondition(y.count == p.count && !y.isEmpty)
        var d = 0.0, a = 0.0, b = 0.0
        for k in y.indices { d += (p[k] - y[k]) * (p[k] - y[k]); a += p[k] * p[k]; b += y[k] * y[k] }
        let m = Double(y.count)
        let denominator = (a / m).squareRoot() + (b / m).squareRoot()
        return denominator > 0 ? (d / m).squareRoot() / denominator : 0
    }

    /// MAE of the one-step persistence forecast ŷₖ = yₖ₋₁ over a training series (the MASE scale).
    public static func naiveScale(training y: [Double]) -> Double {
        precondition(y.count >= 2)
        var s = 0.0
        for k in 1..<y.count { s += abs(y[k] - y[k - 1]) }
        return s / Double(y.count - 1)
    }

    public static func mase(observed y: [Double], predicted p: [Double], training: [Double]) -> Double {
        mae(observed: y, predicted: p) / naiveScale(training: training)
    }
}

/// The two naive forecasts a fitted model must beat on a holdout.
public enum NaiveForecast {
    /// Persistence: the last training value, repeated.
    public static func persistence(training y: [Double], horizon: Int) -> [Double] {
        [Double](repeating: y.last!, count: horizon)
    }

    /// Linear trend: the least-squares line through the last `window` training values (equally
    /// spaced), extended `horizon` steps ahead.
    public static func linearTrend(training y: [Double], horizon: Int, window: Int = 5) -> [Double] {
        let w = min(window, y.count)
        let tail = Array(y.suffix(w))
        if w == 1 { return [Double](repeating: tail[0], count: horizon) }
        let xm = Double(w - 1) / 2
        let ym = tail.reduce(0, +) / Double(w)
        var sxy = 0.0, sxx = 0.0
        for (k, v) in tail.enumerated() { sxy += (Double(k) - xm) * (v - ym); sxx += (Double(k) - xm) * (Double(k) - xm) }
        let slope = sxy / sxx
        return (1...horizon).map { ym + slope * (Double(w - 1 + $0) - xm) }
    }
}
