import Foundation
import Testing
@testable import Reports

@Suite struct ChartGeometryTests {
    @Test func lineChartAxesCoverTheDataAndIncludeZero() {
        let layout = SampleCharts.line.layout()
        let f = layout.frame
        #expect(f.x.lower == 2009 && f.x.upper == 2020)  // time axes are tight
        #expect(f.y.lower <= -2.5 && f.y.upper >= 3.5)
        #expect(f.y.ticks.contains(0))
        #expect(f.x.ticks == [2010, 2012, 2014, 2016, 2018, 2020])
        #expect(f.left < f.right && f.top < f.bottom)
        // The first y tick is drawn at the bottom of the plot, the last at the top.
        #expect(f.py(f.y.lower) == f.bottom && f.py(f.y.upper) == f.top)
    }

    @Test func lineChartLegendListsBandsThenSeries() {
        #expect(SampleCharts.line.layout().legend.map(\.label) == ["observed", "simulated"])
        #expect(SampleCharts.line.layout().legend.map(\.mark) == [.dot, .line])
        #expect(SampleCharts.scenario.layout().legend.map(\.label) == ["difference", "baseline", "scenario"])
        #expect(SampleCharts.scenario.layout().legend.map(\.mark) == [.area, .dashed, .line])
    }

    @Test func gapsBreakThePathInsteadOfWritingNaN() throws {
        let svg = SampleCharts.line.svg().render()
        #expect(SVGCheck.nonFiniteAttributes(svg).isEmpty)
        #expect(SVGCheck.pathNumbers(svg).allSatisfy { Double($0)?.isFinite == true })
        // The simulated series has one missing point: its path has two "M" segments.
        let path = try! NSRegularExpression(pattern: "<path d=\"([^\"]*)\" fill=\"none\" stroke=\"#4e79a7\"")
        let match = try! #require(path.firstMatch(in: svg, range: NSRange(svg.startIndex..., in: svg)))
        let d = String(svg[Range(match.range(at: 1), in: svg)!])
        #expect(d.filter { $0 == "M" }.count == 2)
        #expect(d.filter { $0 == "L" }.count == 9)
        #expect(svg.contains(">observed</text>") && svg.contains(">simulated</text>"))
        #expect(svg.contains(">balance, per 1,000 per year</text>") && svg.contains(">year</text>"))
        #expect(svg.contains(">2010</text>"))
    }

    @Test func differenceBandIsAClosedAreaBetweenTheCurves() {
        let chart = SampleCharts.scenario
        let svg = chart.svg().render()
        #expect(svg.contains("Z\" fill=\"\(Palette.category(2))\""))
        #expect(SVGCheck.nonFiniteAttributes(svg).isEmpty)
    }

    @Test func noChartWritesNonFiniteNumbers() {
        var allNaN = SampleCharts.line
        allNaN.series = [.init(name: "empty", x: [1, 2, 3], y: [.nan, .nan, .nan], color: "#000000")]
        var emptyBars = SampleCharts.bar
        emptyBars.bars = [.init(label: "x", value: .nan)]
        var emptyMap = SampleCharts.map
        emptyMap.places = [.init(id: "a", name: "a", latitude: 10, longitude: 20, population: .nan, value: .infinity)]
        let svgs = [SampleCharts.line.svg(), SampleCharts.scenario.svg(), SampleCharts.bar.svg(), SampleCharts.beeswarm.svg(),
                    SampleCharts.heat.svg(), SampleCharts.map.svg(), SampleCharts.grid, allNaN.svg(), emptyBars.svg(), emptyMap.svg()]
        for svg in svgs {
            let text = svg.render()
            #expect(SVGCheck.nonFiniteAttributes(text).isEmpty, "\(svg.title)")
            #expect(SVGCheck.pathNumbers(text).allSatisfy { Double($0)?.isFinite == true }, "\(svg.title)")
        }
    }

    @Test func barChartScaleIncludesZeroAndNegativeBarsGoLeft() {
        let chart = SampleCharts.bar
        let f = chart.layout()
        #expect(f.x.lower <= -0.62 && f.x.upper >= 1.84 && f.x.ticks.contains(0))
        let svg = chart.svg().render()
        // unemployment (negative) is drawn blue, ending at the zero line.
        let zero = NumberFormat.coordinate(f.px(0))
        let negativeX = NumberFormat.coordinate(f.px(-0.62))
        #expect(svg.contains("<rect x=\"\(negativeX)\""))
        #expect(svg.contains("fill=\"#4393c3\"") && svg.contains("fill=\"#d6604d\""))
        #expect(svg.contains("x1=\"\(zero)\""))
        #expect(svg.contains(">gdp_per_capita</text>") && svg.contains(">mean |Shapley value|</text>"))
    }

