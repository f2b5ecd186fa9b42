import Diagnostics

extension Plot {
    /// The plot drawn in the terminal: the title, each panel with its axes (ticks and
    /// labels), the legend and the notes, in at most `terminal.width` columns; braille
    /// dots on a Unicode terminal, `'.:` and `|-+` on an ASCII one; colours only when the
    /// terminal shows them. A plot written to a file is one line saying where.
    public func text(for terminal: TerminalProfile) -> String {
        if !terminal.unicode, !isASCII { return ascii.text(for: terminal) }
        if let file { return PlotMessage.written(title, to: file) }
        let width = min(TerminalProfile.maximumWidth, max(TerminalProfile.minimumWidth, terminal.width))
        var lines = Plot.wrap(title, width: width)
        for (i, panel) in panels.enumerated() {
            let rows = Plot.rows(kind: kind, panels: panels.count)
            lines += PlotTextPanel(panel: panel, width: width, rows: rows, terminal: terminal).lines(
                xLabels: i == panels.count - 1 || kind != .trace)
        }
        if panels.allSatisfy({ $0.strokes.allSatisfy { $0.runs.isEmpty } && $0.markers.isEmpty }) {
            lines.append(PlotMessage.nothingToDraw)
        }
        lines += legendLines(width: width, terminal: terminal)
        lines += notes.map(PlotMessage.note)
        return lines.joined(separator: "\n")
    }

    /// The plot with every label spelt in ASCII (ASCIIText), for a terminal that is not UTF-8.
    var ascii: Plot {
        var plot = self
        plot.title = ASCIIText.fold(title)
        plot.notes = notes.map(ASCIIText.fold)
        plot.file = file.map(ASCIIText.fold)
        plot.panels = panels.map { panel in
            var p = panel
            p.x.label = ASCIIText.fold(p.x.label)
            p.y.label = ASCIIText.fold(p.y.label)
            for k in p.series.indices { p.series[k].label = ASCIIText.fold(p.series[k].label) }
            for k in p.contours.indices { p.contours[k].label = ASCIIText.fold(p.contours[k].label) }
            for k in p.guides.indices { p.guides[k].label = ASCIIText.fold(p.guides[k].label) }
            for k in p.markers.indices { p.markers[k].label = ASCIIText.fold(p.markers[k].label) }
            return p
        }
        return plot
    }

    /// Whether every label is ASCII already.
    var isASCII: Bool {
        var labels: [String] = [title, file ?? ""] + notes
        for p in panels {
            labels += [p.x.label, p.y.label]
            labels += p.series.map { $0.label } + p.contours.map { $0.label }
            labels += p.guides.map { $0.label } + p.markers.map { $0.label }
        }
        return labels.allSatisfy { $0.unicodeScalars.allSatisfy { $0.isASCII } }
    }

    /// Character rows per panel: taller for a contour map, shorter for a trace's two panels.
    static func rows(kind: Kind, panels: Int) -> Int {
        switch kind {
        case .contour: return 20
        case .trace: return 8
        default: return panels > 1 ? 8 : 14
        }
    }

    /// The legend entries, as many to a line as fit; an entry too long for a line of its
    /// own has its label wrapped, the continuation under the label's start.
    func legendLines(width: Int, terminal: TerminalProfile) -> [String] {
        var lines: [String] = []
        var line = ""
        var used = 0
        for entry in legend {
            let sample = Plot.sample(entry.sample, unicode: terminal.unicode)
            let painted = terminal.color ? PlotTextPanel.paint(sample, entry.ink) : sample
            let length = sample.count + 1 + entry.label.count
            if used > 0, used + 3 + length > width {
                lines.append(line)
                line = ""
                used = 0
            }
            if 2 + length > width {
                let indent = 2 + sample.count + 1
                let parts = Plot.wrap(entry.label, width: width - indent)
                lines.append("  " + painted + " " + (parts.first ?? ""))
                lines += parts.dropFirst().map { String(repeating: " ", count: indent) + $0 }
                continue
            }
            if used > 0 {
                line += "   "
                used += 3
            }
            line += "  " + painted + " " + entry.label
            used += 2 + length
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// `text` broken at spaces into lines of at most `width` characters (a word longer
    /// than that has a line of its own).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = String(word)
            } else {
                line += (line.isEmpty ? "" : " ") + word
            }
        }
        return lines + [line]
    }

    static func sample(_ sample: PlotLegendEntry.Sample, unicode: Bool) -> String {
        switch sample {
        case .marker: return unicode ? "●" : "o"
        case .line(.solid): return unicode ? "──" : "--"
        case .line(.dashed): return unicode ? "╌╌" : "- "
        case .line(.dotted): return unicode ? "┈┈" : ".."
        }
    }
}

/// One panel laid out in text: y tick labels and the axis on the left, the canvas, the
/// x axis with its ticks below, the tick labels and the axis label under it.
struct PlotTextPanel {
    let panel: PlotPanel
    let width: Int
    let rows: Int
    let terminal: TerminalProfile

    var unicode: Bool { terminal.unicode }

