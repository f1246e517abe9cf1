import Foundation

/// A map of settlements: each at its coordinates (equirectangular or Mercator projection), a
/// circle of area proportional to its population, coloured by a signed value (net migration),
/// and the strongest flows drawn as arcs. An arc bends to the right of its direction of travel,
/// so the two directions between a pair are separate curves; its width grows with the flow.
public struct SettlementMap: Sendable {
    public enum Projection: String, Sendable {
        /// x ∝ λ·cos φ₀ (φ₀ the centre latitude), y ∝ φ: true scale near the centre.
        case equirectangular
        /// x ∝ λ, y ∝ ln tan(π/4 + φ/2): conformal.
        case mercator
    }

    public struct Place: Sendable, Equatable {
        public var id: String, name: String
        public var latitude: Double, longitude: Double
        public var population: Double
        /// The colour value (e.g. net migration per 1,000); nil draws grey.
        public var value: Double?
        public init(id: String, name: String, latitude: Double, longitude: Double, population: Double, value: Double?) {
            self.id = id; self.name = name; self.latitude = latitude; self.longitude = longitude
            self.population = population; self.value = value
        }
    }

    public struct Flow: Sendable, Equatable {
        public var origin: String, destination: String
        public var value: Double
        public init(origin: String, destination: String, value: Double) {
            self.origin = origin; self.destination = destination; self.value = value
        }
    }

    public var title: String
    public var valueTitle: String
    public var flowTitle: String
    public var places: [Place]
    public var flows: [Flow]
    /// How many of the largest flows between different places to draw.
    public var strongestFlows: Int
    public var projection: Projection
    public var width: Double
    public var height: Double

    public init(title: String, valueTitle: String, flowTitle: String = "migrants", places: [Place], flows: [Flow] = [],
                strongestFlows: Int = 12, projection: Projection = .equirectangular, width: Double = 720, height: Double = 560) {
        self.title = title; self.valueTitle = valueTitle; self.flowTitle = flowTitle; self.places = places; self.flows = flows
        self.strongestFlows = strongestFlows; self.projection = projection; self.width = width; self.height = height
    }

    /// Projected (unscaled) coordinates: x east, y north.
    func project(_ p: Place, centreLatitude: Double) -> (x: Double, y: Double) {
        let rad = Double.pi / 180
        switch projection {
        case .equirectangular: return (p.longitude * cos(centreLatitude * rad), p.latitude)
        case .mercator: return (p.longitude, log(tan(Double.pi / 4 + p.latitude * rad / 2)) / rad)
        }
    }

    /// Pixel positions of the places (same order), fitted into the map area with equal x and y
    /// scale and a margin.
    public func positions() -> [(x: Double, y: Double)] {
        let valid = places.filter { $0.latitude.isFinite && $0.longitude.isFinite }
        guard !valid.isEmpty else { return places.map { _ in (x: width / 2, y: height / 2) } }
        let lat0 = (valid.map(\.latitude).min()! + valid.map(\.latitude).max()!) / 2
        let raw = places.map { project($0, centreLatitude: lat0) }
        let finite = raw.filter { $0.x.isFinite && $0.y.isFinite }
        let minX = finite.map(\.x).min()!, maxX = finite.map(\.x).max()!
        let minY = finite.map(\.y).min()!, maxY = finite.map(\.y).max()!
        let area = (left: 40.0, top: 44.0, right: width - 190, bottom: height - 30)
        let spanX = max(maxX - minX, 1e-6), spanY = max(maxY - minY, 1e-6)
        let k = min((area.right - area.left) / spanX, (area.bottom - area.top) / spanY)
        let offX = area.left + ((area.right - area.left) - k * spanX) / 2
        let offY = area.top + ((area.bottom - area.top) - k * spanY) / 2
        return raw.map { p in
            p.x.isFinite && p.y.isFinite ? (x: offX + (p.x - minX) * k, y: offY + (maxY - p.y) * k) : (x: width / 2, y: height / 2)
        }
    }

    /// Circle radius in pixels: area ∝ population, the largest 28 px.
    public func radius(_ population: Double) -> Double {
        let maxPop = places.map(\.population).filter(\.isFinite).max() ?? 1
        guard population.isFinite, population > 0, maxPop > 0 else { return 3 }
        return max(3, 28 * (population / maxPop).squareRoot())
    }

    /// Indices of `places`, largest population first (ties by index).
    func populationOrder() -> [Int] {
        places.indices.sorted { places[$0].population != places[$1].population ? places[$0].population > places[$1].population : $0 < $1 }
    }

    /// Where the places' names go (same order as `places`): placed largest population first, each at
    /// the first free position around its circle (`LabelPlacement`), inside the map area below the title.
    public func labelPositions() -> [LabelPlacement.Placed] {
        labelPositions(at: positions(), order: populationOrder())
    }

    /// The placer of the names: 10 px text inside the map area, below the title and left of the legend.
    var labelPlacer: LabelPlacement {
        LabelPlacement(fontSize: 10, frame: .init(left: 2, top: 24, right: width - 172, bottom: height - 2))
    }

