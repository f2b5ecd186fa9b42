import Foundation
import FoundationXML
import Testing

@testable import Report

/// The plot renderers on plots made by hand: ticks, the braille and ASCII canvases, the
/// terminal's width and colour, clipping, and the SVG's escaping.
struct PlotRenderingTests {
    /// A parabola with its top marked, a guide and a dashed second curve.
    static func parabola(title: String = "a parabola") -> Plot {
        let xs = stride(from: -2.0, through: 2.0, by: 0.05).map { $0 }
        let panel = PlotPanel(
            x: PlotAxis(label: "x", lower: -2, upper: 2), y: PlotAxis(label: "y", lower: -4.2, upper: 0.2),
            series: [
                PlotSeries(label: "−x²", points: xs.map { PlotPoint($0, -$0 * $0) }),
                PlotSeries(label: "x − 2", points: xs.map { PlotPoint($0, $0 - 2) }, stroke: .dashed, ink: .series(1)),
            ],
            guides: [PlotGuide(label: "y = -1", orientation: .horizontal, value: -1, stroke: .dotted)],
            markers: [PlotMarker(label: "top", x: 0, y: 0)])
        return Plot(kind: .curve, title: title, panels: [panel], notes: ["a note"])
    }

    @Test("linear ticks are 1, 2 or 5 times a power of ten, about as many as asked for, labelled to their step")
    func linearTicks() {
        let axis = PlotAxis(label: "", lower: -109.3, upper: -100.8)
        let ticks = axis.ticks(target: 4)
        #expect(ticks == [-108, -106, -104, -102])
        #expect(ticks.map { axis.label($0, target: 4, unicode: false) } == ["-108", "-106", "-104", "-102"])
        #expect(axis.label(-104, target: 4) == "−104")
        let small = PlotAxis(label: "", lower: 0.1, upper: 0.9)
        #expect(small.ticks(target: 4).map { small.label($0, target: 4) } == ["0.2", "0.4", "0.6", "0.8"])
        // No 0.30000000000000004: each tick is k·step, and labels round to the step.
        let tenths = PlotAxis(label: "", lower: 0, upper: 1)
        #expect(tenths.ticks(target: 10).map { tenths.label($0, target: 10) }.contains("0.3"))
    }

    @Test("log ticks are powers of ten (every other when there are many), with 2 and 5 inside two decades")
    func logTicks() {
        let wide = PlotAxis(label: "", lower: 1e-15, upper: 10, scale: .log)
        let ticks = wide.ticks(target: 4)
        #expect(ticks.count <= 5 && ticks.count >= 3)
        #expect(ticks.allSatisfy { abs(log10($0) - log10($0).rounded()) < 1e-12 })
        let narrow = PlotAxis(label: "", lower: 0.01, upper: 0.5, scale: .log)
        #expect(narrow.ticks(target: 4) == [0.01, 0.02, 0.05, 0.1, 0.2, 0.5])
        #expect(narrow.ticks().map { narrow.label($0) } == ["0.01", "0.02", "0.05", "0.1", "0.2", "0.5"])
    }

    @Test("a segment is clipped to the panel, its unclipped end kept exactly")
    func clipping() {
        let inside = PlotPanel.clip((0.5, 0.5), (0.75, 0.25))
        #expect(inside.map { $0.0 == (0.5, 0.5) && $0.1 == (0.75, 0.25) } == true)
        let plunge = PlotPanel.clip((0.5, 0.5), (0.5, -100))
        #expect(plunge.map { $0.0 == (0.5, 0.5) && $0.1 == (0.5, 0) } == true)
        #expect(PlotPanel.clip((2, 2), (3, 3)) == nil)
        // A polyline leaving and re-entering is cut into two pieces.
        let pieces = PlotPanel.clipped([(0.1, 0.5), (0.5, 2), (0.9, 0.5)])
        #expect(pieces.count == 2)
    }

