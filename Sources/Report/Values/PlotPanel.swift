import Foundation

/// One set of axes and what is drawn on them. A plot has one panel, except a trace
/// (ℓ above, the gradient norm below, over the same iterations).
public struct PlotPanel: Sendable {
    public var x: PlotAxis
    public var y: PlotAxis
    public var series: [PlotSeries]
    public var contours: [PlotContour]
    /// Reference lines across the panel: ℓ̂ − χ²₁(0.95)/2, the estimate, ±1.96.
    public var guides: [PlotGuide]
    /// Points drawn as a mark: the MLE.
    public var markers: [PlotMarker]

    public init(
        x: PlotAxis, y: PlotAxis, series: [PlotSeries] = [], contours: [PlotContour] = [],
        guides: [PlotGuide] = [], markers: [PlotMarker] = []
    ) {
        self.x = x
        self.y = y
        self.series = series
        self.contours = contours
        self.guides = guides
        self.markers = markers
    }

    /// Series, contours, guides and markers that have a label, in drawing order.
    public var legend: [PlotLegendEntry] {
        var entries: [PlotLegendEntry] = []
        for s in series where !s.label.isEmpty {
            entries.append(PlotLegendEntry(label: s.label, sample: .line(s.stroke), ink: s.ink))
        }
        for c in contours where !c.label.isEmpty {
            entries.append(PlotLegendEntry(label: c.label, sample: .line(c.stroke), ink: c.ink))
        }
        for g in guides where !g.label.isEmpty {
            entries.append(PlotLegendEntry(label: g.label, sample: .line(g.stroke), ink: g.ink))
        }
        for m in markers where !m.label.isEmpty {
            entries.append(PlotLegendEntry(label: m.label, sample: .marker, ink: m.ink))
        }
        return entries
    }
}

/// An axis: what it measures, the span drawn, and whether it is logarithmic.
public struct PlotAxis: Sendable {
    public enum Scale: String, Sendable {
        case linear
        /// Base 10; the span must be positive.
        case log
    }

    public var label: String
    public var lower: Double
    public var upper: Double
    public var scale: Scale

    public init(label: String, lower: Double, upper: Double, scale: Scale = .linear) {
        self.label = label
        self.lower = lower
        self.upper = upper
        self.scale = scale
    }

    /// Where v lies along the axis, 0 at `lower` and 1 at `upper` (log10 on a log axis);
    /// nil for a value a log axis cannot place (≤ 0) or that is not finite.
    public func fraction(_ v: Double) -> Double? {
        guard v.isFinite else { return nil }
        switch scale {
        case .linear:
            let span = upper - lower
            return span > 0 ? (v - lower) / span : 0.5
        case .log:
            guard v > 0, lower > 0, upper > lower else { return nil }
            return (Foundation.log10(v) - Foundation.log10(lower)) / (Foundation.log10(upper) - Foundation.log10(lower))
        }
    }
}

/// A point of a curve; a non-finite coordinate breaks the line there.
public struct PlotPoint: Sendable, Equatable {
    public let x: Double
    public let y: Double
    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
    public var isFinite: Bool { x.isFinite && y.isFinite }
}

/// How a line is drawn.
public enum PlotStroke: String, Sendable {
    case solid, dashed, dotted
}

/// What a mark means, which each renderer maps to a colour: the curves in turn, the
/// estimate, reference lines, the Wald line.
public enum PlotInk: Sendable, Equatable {
    /// The k-th curve (from 0): a ridge path draws one per coefficient.
    case series(Int)
    /// The MLE and what marks it.
    case estimate
    /// Cut-offs and levels: ℓ̂ − χ²₁(0.95)/2, ±1.96.
    case guide
    /// A comparison drawn beside the main curve: the Wald line next to the profile.
    case reference
}

/// A curve through points, in order of x.
public struct PlotSeries: Sendable {
    public var label: String
    public var points: [PlotPoint]
    public var stroke: PlotStroke
    public var ink: PlotInk
    /// Whether each point is marked as well (a short trace: one mark per iteration).
    public var marks: Bool

    public init(
        label: String, points: [PlotPoint], stroke: PlotStroke = .solid, ink: PlotInk = .series(0), marks: Bool = false
    ) {
        self.label = label
        self.points = points
        self.stroke = stroke
        self.ink = ink
        self.marks = marks
    }
}

/// A contour: the polylines where the plotted surface equals `level`.
public struct PlotContour: Sendable {
    public var label: String
    public var level: Double
    public var lines: [[PlotPoint]]
    public var stroke: PlotStroke
    public var ink: PlotInk

    public init(label: String, level: Double, lines: [[PlotPoint]], stroke: PlotStroke, ink: PlotInk) {
        self.label = label
        self.level = level
        self.lines = lines
        self.stroke = stroke
        self.ink = ink
    }
}

/// A horizontal (y = value) or vertical (x = value) reference line across the panel.
public struct PlotGuide: Sendable {
    public enum Orientation: String, Sendable {
        case horizontal, vertical
    }

    public var label: String
    public var orientation: Orientation
    public var value: Double
    public var stroke: PlotStroke
    public var ink: PlotInk

    public init(label: String, orientation: Orientation, value: Double, stroke: PlotStroke, ink: PlotInk = .guide) {
        self.label = label
        self.orientation = orientation
        self.value = value
        self.stroke = stroke
        self.ink = ink
    }
}

/// A marked point: the MLE.
public struct PlotMarker: Sendable {
    public var label: String
    public var x: Double
    public var y: Double
    public var ink: PlotInk

    public init(label: String, x: Double, y: Double, ink: PlotInk = .estimate) {
        self.label = label
        self.x = x
        self.y = y
        self.ink = ink
    }
}
