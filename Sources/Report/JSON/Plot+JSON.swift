extension Plot {
    /// Everything the picture shows, numbers as numbers: each panel's axes, every point
    /// of every curve and contour line, the guides and markers, and the named data a
    /// script reads (`c.x`, `c.argmax`).
    public var json: JSON {
        var pairs: [(String, JSON)] = [
            ("kind", .string("plot")), ("plot", .string(kind.rawValue)), ("title", .string(title)),
        ]
        if let file { pairs.append(("file", .string(file))) }
        pairs.append(("panels", .array(panels.map(\.json))))
        pairs.append(("data", .object(data.map { ($0.name, $0.value.json) })))
        if !notes.isEmpty { pairs.append(("notes", .array(notes.map(JSON.string)))) }
        return .object(pairs)
    }
}

extension Plot.Datum {
    var json: JSON {
        switch self {
        case .number(let x): return .number(x)
        case .vector(let xs): return .array(xs.map(JSON.number))
        case .matrix(let rows): return .matrix(rows)
        }
    }
}

extension PlotPanel {
    var json: JSON {
        .object([
            ("x", x.json), ("y", y.json),
            (
                "series",
                .array(
                    series.map { s in
                        .object([
                            ("label", .string(s.label)), ("stroke", .string(s.stroke.rawValue)),
                            ("points", PlotPanel.json(s.points)),
                        ])
                    })
            ),
            (
                "contours",
                .array(
                    contours.map { c in
                        .object([
                            ("label", .string(c.label)), ("level", .number(c.level)),
                            ("lines", .array(c.lines.map(PlotPanel.json))),
                        ])
                    })
            ),
            (
                "guides",
                .array(
                    guides.map { g in
                        .object([
                            ("label", .string(g.label)), ("orientation", .string(g.orientation.rawValue)),
                            ("value", .number(g.value)),
                        ])
                    })
            ),
            (
                "markers",
                .array(
                    markers.map { m in
                        .object([("label", .string(m.label)), ("x", .number(m.x)), ("y", .number(m.y))])
                    })
            ),
        ])
    }

    /// Points as [x, y] pairs.
    static func json(_ points: [PlotPoint]) -> JSON { .array(points.map { .array([.number($0.x), .number($0.y)]) }) }
}

extension PlotAxis {
    var json: JSON {
        .object([
            ("label", .string(label)), ("lower", .number(lower)), ("upper", .number(upper)),
            ("scale", .string(scale.rawValue)),
        ])
    }
}