    func lines(xLabels: Bool) -> [String] {
        let target = max(3, rows / 3)
        let yTicks = panel.y.ticks(target: target)
        let yLabels = yTicks.map { panel.y.label($0, target: target, unicode: unicode) }
        let margin = max(yLabels.map(\.count).max() ?? 0, 1)
        let columns = max(10, width - margin - 3)
        var canvas = PlotCanvas(columns: columns, rows: rows, unicode: unicode)
        draw(on: &canvas)
        var lines = [String(repeating: " ", count: margin) + "  " + panel.y.label]
        var tickRows: [Int: String] = [:]
        for (v, label) in zip(yTicks, yLabels) {
            if let r = row(of: v, canvas), tickRows[r] == nil { tickRows[r] = label }
        }
        var paint: ((String, PlotInk) -> String)? = nil
        if terminal.color { paint = { PlotTextPanel.paint($0, $1) } }
        for r in 0..<rows {
            let label = tickRows[r] ?? ""
            let pad = String(repeating: " ", count: margin - label.count)
            let axis = tickRows[r] == nil ? (unicode ? "│" : "|") : (unicode ? "┤" : "+")
            lines.append(pad + label + " " + axis + trimmed(canvas.text(row: r, paint: paint)))
        }
        lines += xAxis(margin: margin, canvas: canvas, labels: xLabels)
        return lines
    }

    /// Drops trailing blanks (a colour escape never ends in a space).
    func trimmed(_ s: String) -> String {
        var s = s
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }

    /// The canvas row a y value falls in; nil outside the panel.
    func row(of v: Double, _ canvas: PlotCanvas) -> Int? {
        guard let f = panel.y.fraction(v), f >= -1e-9, f <= 1 + 1e-9, let (_, y) = canvas.dot(0, f) else { return nil }
        return canvas.cell(ofDot: 0, y).row
    }

    func column(of v: Double, _ canvas: PlotCanvas) -> Int? {
        guard let f = panel.x.fraction(v), f >= -1e-9, f <= 1 + 1e-9, let (x, _) = canvas.dot(f, 0) else { return nil }
        return canvas.cell(ofDot: x, 0).column
    }

    /// Guides, contours and series in that order, then the markers over them.
    func draw(on canvas: inout PlotCanvas) {
        for (runs, stroke, ink) in panel.strokes {
            var phase = 0
            for run in runs {
                if run.count == 1, PlotPanel.inside(run[0]), let d = canvas.dot(run[0].0, run[0].1) {
                    canvas.set(d.0, d.1, ink)
                }
                for (a, b) in zip(run, run.dropFirst()) {
                    guard let (p, q) = PlotPanel.clip(a, b), let from = canvas.dot(p.0, p.1),
                        let to = canvas.dot(q.0, q.1)
                    else { continue }
                    canvas.line(from: from, to: to, ink: ink, stroke: stroke, phase: &phase)
                }
            }
        }
        for m in panel.markers {
            guard let f = panel.fractions(PlotPoint(m.x, m.y)), PlotPanel.inside(f), let d = canvas.dot(f.0, f.1)
            else { continue }
            let cell = canvas.cell(ofDot: d.0, d.1)
            canvas.mark(column: cell.column, row: cell.row, unicode ? "●" : "o", ink: m.ink)
        }
    }

    /// The axis line with a tick under each x tick, the tick labels (those that do not
    /// collide), and the axis label centred under the panel.
    func xAxis(margin: Int, canvas: PlotCanvas, labels: Bool) -> [String] {
        let target = max(2, canvas.columns / 12)
        let ticks = panel.x.ticks(target: target)
        var axis = Array(String(repeating: unicode ? "─" : "-", count: canvas.columns))
        var labelLine = Array(String(repeating: " ", count: canvas.columns + 12))
        var free = 0
        for v in ticks {
            guard let c = column(of: v, canvas) else { continue }
            axis[c] = unicode ? "┬" : "+"
            let label = Array(panel.x.label(v, target: target, unicode: unicode))
            let start = max(0, c - label.count / 2)
            guard start >= free, start + label.count <= labelLine.count else { continue }
            for (k, ch) in label.enumerated() { labelLine[start + k] = ch }
            free = start + label.count + 1
        }
        let pad = String(repeating: " ", count: margin + 1)
        var lines = [pad + (unicode ? "└" : "+") + String(axis)]
        guard labels else { return lines }
        lines.append(trimmed(pad + " " + String(labelLine)))
        let centre = max(0, (canvas.columns - panel.x.label.count) / 2)
        lines.append(pad + " " + String(repeating: " ", count: centre) + panel.x.label)
        return lines
    }

    /// ANSI colours: the curves blue, orange, green, magenta, cyan in turn; the estimate red;
    /// guides grey; the Wald line cyan.
    static func paint(_ text: String, _ ink: PlotInk) -> String {
        let code: String
        switch ink {
        case .series(let k): code = ["34", "33", "32", "35", "36", "94", "93", "92"][k % 8]
        case .estimate: code = "31;1"
        case .guide: code = "90"
        case .reference: code = "36"
        }
        return "\u{1B}[\(code)m" + text + "\u{1B}[0m"
    }
}
