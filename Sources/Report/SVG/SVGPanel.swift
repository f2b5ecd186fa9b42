/// One panel drawn in SVG: the frame, the grid at the ticks, the curves clipped to the
/// frame, the marked points, the tick marks with their labels and the axis labels.
struct SVGPanel {
    let panel: PlotPanel
    let rect: SVGRect
    let id: String

    static let xTarget = 6
    static let yTarget = 5

    func draw(_ doc: inout SVGDocument) {
        let xTicks = panel.x.ticks(target: SVGPanel.xTarget)
        let yTicks = panel.y.ticks(target: SVGPanel.yTarget)
        doc.group("g", [("class", "panel"), ("id", id)]) { doc in
            doc.group("defs", []) { doc in
                doc.group("clipPath", [("id", id + "-clip")]) { doc in doc.element("rect", frame) }
            }
            drawGrid(xTicks, yTicks, &doc)
            doc.group("g", [("class", "curves"), ("clip-path", "url(#\(id)-clip)")]) { doc in
                drawStrokes(&doc)
                drawMarkers(&doc)
            }
            doc.element("rect", frame + [("fill", "none"), ("stroke", "#444444"), ("stroke-width", "1")])
            drawAxes(xTicks, yTicks, &doc)
        }
    }

    var frame: [(String, String)] {
        [
            ("x", SVGDocument.number(rect.left)), ("y", SVGDocument.number(rect.top)),
            ("width", SVGDocument.number(rect.width)), ("height", SVGDocument.number(rect.height)),
        ]
    }

    func drawGrid(_ xTicks: [Double], _ yTicks: [Double], _ doc: inout SVGDocument) {
        doc.group("g", [("class", "grid"), ("stroke", "#e4e4e4"), ("stroke-width", "1")]) { doc in
            for v in xTicks {
                guard let f = panel.x.fraction(v) else { continue }
                let x = SVGDocument.number(rect.left + f * rect.width)
                doc.element(
                    "line",
                    [
                        ("x1", x), ("y1", SVGDocument.number(rect.top)), ("x2", x),
                        ("y2", SVGDocument.number(rect.bottom)),
                    ])
            }
            for v in yTicks {
                guard let f = panel.y.fraction(v) else { continue }
                let y = SVGDocument.number(rect.bottom - f * rect.height)
                doc.element(
                    "line",
                    [
                        ("x1", SVGDocument.number(rect.left)), ("y1", y), ("x2", SVGDocument.number(rect.right)),
                        ("y2", y),
                    ])
            }
        }
    }

    func drawStrokes(_ doc: inout SVGDocument) {
        for (runs, stroke, ink) in panel.strokes {
            for run in runs {
                for piece in PlotPanel.clipped(run) {
                    let pixels = piece.map(rect.point)
                    if pixels.count == 1 {
                        doc.element(
                            "circle",
                            [
                                ("cx", SVGDocument.number(pixels[0].0)), ("cy", SVGDocument.number(pixels[0].1)),
                                ("r", "1.5"), ("fill", SVGPanel.colour(ink)),
                            ])
                        continue
                    }
                    doc.element(
                        "polyline",
                        [("points", SVGDocument.points(pixels)), ("fill", "none")]
                            + SVGPanel.strokeAttributes(stroke, ink))
                }
            }
        }
    }

    func drawMarkers(_ doc: inout SVGDocument) {
        for s in panel.series where s.marks {
            for p in s.points {
                guard let f = panel.fractions(p), PlotPanel.inside(f) else { continue }
                let (x, y) = rect.point(f)
                doc.element(
                    "circle",
                    [
                        ("cx", SVGDocument.number(x)), ("cy", SVGDocument.number(y)), ("r", "2.5"),
                        ("fill", SVGPanel.colour(s.ink)),
                    ])
            }
        }
        for m in panel.markers {
            guard let f = panel.fractions(PlotPoint(m.x, m.y)), PlotPanel.inside(f) else { continue }
            let (x, y) = rect.point(f)
            doc.element("circle", SVGPanel.markerAttributes(x, y, m.ink))
        }
    }

