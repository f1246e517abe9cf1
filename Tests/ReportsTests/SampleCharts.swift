import Foundation
@testable import Reports

/// Small deterministic inputs for every chart type (used by geometry and golden-file tests).
enum SampleCharts {
    static let years = (0..<12).map { 2009 + Double($0) }

    static var line: LineChart {
        let observed = years.map { 3 * sin(($0 - 2009) / 2) + 0.5 }
        var simulated = years.map { 2.8 * sin(($0 - 2009) / 2 + 0.1) + 0.4 }
        simulated[5] = .nan  // a gap, never "NaN" in a path
        return LineChart(title: "Seoul: observed vs simulated", xTitle: "year", yTitle: "balance, per 1,000 per year",
                         series: [.init(name: "observed", x: years, y: observed, style: .markers, color: "#333333"),
                                  .init(name: "simulated", x: years, y: simulated, color: Palette.category(0))],
                         note: "R² 0.93, RMSE 0.41")
    }

    static var scenario: LineChart {
        let baseline = years.map { -1 + 0.2 * ($0 - 2009) }
        let scenario = years.map { -1 + 0.2 * ($0 - 2009) + 0.15 * max(0, $0 - 2014) }
        return LineChart(title: "Busan: scenario vs baseline", xTitle: "year", yTitle: "balance, per 1,000 per year",
                         series: [.init(name: "baseline", x: years, y: baseline, style: .dashed, color: "#555555"),
                                  .init(name: "scenario", x: years, y: scenario, color: Palette.category(2))],
                         bands: [.init(name: "difference", x: years, from: baseline, to: scenario, color: Palette.category(2))])
    }

    static var bar: BarChart {
        BarChart(title: "Global importance", valueTitle: "mean |Shapley value|",
                 bars: [.init(label: "gdp_per_capita", value: 1.84), .init(label: "unemployment", value: -0.62),
                        .init(label: "housing_price", value: 0.35), .init(label: "age_share_20_39", value: 0.08)],
                 colourBySign: true)
    }

    static var beeswarm: BeeswarmChart {
        var rng = SplitMix(seed: 7)
        let rows = ["gdp_per_capita", "unemployment", "housing_price"].enumerated().map { k, f in
            BeeswarmChart.Row(feature: f, values: (0..<40).map { _ in (rng.next() - 0.5) * Double(3 - k) },
                              featureValues: (0..<40).map { _ in rng.next() })
        }
        return BeeswarmChart(title: "Shapley values", valueTitle: "Shapley value", rows: rows)
    }

    static var heat: HeatMap {
        let names = ["Seoul", "Busan", "Daegu", "Incheon"]
        let values: [[Double?]] = [[nil, 2.5, -1.25, 0.5], [-3, nil, 0.75, 1], [0.25, -0.5, nil, 2], [1.5, 0, -2, nil]]
        return HeatMap(title: "Relative error, %", valueTitle: "error, %", rowLabels: names, columnLabels: names, values: values, scale: .diverging)
    }

    static var map: SettlementMap {
        let places: [SettlementMap.Place] = [
            .init(id: "Seoul", name: "Seoul", latitude: 37.55, longitude: 126.99, population: 9_700_000, value: -5.2),
            .init(id: "Gyeonggi-do", name: "Gyeonggi-do", latitude: 37.4, longitude: 127.5, population: 13_400_000, value: 9.8),
            .init(id: "Busan", name: "Busan", latitude: 35.17, longitude: 129.08, population: 3_390_000, value: -4.1),
            .init(id: "Jeju-do", name: "Jeju-do", latitude: 33.39, longitude: 126.55, population: 670_000, value: 12.0),
            .init(id: "Gangwon-do", name: "Gangwon-do", latitude: 37.8, longitude: 128.2, population: 1_540_000, value: nil),
        ]
        let flows: [SettlementMap.Flow] = [
            .init(origin: "Seoul", destination: "Gyeonggi-do", value: 360_000), .init(origin: "Gyeonggi-do", destination: "Seoul", value: 270_000),
            .init(origin: "Busan", destination: "Seoul", value: 25_000), .init(origin: "Seoul", destination: "Seoul", value: 1_000_000),
            .init(origin: "Seoul", destination: "Jeju-do", value: 12_000), .init(origin: "Busan", destination: "Gangwon-do", value: 3_000),
        ]
        return SettlementMap(title: "Settlements and flows", valueTitle: "balance", places: places, flows: flows, strongestFlows: 4)
    }

    static var grid: SVG {
        ChartGrid.compose(title: "Two panels", panels: [line.svgSmall, scenario.svgSmall], columns: 2)
    }
}

extension LineChart {
    var svgSmall: SVG { var c = self; c.width = 300; c.height = 200; return c.svg() }
}

/// A tiny deterministic generator for test data (SplitMix64 → [0, 1)).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 53)
    }
}

/// Checks on SVG text shared by the tests.
enum SVGCheck {
    /// Attribute values containing NaN or infinity (must be none).
    static func nonFiniteAttributes(_ svg: String) -> [String] {
        let re = try! NSRegularExpression(pattern: "=\"[^\"]*(nan|inf)[^\"]*\"", options: [.caseInsensitive])
        return re.matches(in: svg, range: NSRange(svg.startIndex..., in: svg)).map { String(svg[Range($0.range, in: svg)!]) }
    }

    /// All numbers of every path's `d` attribute.
    static func pathNumbers(_ svg: String) -> [String] {
        let re = try! NSRegularExpression(pattern: " d=\"([^\"]*)\"")
        return re.matches(in: svg, range: NSRange(svg.startIndex..., in: svg)).flatMap { m in
            String(svg[Range(m.range(at: 1), in: svg)!]).split(whereSeparator: { "MLQZ ".contains($0) }).map(String.init)
        }
    }
}
