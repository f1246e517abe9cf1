import LinearAlgebra

/// NIST StRD "Longley" (16 observations, 1947–1962): y = total employment; x1 GNP deflator,
/// x2 GNP, x3 unemployed, x4 armed forces, x5 population ≥ 14, x6 year. Transcribed from the NIST
/// data page and cross-checked with statsmodels.datasets.longley.
enum Longley {
    static let rows: [[Double]] = [
        // y, x1, x2, x3, x4, x5, x6
        [60323, 83.0, 234289, 2356, 1590, 107608, 1947],
        [61122, 88.5, 259426, 2325, 1456, 108632, 1948],
        [60171, 88.2, 258054, 3682, 1616, 109773, 1949],
        [61187, 89.5, 284599, 3351, 1650, 110929, 1950],
        [63221, 96.2, 328975, 2099, 3099, 112075, 1951],
        [63639, 98.1, 346999, 1932, 3594, 113270, 1952],
        [64989, 99.0, 365385, 1870, 3547, 115094, 1953],
        [63761, 100.0, 363112, 3578, 3350, 116219, 1954],
        [66019, 101.2, 397469, 2904, 3048, 117388, 1955],
        [67857, 104.6, 419180, 2822, 2857, 118734, 1956],
        [68169, 108.4, 442769, 2936, 2798, 120445, 1957],
        [66513, 110.8, 444546, 4681, 2637, 121950, 1958],
        [68655, 112.6, 482704, 3813, 2552, 123366, 1959],
        [69564, 114.2, 502601, 3931, 2514, 125368, 1960],
        [69331, 115.7, 518173, 4806, 2572, 127852, 1961],
        [70551, 116.9, 554894, 4007, 2827, 130081, 1962],
    ]
    static var x: Matrix { Matrix(rows.map { Array($0.dropFirst()) }) }
    static var y: [Double] { rows.map { $0[0] } }

    /// Certified values (NIST StRD), intercept first.
    static let coefficients: [Double] = [-3482258.63459582, 15.0618722713733, -0.358191792925910E-01, -2.02022980381683,
                                         -1.03322686717359, -0.511041056535807E-01, 1829.15146461355]
    static let standardErrors: [Double] = [890420.383607373, 84.9149257747669, 0.334910077722432E-01, 0.488399681651699,
                                           0.214274163161675, 0.226073200069370, 455.478499142212]
    static let residualStandardDeviation = 304.854073561965
    static let rSquared = 0.995479004577296
}

/// The number of correct significant digits of `value` against `certified` (LRE, NIST's log
/// relative error): −log10(|value − certified| / |certified|), capped at 15.
func correctDigits(_ value: Double, _ certified: Double) -> Double {
    let e = abs(value - certified)
    if e == 0 { return 15 }
    return min(15, -log10(e / abs(certified)))
}

import Foundation