    /// `labelPositions()` for the places at `pos`, placed in `order` (what `svg()` has already computed).
    func labelPositions(at pos: [(x: Double, y: Double)], order: [Int]) -> [LabelPlacement.Placed] {
        let placed = labelPlacer.place(order.map { places[$0].name },
                                  around: order.map { LabelPlacement.Circle(x: pos[$0].x, y: pos[$0].y, radius: radius(places[$0].population)) })
        var result = placed
        for (k, i) in order.enumerated() { result[i] = placed[k] }
        return result
    }

    /// The drawn flows: the `strongestFlows` largest between different known places, largest first
    /// (ties by origin, destination).
    public func drawnFlows() -> [Flow] {
        let known = Set(places.map(\.id))
        return flows.filter { $0.origin != $0.destination && known.contains($0.origin) && known.contains($0.destination) && $0.value.isFinite && $0.value > 0 }
            .sorted { $0.value != $1.value ? $0.value > $1.value : ($0.origin, $0.destination) < ($1.origin, $1.destination) }
            .prefix(max(0, strongestFlows)).map { $0 }
    }

    public func colourScale() -> NiceScale {
        let m = places.compactMap(\.value).filter(\.isFinite).map(abs).max() ?? 1
        return NiceScale(minimum: -m, maximum: m, targetTicks: 5)
    }

    public func svg() -> SVG {
        let c = NumberFormat.coordinate
        var svg = SVG(width: width, height: height, title: title)
        svg.rect(0, 0, width - 170, height, fill: "#f4f7fb")
        svg.text(10, 18, title, size: 13, weight: "bold")
        let pos = positions()
        let index = Dictionary(places.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let scale = colourScale()
        let bound = max(abs(scale.lower), abs(scale.upper))
        // Flows first (under the circles).
        let drawn = drawnFlows()
        let maxFlow = drawn.first?.value ?? 1
        for flow in drawn.reversed() {
            let a = pos[index[flow.origin]!], b = pos[index[flow.destination]!]
            let dx = b.x - a.x, dy = b.y - a.y
            // Control point to the right of travel (screen coordinates, y down): (−dy, dx)·0.2.
            let cx = (a.x + b.x) / 2 - dy * 0.2, cy = (a.y + b.y) / 2 + dx * 0.2
            let w = 1 + 6 * flow.value / maxFlow
            svg.path("M\(c(a.x)) \(c(a.y)) Q\(c(cx)) \(c(cy)) \(c(b.x)) \(c(b.y))", stroke: "#5b3a8c", width: w, opacity: 0.45,
                     tooltip: "\(flow.origin) → \(flow.destination): \(NumberFormat.table(flow.value)) \(flowTitle)")
        }
        // Circles, largest first so small ones stay visible.
        let order = populationOrder()
        for i in order {
            let p = places[i]
            let fill = p.value.map { Palette.diverging($0 / bound) } ?? "#bbbbbb"
            svg.circle(pos[i].x, pos[i].y, r: radius(p.population), fill: fill, stroke: "#333333", opacity: 0.9,
                       tooltip: "\(p.name): population \(NumberFormat.table(p.population, significant: 6)), \(valueTitle) \(p.value.map { NumberFormat.table($0) } ?? "–")")
        }
        let labels = labelPositions(at: pos, order: order)
        for i in order.reversed() {
            svg.text(labels[i].x, labels[i].y, places[i].name, size: 10, fill: "#222222")
        }
        // Legend: colour bar, sizes, flows.
        let lx = width - 160
        svg.text(lx, 50, valueTitle, size: 11, weight: "bold")
        let barTop = 60.0, barHeight = 150.0
        for k in 0..<30 {
            let v = scale.upper - (scale.upper - scale.lower) * (Double(k) + 0.5) / 30
            svg.rect(lx, barTop + barHeight * Double(k) / 30, 14, barHeight / 30 + 0.5, fill: Palette.diverging(v / bound))
        }
        for t in scale.ticks {
            let y = barTop + barHeight * (scale.upper - t) / (scale.upper - scale.lower)
            svg.line(lx + 14, y, lx + 18, y, stroke: "#666666")
            svg.text(lx + 21, y + 4, scale.label(t), size: 10, fill: "#444444")
        }
        svg.text(lx, barTop + barHeight + 30, "population", size: 11, weight: "bold")
        let maxPop = places.map(\.population).filter(\.isFinite).max() ?? 0
        var y = barTop + barHeight + 40
        if maxPop > 0 {
            let magnitude = pow(10, floor(log10(maxPop)))
            for v in [magnitude, magnitude / 10] where v > 0 {
                let r = radius(v)
                svg.circle(lx + 28, y + r, r: r, fill: "none", stroke: "#555555")
                svg.text(lx + 62, y + r + 4, NumberFormat.table(v, significant: 1), size: 10, fill: "#444444")
                y += 2 * r + 8
            }
        }
        if !drawn.isEmpty {
            svg.text(lx, y + 16, "\(drawn.count) largest flows", size: 11, weight: "bold")
            svg.path("M\(c(lx)) \(c(y + 34)) Q\(c(lx + 20)) \(c(y + 24)) \(c(lx + 40)) \(c(y + 34))", stroke: "#5b3a8c", width: 7, opacity: 0.45)
            svg.text(lx + 46, y + 38, NumberFormat.table(maxFlow, significant: 3) + " " + flowTitle, size: 10, fill: "#444444")
            svg.text(lx, y + 56, "arcs bend right of travel", size: 9, fill: "#666666")
        }
        return svg
    }
}
