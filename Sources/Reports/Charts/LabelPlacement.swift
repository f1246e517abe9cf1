/// Greedy placement of point labels without overlaps (the candidate-position method of cartographic
/// labelling: Imhof's preferred positions, tried in order, as in Christensen, Marks & Shieber 1995's
/// greedy baseline).
///
/// Each label belongs to a circle (centre, radius). Labels are placed in the order given (most
/// important first); each tries eight positions around its circle, in the cartographer's order of
/// preference: upper right, right, lower right, upper left, left, lower left, above, below. The first
/// position whose box stays inside the frame and overlaps neither a label placed earlier nor any
/// circle wins; when none is free, the one with the least overlapping area does (so a crowded map
/// degrades gracefully instead of dropping names).
///
/// Text boxes are estimated, not measured: width = 0.6 · size per character (a generous average
/// for sans-serif faces), from 0.8 · size above the baseline to 0.25 · size below it.
public struct LabelPlacement: Sendable, Equatable {
    public struct Box: Sendable, Equatable {
        public var left: Double, top: Double, right: Double, bottom: Double
        public init(left: Double, top: Double, right: Double, bottom: Double) {
            self.left = left; self.top = top; self.right = right; self.bottom = bottom
        }
        /// The area shared with `other` (0 when they are apart or only touch).
        public func overlap(_ other: Box) -> Double {
            max(0, min(right, other.right) - max(left, other.left)) * max(0, min(bottom, other.bottom) - max(top, other.top))
        }
        /// The area of `self` outside `frame`.
        func outside(_ frame: Box) -> Double {
            (right - left) * (bottom - top) - overlap(frame)
        }
    }

    public struct Circle: Sendable, Equatable {
        public var x: Double, y: Double, radius: Double
        public init(x: Double, y: Double, radius: Double) { self.x = x; self.y = y; self.radius = radius }
        /// Overlap of `box` with the square of half-side 0.85 r about the centre (between the inscribed
        /// square's 0.71 r and the bounding square's r): a label may graze a circle's rim, not cover it.
        func overlap(_ box: Box) -> Double {
            let h = radius * 0.85
            return box.overlap(Box(left: x - h, top: y - h, right: x + h, bottom: y + h))
        }
    }

    /// Where one label went: the SVG text position (baseline, `start` anchor) and its box.
    public struct Placed: Sendable, Equatable {
        public var x: Double, y: Double
        public var box: Box
    }

    public var fontSize: Double
    /// The area labels must stay in.
    public var frame: Box

    public init(fontSize: Double, frame: Box) {
        self.fontSize = fontSize; self.frame = frame
    }

    /// The estimated box of `text` written at baseline (x, y) with a `start` anchor.
    public func box(_ text: String, x: Double, y: Double) -> Box {
        Box(left: x, top: y - 0.8 * fontSize, right: x + 0.6 * fontSize * Double(text.count), bottom: y + 0.25 * fontSize)
    }

    /// Places `texts[i]` next to `circles[i]`, in the order of the arrays; the results are in the same order.
    public func place(_ texts: [String], around circles: [Circle]) -> [Placed] {
        precondition(texts.count == circles.count, "one circle per label")
        var placed: [Placed] = []
        for (text, c) in zip(texts, circles) {
            var best: Placed?
            var bestCost = Double.infinity
            for candidate in candidates(text, c) {
                var cost = candidate.box.outside(frame) * 10
                for other in placed { cost += candidate.box.overlap(other.box) }
                for other in circles where other != c { cost += other.overlap(candidate.box) }
                if cost < bestCost { best = candidate; bestCost = cost }
                if cost == 0 { break }
            }
            placed.append(best!)
        }
        return placed
    }

    /// The eight positions around circle `c`, in order of preference.
    func candidates(_ text: String, _ c: Circle) -> [Placed] {
        let width = 0.6 * fontSize * Double(text.count)
        let dx = c.radius * 0.7 + 2, dy = c.radius * 0.7 + 1   // diagonal offsets from the centre
        let side = c.radius + 3                                // horizontal offset for left/right
        let ascent = 0.8 * fontSize, descent = 0.25 * fontSize
        let positions: [(x: Double, y: Double)] = [
            (c.x + dx, c.y - dy),                                // upper right
            (c.x + side, c.y + (ascent - descent) / 2),          // right
            (c.x + dx, c.y + dy + ascent),                       // lower right
            (c.x - dx - width, c.y - dy),                        // upper left
            (c.x - side - width, c.y + (ascent - descent) / 2),  // left
            (c.x - dx - width, c.y + dy + ascent),               // lower left
            (c.x - width / 2, c.y - c.radius - 3 - descent),     // above
            (c.x - width / 2, c.y + c.radius + 3 + ascent),      // below
        ]
        return positions.map { Placed(x: $0.x, y: $0.y, box: box(text, x: $0.x, y: $0.y)) }
    }
}
