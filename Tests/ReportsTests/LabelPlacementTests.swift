import Foundation
import Testing
@testable import Reports

/// Map labels: the greedy candidate-position placer, and the Korean map it was written for, where
/// the old fixed upper-right labels overlapped (Chungcheongnam-do over Chungcheongbuk-do,
/// Gyeongsangnam-do over Busan, Gyeonggi-do over Seoul).
struct LabelPlacementTests {
    static let frame = LabelPlacement.Box(left: 0, top: 0, right: 400, bottom: 300)

    static func overlaps(_ placed: [LabelPlacement.Placed]) -> [(Int, Int)] {
        var pairs: [(Int, Int)] = []
        for i in placed.indices { for j in placed.indices where j > i && placed[i].box.overlap(placed[j].box) > 0 { pairs.append((i, j)) } }
        return pairs
    }

    @Test func boxOverlapArea() {
        let a = LabelPlacement.Box(left: 0, top: 0, right: 10, bottom: 4)
        #expect(a.overlap(.init(left: 5, top: 2, right: 20, bottom: 20)) == 10)
        #expect(a.overlap(.init(left: 10, top: 0, right: 20, bottom: 4)) == 0)   // touching edges share no area
        #expect(a.overlap(a) == 40)
    }

    /// A lone label takes the first preference, upper right of its circle.
    @Test func aLoneLabelGoesUpperRight() {
        let placer = LabelPlacement(fontSize: 10, frame: Self.frame)
        let p = placer.place(["Daejeon"], around: [.init(x: 100, y: 100, radius: 10)])[0]
        #expect(p.x == 100 + 7 + 2 && p.y == 100 - 7 - 1)
        #expect(p.box == placer.box("Daejeon", x: p.x, y: p.y))
        #expect(abs(p.box.right - p.box.left - 42) < 1e-12)   // 7 characters × 0.6 × 10
    }

    /// Two circles side by side with long names: the second label moves to a free side.
    @Test func aNeighbourMovesToAFreeSide() {
        let placer = LabelPlacement(fontSize: 10, frame: Self.frame)
        let circles: [LabelPlacement.Circle] = [.init(x: 150, y: 150, radius: 8), .init(x: 170, y: 152, radius: 6)]
        let placed = placer.place(["Chungcheongbuk-do", "Chungcheongnam-do"], around: circles)
        #expect(Self.overlaps(placed).isEmpty)
        #expect(placed[0].x > 150)   // the first keeps the upper right
    }

    /// Near the frame's right edge the label goes left instead of leaving the frame.
    @Test func labelsStayInsideTheFrame() {
        let placer = LabelPlacement(fontSize: 10, frame: Self.frame)
        let p = placer.place(["Gangwon-do"], around: [.init(x: 395, y: 100, radius: 4)])[0]
        #expect(p.box.right <= 400 && p.box.left >= 0)
    }

    /// Too crowded to place every label apart: each still gets a position (the least overlapping).
    @Test func crowdingDegradesWithoutDroppingNames() {
        let placer = LabelPlacement(fontSize: 10, frame: .init(left: 0, top: 0, right: 60, bottom: 40))
        let names = (1...12).map { "Place \($0)" }
        let placed = placer.place(names, around: names.indices.map { _ in .init(x: 30, y: 20, radius: 3) })
        #expect(placed.count == 12)
        #expect(placed.allSatisfy { $0.x.isFinite && $0.y.isFinite })
    }

    /// The 16 Korean regions (models/korea/settlements.csv: id, name, coordinates, population) on the
    /// report's 720 × 560 map: no two labels overlap, none leaves the map area, and no label covers
    /// another region's circle.
    @Test func koreanMapLabelsDoNotOverlap() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("models/korea/settlements.csv")
        let rows = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
        let places: [SettlementMap.Place] = try rows.map { row in
            let f = row.split(separator: ",").map(String.init)
            let lat = try #require(Double(f[2])), lon = try #require(Double(f[3])), pop = try #require(Double(f[4]))
            return SettlementMap.Place(id: f[0], name: f[1], latitude: lat, longitude: lon, population: pop, value: 0)
        }
        #expect(places.count == 16)
        let map = SettlementMap(title: "Korea", valueTitle: "balance", places: places)
        let labels = map.labelPositions()
        // The test has teeth: every label at its first preference (the old fixed upper right) overlaps.
        let pos = map.positions()
        let fixed = places.indices.map { map.labelPlacer.candidates(places[$0].name, .init(x: pos[$0].x, y: pos[$0].y, radius: map.radius(places[$0].population)))[0] }
        #expect(Self.overlaps(fixed).count >= 2)
        #expect(Self.overlaps(labels).isEmpty, "overlapping labels: \(Self.overlaps(labels).map { (places[$0.0].name, places[$0.1].name) })")
        for (i, label) in labels.enumerated() {
            #expect(label.box.left >= 2 && label.box.right <= map.width - 172 && label.box.top >= 24 && label.box.bottom <= map.height - 2)
            #expect(label.box.overlap(map.labelPlacer.frame) == (label.box.right - label.box.left) * (label.box.bottom - label.box.top))
            for (j, p) in pos.enumerated() where j != i {
                let r = map.radius(places[j].population) * 0.85
                let square = LabelPlacement.Box(left: p.x - r, top: p.y - r, right: p.x + r, bottom: p.y + r)
                #expect(label.box.overlap(square) == 0, "\(places[i].name) covers \(places[j].name)")
            }
        }
        // The SVG writes each name once, at its placed position.
        let svg = map.svg().render()
        for (place, label) in zip(places, labels) {
            #expect(svg.contains(">\(place.name)</text>"))
            #expect(svg.contains("x=\"\(NumberFormat.coordinate(label.x))\" y=\"\(NumberFormat.coordinate(label.y))\""))
        }
    }
}