    @Test func beeswarmDotsDoNotOverlapWithinTheRowLimit() {
        let xs = [10.0, 10.5, 11, 11.2, 11.4, 30, 30.1]
        let r = 2.5
        let offsets = BeeswarmChart.swarmOffsets(xs, radius: r, limit: 20)
        for i in xs.indices {
            for j in xs.indices where i < j {
                #expect(hypot(xs[i] - xs[j], offsets[i] - offsets[j]) >= 2 * r - 1e-9)
            }
        }
        #expect(offsets[0] == 0)
        let svg = SampleCharts.beeswarm.svg().render()
        #expect(svg.components(separatedBy: "<circle").count - 1 == 120)
        #expect(svg.contains(">low</text>") && svg.contains(">high</text>"))
    }

    @Test("a beeswarm row with more values than maximumDots draws evenly spaced order statistics: min, max and the quantiles between")
    func beeswarmSamplesLargeRowsByQuantiles() {
        let values = (0..<10_001).map { Double(($0 * 7_919) % 10_001) } + [.nan]   // a permutation of 0…10,000, and a NaN
        let drawn = BeeswarmChart.drawnIndices(values, count: 101)
        #expect(drawn.count == 101)
        #expect(drawn.map { values[$0] } == (0...100).map { Double($0 * 100) })
        #expect(BeeswarmChart.drawnIndices([3, .nan, 1], count: 101) == [0, 2])
        let chart = BeeswarmChart(title: "t", valueTitle: "v", rows: [.init(feature: "f", values: values)], maximumDots: 101)
        #expect(chart.isSampled)
        #expect(chart.svg().render().components(separatedBy: "<circle").count - 1 == 101)
        #expect(!SampleCharts.beeswarm.isSampled)
    }

    @Test func heatMapDivergingScaleIsSymmetric() {
        let h = SampleCharts.heat
        let s = h.colourScale()
        #expect(s.lower == -s.upper && s.upper >= 3)
        #expect(h.colour(0, s) == "#f7f7f7")
        #expect(h.colour(nil, s) == "#d9d9d9")
        #expect(h.colour(s.upper, s) == "#b2182b")
        #expect(h.colour(s.lower, s) == "#2166ac")
        let svg = h.svg().render()
        #expect(svg.components(separatedBy: "<rect").count - 1 >= 16 + 40)
        #expect(svg.contains(">-1.2</text>") || svg.contains(">-1.3</text>"))
    }

    @Test func mapPlacesSettlementsInsideTheFrameNorthUp() {
        let m = SampleCharts.map
        let p = m.positions()
        for q in p { #expect(q.x >= 40 && q.x <= m.width - 190 && q.y >= 44 && q.y <= m.height - 30) }
        // Jeju (south) is lower on the screen than Seoul; Busan (east) right of Seoul.
        #expect(p[3].y > p[0].y && p[2].x > p[0].x)
        // Equal scale in x and y: Seoul–Gyeonggi (0.51° east) vs the projection's cos φ.
        #expect(m.radius(13_400_000) == 28 && m.radius(3_350_000) == 14)
        let drawn = m.drawnFlows()
        #expect(drawn.map(\.value) == [360_000, 270_000, 25_000, 12_000])
        #expect(!drawn.contains { $0.origin == $0.destination })
        var mercator = m
        mercator.projection = .mercator
        #expect(mercator.positions().map(\.y) != p.map(\.y))
        let svg = m.svg().render()
        #expect(svg.components(separatedBy: " Q").count - 1 == 5)  // 4 flows + the legend arc
        #expect(svg.contains(">Jeju-do</text>") && svg.contains(">population</text>"))
    }

    @Test func renderingIsDeterministic() {
        #expect(SampleCharts.map.svg().render() == SampleCharts.map.svg().render())
        #expect(SampleCharts.beeswarm.svg().render() == SampleCharts.beeswarm.svg().render())
    }

    @Test func textIsEscaped() {
        var svg = SVG(width: 10, height: 10, title: "a < b & \"c\"")
        svg.text(1, 1, "<script>")
        let s = svg.render()
        #expect(s.contains("a &lt; b &amp; &quot;c&quot;") && s.contains("&lt;script&gt;") && !s.contains("<script>"))
    }
}
