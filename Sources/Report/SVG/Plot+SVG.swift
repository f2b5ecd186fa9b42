import Foundation

extension Plot {
    /// The picture's size in pixels: readable on a screen and in a document as it is.
    public static let svgWidth = 600
    public static let svgHeight = 400

    /// The plot as a standalone SVG 1.1 document: a white background, the title, each
    /// panel with its frame, grid, ticks, tick labels and axis labels, the curves clipped
    /// to the panel, the marked points, and the legend below. The notes go in `<desc>`.
    public var svg: String {
        let (width, height) = (Double(Plot.svgWidth), Double(Plot.svgHeight))
        var doc = SVGDocument(width: Plot.svgWidth, height: Plot.svgHeight)
        doc.element("title", [], text: title)
        doc.element("desc", [], text: ([PlotMessage.generator] + notes).joined(separator: "\n"))
        doc.element(
            "rect",
            [("x", "0"), ("y", "0"), ("width", "\(Plot.svgWidth)"), ("height", "\(Plot.svgHeight)"), ("fill", "white")])
        let (titleLines, titleSize) = SVGLayout.titleLines(title, width: width - 30)
        for (k, line) in titleLines.enumerated() {
            doc.element(
                "text",
                [
                    ("class", "title"), ("x", SVGDocument.number(width / 2)),
                    ("y", SVGDocument.number(22 + Double(k) * (titleSize + 3))), ("text-anchor", "middle"),
                    ("font-size", SVGDocument.number(titleSize)), ("font-weight", "bold"),
                ], text: line)
        }
        let legendRows = SVGLayout.legendRows(legend, width: width - 40)
        let legendTop = height - 10 - Double(legendRows.count) * SVGLayout.legendRowHeight
        let margin = panels.map(SVGLayout.leftMargin).max() ?? 60
        let area = SVGRect(
            left: margin, top: 40 + Double(titleLines.count - 1) * (titleSize + 3), right: width - 22,
            bottom: legendTop - 44)
        let gap = 46.0
        let panelHeight = (area.height - gap * Double(panels.count - 1)) / Double(max(1, panels.count))
        for (i, panel) in panels.enumerated() {
            let top = area.top + Double(i) * (panelHeight + gap)
            let rect = SVGRect(left: area.left, top: top, right: area.right, bottom: top + panelHeight)
            SVGPanel(panel: panel, rect: rect, id: "panel-\(i + 1)").draw(&doc)
        }
        SVGLayout.drawLegend(legendRows, top: legendTop, width: width, &doc)
        return doc.text
    }
}

/// A rectangle in pixels, y growing downwards.
struct SVGRect {
    let left: Double
    let top: Double
    let right: Double
    let bottom: Double
    var width: Double { right - left }
    var height: Double { bottom - top }

    /// The pixel of fractions (fx, fy) of the rectangle, fy measured upwards.
    func point(_ f: (Double, Double)) -> (Double, Double) { (left + f.0 * width, bottom - f.1 * height) }
}

/// Sizes and the legend, estimated without fonts: DejaVu Sans, the widest of the generic
/// sans-serif fonts, averages about 0.6 em per character.
enum SVGLayout {
    static let legendRowHeight = 18.0
    static let sampleWidth = 26.0

    static func textWidth(_ s: String, size: Double) -> Double { Double(s.count) * size * 0.6 }

    /// The title in one line at 15 px if it fits, else in up to two lines at 13 px broken
    /// at spaces (a longer one cut with "…").
    static func titleLines(_ title: String, width: Double) -> ([String], Double) {
        if textWidth(title, size: 15) <= width { return ([title], 15) }
        let limit = max(10, Int(width / (13 * 0.6)))
        var lines: [String] = []
        var line = ""
        for word in title.split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if candidate.count > limit, !line.isEmpty {
                lines.append(line)
                line = String(word)
            } else {
                line = candidate
            }
        }
        lines.append(line)
        if lines.count > 2 {
            lines = [lines[0], String(lines[1...].joined(separator: " ").prefix(limit - 1)) + "…"]
        }
        return (lines.map { $0.count > limit ? String($0.prefix(limit - 1)) + "…" : $0 }, 13)
    }

    /// Room for the y tick labels and the rotated axis label.
    static func leftMargin(_ panel: PlotPanel) -> Double {
        let labels = panel.y.ticks(target: 5).map { panel.y.label($0, target: 5) }
        let widest = labels.map { textWidth($0, size: 11) }.max() ?? 20
        return max(56, widest + 40)
    }

    /// Legend entries in rows no wider than `width`.
    static func legendRows(_ entries: [PlotLegendEntry], width: Double) -> [[PlotLegendEntry]] {
        var rows: [[PlotLegendEntry]] = []
        var row: [PlotLegendEntry] = []
        var used = 0.0
        for entry in entries {
            let w = entryWidth(entry)
            if !row.isEmpty, used + w > width {
                rows.append(row)
                row = []
                used = 0
            }
            row.append(entry)
            used += w
        }
        if !row.isEmpty { rows.append(row) }
        return rows
    }

    static func entryWidth(_ entry: PlotLegendEntry) -> Double {
        sampleWidth + 6 + textWidth(entry.label, size: 12) + 20
    }

    /// Each row centred: a sample of the line or mark, then its label.
    static func drawLegend(_ rows: [[PlotLegendEntry]], top: Double, width: Double, _ doc: inout SVGDocument) {
        guard !rows.isEmpty else { return }
        doc.group("g", [("class", "legend")]) { doc in
            for (r, row) in rows.enumerated() {
                let total = row.map(entryWidth).reduce(0, +) - 20
                var x = (width - total) / 2
                let y = top + Double(r) * legendRowHeight + legendRowHeight / 2
                for entry in row {
                    drawSample(entry, x: x, y: y, &doc)
                    doc.element(
                        "text",
                        [("x", SVGDocument.number(x + sampleWidth + 6)), ("y", SVGDocument.number(y + 4))],
                        text: entry.label)
                    x += entryWidth(entry)
                }
            }
        }
    }

    static func drawSample(_ entry: PlotLegendEntry, x: Double, y: Double, _ doc: inout SVGDocument) {
        switch entry.sample {
        case .marker:
            doc.element("circle", SVGPanel.markerAttributes(x + sampleWidth / 2, y, entry.ink))
        case .line(let stroke):
            doc.element(
                "line",
                [
                    ("x1", SVGDocument.number(x)), ("y1", SVGDocument.number(y)),
                    ("x2", SVGDocument.number(x + sampleWidth)), ("y2", SVGDocument.number(y)),
                ] + SVGPanel.strokeAttributes(stroke, entry.ink))
        }
    }
}