    @Test("the terminal drawing fits the width, in braille on a Unicode terminal")
    func brailleWidth() {
        for width in [40, 80, 132] {
            let text = PlotRenderingTests.parabola().text(for: TerminalProfile(width: width))
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.allSatisfy { $0.count <= width }, "width \(width)")
            #expect(text.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) })
            #expect(text.contains("●"))
            #expect(lines.contains { $0.contains("┤") } && lines.contains { $0.contains("└") })
        }
        #expect(
            PlotRenderingTests.parabola().text(for: TerminalProfile(width: 10)).split(separator: "\n").allSatisfy {
                $0.count <= TerminalProfile.minimumWidth
            })
    }

    @Test("an ASCII terminal gets only ASCII, labels spelt out, and no colour unless asked for")
    func asciiAndColour() {
        let plot = PlotRenderingTests.parabola(title: "parabola of σ̂")
        let ascii = plot.text(for: TerminalProfile(width: 80, unicode: false))
        #expect(ascii.unicodeScalars.allSatisfy { $0.isASCII }, "\(ascii)")
        #expect(ascii.contains("o") && ascii.contains("+") && ascii.contains("|"))
        #expect(ascii.contains("parabola of sigmahat") && ascii.contains("-x^2") && ascii.contains("x - 2"))
        #expect(!ascii.contains("\u{1B}["))
        let coloured = plot.text(for: TerminalProfile(width: 80, unicode: true, color: true))
        #expect(coloured.contains("\u{1B}[34m") && coloured.contains("\u{1B}[31;1m"))
    }

    @Test("the mathematics of labels spelt in ASCII: Greek by name, hats, super- and subscripts, operators")
    func asciiFold() {
        #expect(ASCIIText.fold("ℓ̂ − χ²₁(0.95)/2") == "lhat - chi^2_1(0.95)/2")
        #expect(ASCIIText.fold("μ̂ = 5.01 (MLE)") == "muhat = 5.01 (MLE)")
        #expect(ASCIIText.fold("(XᵀX)⁻¹ · ‖∇ℓ‖") == "(X'X)^-1 * ||grad l||")
        #expect(ASCIIText.fold("r = ±1.96, Σ, ω₁₂") == "r = +-1.96, Sigma, omega_12")
        #expect(ASCIIText.fold("plain text") == "plain text")
        #expect(ASCIIText.fold("漢 ≤ ∞") == "? <= inf")
    }

    @Test("the braille canvas sets the documented dots")
    func canvas() {
        var canvas = PlotCanvas(columns: 2, rows: 1, unicode: true)
        canvas.set(0, 0, .series(0))  // dot 1
        canvas.set(1, 3, .series(0))  // dot 8
        canvas.set(2, 1, .series(0))  // the next cell's dot 2
        #expect(canvas.text(row: 0, paint: nil) == "\u{2881}\u{2802}")
        var ascii = PlotCanvas(columns: 1, rows: 1, unicode: false)
        ascii.set(0, 0, .guide)
        #expect(ascii.text(row: 0, paint: nil) == "'")
        ascii.set(0, 1, .guide)
        #expect(ascii.text(row: 0, paint: nil) == ":")
        // A dotted line inks every other cell; a dashed one two cells on, two off.
        var dotted = PlotCanvas(columns: 8, rows: 1, unicode: true)
        var phase = 0
        dotted.line(from: (0, 0), to: (15, 0), ink: .guide, stroke: .dotted, phase: &phase)
        #expect(dotted.text(row: 0, paint: nil) == "⠁ ⠁ ⠁ ⠁ ")
        var dashed = PlotCanvas(columns: 8, rows: 1, unicode: true)
        phase = 0
        dashed.line(from: (0, 0), to: (15, 0), ink: .guide, stroke: .dashed, phase: &phase)
        #expect(dashed.text(row: 0, paint: nil) == "⠉⠉  ⠉⠉  ")
    }

    @Test("SVG text is escaped and the document is well-formed")
    func escaping() throws {
        let plot = PlotRenderingTests.parabola(title: "a < b & \"c\" > 'd'\u{7}")
        let svg = plot.svg
        #expect(svg.contains("a &lt; b &amp; &quot;c&quot; &gt; &apos;d&apos; "))
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "\(String(describing: parser.parserError))")
        #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
        // Nothing external: no links, images, scripts, or fonts to fetch.
        for external in ["href", "<image", "<script", "@import", "url(http", "<foreignObject"] {
            #expect(!svg.contains(external), "\(external)")
        }
    }

    @Test("a long title is wrapped onto two lines in the SVG")
    func longTitle() {
        let title = String(repeating: "word ", count: 30)
        let svg = PlotRenderingTests.parabola(title: title).svg
        #expect(svg.components(separatedBy: "class=\"title\"").count - 1 == 2)
    }
}