    /// Tick marks outside the frame, their labels, and the axis labels (y rotated).
    func drawAxes(_ xTicks: [Double], _ yTicks: [Double], _ doc: inout SVGDocument) {
        doc.group("g", [("class", "axes"), ("font-size", "11"), ("fill", "#222222")]) { doc in
            for v in xTicks {
                guard let f = panel.x.fraction(v) else { continue }
                let x = rect.left + f * rect.width
                tick(x, rect.bottom, x, rect.bottom + 5, &doc)
                doc.element(
                    "text",
                    [
                        ("x", SVGDocument.number(x)), ("y", SVGDocument.number(rect.bottom + 18)),
                        ("text-anchor", "middle"),
                    ],
                    text: panel.x.label(v, target: SVGPanel.xTarget))
            }
            for v in yTicks {
                guard let f = panel.y.fraction(v) else { continue }
                let y = rect.bottom - f * rect.height
                tick(rect.left - 5, y, rect.left, y, &doc)
                doc.element(
                    "text",
                    [
                        ("x", SVGDocument.number(rect.left - 8)), ("y", SVGDocument.number(y + 4)),
                        ("text-anchor", "end"),
                    ],
                    text: panel.y.label(v, target: SVGPanel.yTarget))
            }
        }
        let centreX = SVGDocument.number(rect.left + rect.width / 2)
        doc.element(
            "text",
            [
                ("class", "x-label"), ("x", centreX), ("y", SVGDocument.number(rect.bottom + 36)),
                ("text-anchor", "middle"), ("font-size", "13"),
            ],
            text: panel.x.label)
        let x = rect.left - SVGLayout.leftMargin(panel) + 16
        let y = rect.top + rect.height / 2
        doc.element(
            "text",
            [
                ("class", "y-label"), ("x", SVGDocument.number(x)), ("y", SVGDocument.number(y)),
                ("text-anchor", "middle"),
                ("font-size", "13"), ("transform", "rotate(-90 \(SVGDocument.number(x)) \(SVGDocument.number(y)))"),
            ],
            text: panel.y.label)
    }

    func tick(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ doc: inout SVGDocument) {
        doc.element(
            "line",
            [
                ("x1", SVGDocument.number(x1)), ("y1", SVGDocument.number(y1)), ("x2", SVGDocument.number(x2)),
                ("y2", SVGDocument.number(y2)), ("stroke", "#444444"),
            ])
    }

    /// The colours: the curves in turn (a colour-blind-safe order), the estimate red, guides
    /// grey, the Wald line orange.
    static func colour(_ ink: PlotInk) -> String {
        switch ink {
        case .series(let k):
            return ["#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"][k % 8]
        case .estimate: return "#d62728"
        case .guide: return "#7f7f7f"
        case .reference: return "#ff7f0e"
        }
    }

    static func strokeAttributes(_ stroke: PlotStroke, _ ink: PlotInk) -> [(String, String)] {
        let width = ink == .guide ? "1.3" : "2"
        var attributes = [("stroke", colour(ink)), ("stroke-width", width), ("stroke-linejoin", "round")]
        switch stroke {
        case .solid: break
        case .dashed: attributes.append(("stroke-dasharray", "7 4"))
        case .dotted: attributes.append(("stroke-dasharray", "2 3"))
        }
        return attributes
    }

    static func markerAttributes(_ x: Double, _ y: Double, _ ink: PlotInk) -> [(String, String)] {
        [
            ("cx", SVGDocument.number(x)), ("cy", SVGDocument.number(y)), ("r", "4.5"), ("fill", colour(ink)),
            ("stroke", "white"), ("stroke-width", "1.5"),
        ]
    }
}
