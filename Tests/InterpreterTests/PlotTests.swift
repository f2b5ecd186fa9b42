import Diagnostics
import Foundation
import FoundationXML
import Interpreter
import Report
import Testing

/// Each kind of plot, computed by a session: its SVG is well-formed XML with the elements
/// a reader needs (the root with its size, the title, frame, ticks with labels, the curves,
/// the marked MLE, the legend), and its numbers agree with independent computations.
struct PlotTests {
    static let gaussian = """
        data x = [4.8, 5.2, 3.9, 6.1, 5.0, 4.5, 5.7, 4.3, 5.5, 5.1]
        param μ
        param σ > 0
        model x ~ Normal(μ, σ)
        fit

        """
    static let x = [4.8, 5.2, 3.9, 6.1, 5.0, 4.5, 5.7, 4.3, 5.5, 5.1]

    /// The plots a script put out, in order (the script must succeed).
    static func plots(_ text: String, directory: String = ".") -> [Plot] {
        let (ok, t) = InterpreterFixture.run(text, directory: directory)
        #expect(ok, "\(t.errors)")
        return t.events.compactMap { if case .plot(let p) = $0 { return p } else { return nil } }
    }

    static func vector(_ plot: Plot, _ name: String) -> [Double] {
        if case .vector(let v)? = plot.datum(name) { return v }
        Issue.record("no vector \(name)")
        return []
    }

    static func number(_ plot: Plot, _ name: String) -> Double {
        if case .number(let v)? = plot.datum(name) { return v }
        Issue.record("no number \(name)")
        return .nan
    }

    @Test("every kind of plot is well-formed SVG 1.1 with a title, axes, tick labels, curves and a legend")
    func svgOfEveryKind() throws {
        let script =
            PlotTests.gaussian + """
                plot loglik over μ
                plot loglik over μ, σ
                plot exp(-t) over t in (0.1, 10) log
                plot profile σ
                fit using newton
                plot trace
                """
        let plots = PlotTests.plots(script)
        #expect(plots.map(\.kind) == [.loglik, .contour, .curve, .profile, .trace])
        for plot in plots {
            let svg = try SVGShape(plot.svg)
            #expect(svg.root == "svg")
            #expect(svg.rootAttributes["xmlns"] == "http://www.w3.org/2000/svg")
            #expect(svg.rootAttributes["version"] == "1.1")
            #expect(svg.rootAttributes["width"] == "600" && svg.rootAttributes["height"] == "400")
            #expect(svg.texts(of: "title") == [plot.title])
            #expect(svg.texts(ofClass: "title").joined(separator: " ") == plot.title)
            #expect(svg.count("clipPath") == plot.panels.count)
            #expect(svg.count("polyline") >= plot.panels.count, "\(plot.kind): a curve per panel at least")
            for panel in plot.panels {
                #expect(svg.texts(ofClass: "x-label").contains(panel.x.label))
                #expect(svg.texts(ofClass: "y-label").contains(panel.y.label))
                // Every tick's label is written (as the renderer formats it).
                for v in panel.y.ticks(target: 5) { #expect(svg.allText.contains(panel.y.label(v, target: 5))) }
            }
            for entry in plot.legend { #expect(svg.allText.contains(entry.label), "legend: \(entry.label)") }
            #expect(svg.count("g", class: "legend") == 1)
        }
        // The MLE is a marked point: a filled circle, in the loglik and contour plots.
        #expect(try SVGShape(plots[0].svg).count("circle") >= 1)
        #expect(try SVGShape(plots[1].svg).count("circle") >= 1)
    }

    @Test("text in the SVG is escaped: a title with markup characters stays text")
    func svgEscapes() throws {
        let plots = PlotTests.plots("plot (t < 1) * 2 + (t > 3) over t in (0, 4)")
        let svg = try SVGShape(plots[0].svg)
        #expect(svg.texts(of: "title") == ["(t < 1) * 2 + (t > 3) over t"])
        #expect(plots[0].svg.contains("(t &lt; 1)"))
    }

    @Test("ℓ over μ with σ at σ̂ is the parabola ℓ̂ − n(μ − μ̂)²/(2σ̂²), maximal at μ̂, crossing at the Wald ends")
    func gaussianCurve() {
        let plot = PlotTests.plots(PlotTests.gaussian + "plot c: loglik over μ")[0]
        let n = Double(PlotTests.x.count)
        let mean = PlotTests.x.reduce(0, +) / n
        let s2 = PlotTests.x.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / n
        let top = -n / 2 * (log(2 * Double.pi * s2) + 1)
        let (xs, ys) = (PlotTests.vector(plot, "x"), PlotTests.vector(plot, "y"))
        #expect(xs.count == 201)
        // ℓ at each grid point from the statistics, against the hand formula: rounding ~1e-14.
        for (u, v) in zip(xs, ys) { #expect(abs(v - (top - n * (u - mean) * (u - mean) / (2 * s2))) < 1e-11) }
        #expect(abs(PlotTests.number(plot, "argmax") - mean) < 1e-14)
        #expect(abs(PlotTests.number(plot, "max") - top) < 1e-12)
        let half = 1.959963984540054 * (s2 / n).squareRoot()
        #expect(abs(PlotTests.number(plot, "lower") - (mean - half)) < 1e-10)
        #expect(abs(PlotTests.number(plot, "upper") - (mean + half)) < 1e-10)
        // The default range: μ̂ ± 4 standard errors.
        #expect(abs(xs[0] - (mean - 4 * (s2 / n).squareRoot())) < 1e-12)
    }

    @Test("the contour ℓ̂ − χ²₁(0.95)/2 reaches exactly the profile interval of μ, μ̂ ± σ̂·√(e^(χ²₁/n) − 1)")
    func contourShadowIsTheProfileInterval() {
        let plot = PlotTests.plots(PlotTests.gaussian + "plot c: loglik over μ, σ")[0]
        let n = Double(PlotTests.x.count)
        let mean = PlotTests.x.reduce(0, +) / n
        let sigma = (PlotTests.x.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / n).squareRoot()
        let se = sigma / n.squareRoot()
        for (cutoff, name) in [(3.841458820694124, "xinterval"), (5.991464547107979, "xregion")] {
            let h = sigma * expm1(cutoff / n).squareRoot()
            let extent = PlotTests.vector(plot, name)
            // Brent's method to 1e-10 of a bracket ~half a standard error wide (Scripts/62-plot-contours.mle).
            #expect(abs(extent[0] - (mean - h)) < 1e-9 * se, "\(name) \(extent)")
            #expect(abs(extent[1] - (mean + h)) < 1e-9 * se, "\(name) \(extent)")
        }
        // Two contours, each closed (its last point is its first).
        let contours = plot.panels[0].contours
        #expect(contours.count == 2)
        for c in contours { #expect(c.lines.count == 1 && c.lines[0].first == c.lines[0].last) }
    }

    @Test("the signed root of σ's profile is √(n((σ̂/σ)² − 1 − 2 log(σ̂/σ))) with its sign, beside the Wald line")
    func signedRoot() {
        let plot = PlotTests.plots(PlotTests.gaussian + "plot p: profile σ")[0]
        let n = Double(PlotTests.x.count)
        let mean = PlotTests.x.reduce(0, +) / n
        let sigma = (PlotTests.x.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / n).squareRoot()
        let se = sigma / (2 * n).squareRoot()
        for (s, r) in zip(PlotTests.vector(plot, "x"), PlotTests.vector(plot, "y")) {
            let q = sigma / s
            let exact = (n * (q * q - 1 - 2 * log(q))).squareRoot() * (s < sigma ? -1 : 1)
            // Each restricted fit converges to a gradient below 1e-8.
            #expect(abs(r - exact) < 1e-7, "σ = \(s)")
        }
        for (s, w) in zip(PlotTests.vector(plot, "x"), PlotTests.vector(plot, "wald")) {
            #expect(abs(w - (s - sigma) / se) < 1e-12)
        }
        #expect(plot.panels[0].series.map(\.stroke) == [.solid, .dashed])
    }

    @Test("a ridge path re-fits at each λ and matches (XᵀX + λI)⁻¹Xᵀy; λ and the fit are restored")
    func ridgePath() {
        let script = """
            data x = [1, 2, 3, 4, 5]
            data y = [1.1, 1.9, 3.2, 3.8, 5.3]
            data λ = 2
            param b
            model m: y ~ Normal(b * x, 1)
            prior b ~ Normal(0, 1 / sqrt(λ))
            fit m
            plot r: m.b over λ in (0.1, 10) log
            print m.b, λ
            """
        let (ok, t) = InterpreterFixture.run(script)
        #expect(ok, "\(t.errors)")
        guard let plot = t.events.compactMap({ if case .plot(let p) = $0 { return p } else { return nil } }).first
        else { return }
        let (sxy, sxx) = (1.1 + 3.8 + 9.6 + 15.2 + 26.5, 55.0)
        for (l, b) in zip(PlotTests.vector(plot, "x"), PlotTests.vector(plot, "y")) {
            #expect(abs(b - sxy / (sxx + l)) < 1e-13)
        }
        #expect(t.printed.last == "\(NumberFormat.significant(sxy / (sxx + 2))) 2")
    }

    @Test("a trace is the fit's own history, kept without `trace`; a closed-form fit has none")
    func trace() {
        let script = """
            data x = [4.8, 5.2, 3.9, 6.1, 5.0]
            param μ
            model x ~ Normal(μ, 1)
            fit using gradient(lr: 0.1, steps: 5)
            plot t: trace
            """
        let plot = PlotTests.plots(script)[0]
        // μₖ = x̄(1 − (1 − 0.1·5)ᵏ): the gradient n·x̄·0.5ᵏ.
        let mean = 25.0 / 5
        #expect(PlotTests.vector(plot, "x") == [0, 1, 2, 3, 4, 5])
        for (k, g) in PlotTests.vector(plot, "gradient").enumerated() {
            #expect(abs(g - 5 * mean * pow(0.5, Double(k))) < 1e-12)
        }
        let (ok, t) = InterpreterFixture.run(PlotTests.gaussian + "plot trace")
        #expect(!ok)
        #expect(t.errors.first?.contains("no iterations to plot") == true, "\(t.errors)")
    }

    @Test("`to` writes the SVG atomically beside the script, and the terminal says where")
    func writesFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mle-plot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let plots = PlotTests.plots(PlotTests.gaussian + "plot loglik over μ to \"mu.svg\"", directory: folder.path)
        let written = try String(contentsOf: folder.appendingPathComponent("mu.svg"), encoding: .utf8)
        #expect(written == plots[0].svg)
        #expect(plots[0].file == "mu.svg")
        #expect(TextRenderer().render(.plot(plots[0]))?.hasPrefix("plot written to mu.svg") == true)
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["mu.svg"])
        // A folder that does not exist is an error at the file name, and nothing is written.
        let (ok, t) = InterpreterFixture.run(
            PlotTests.gaussian + "plot loglik over μ to \"no/such/mu.svg\"", directory: folder.path)
        #expect(!ok)
        #expect(t.errors.first?.hasPrefix("6:23: cannot write the plot to 'no/such/mu.svg'") == true, "\(t.errors)")
    }

    @Test("each kind fills exactly the data its catalogue lists, in order")
    func dataMatchTheCatalogue() {
        let script =
            PlotTests.gaussian + """
                plot loglik over μ
                plot loglik over μ, σ
                plot t^2 over t in (0, 1)
                plot profile μ
                fit using newton
                plot trace
                """
        for plot in PlotTests.plots(script) {
            #expect(plot.data.map(\.name) == plot.kind.members.map(\.name), "\(plot.kind)")
        }
    }
}

/// An SVG document parsed by Foundation's XMLParser (which fails on anything that is not
/// well-formed XML), reduced to what the tests look at.
struct SVGShape {
    struct Element {
        let name: String
        let attributes: [String: String]
        var text = ""
    }

    var root = ""
    var rootAttributes: [String: String] = [:]
    var elements: [Element] = []

    init(_ text: String) throws {
        final class Delegate: NSObject, XMLParserDelegate {
            var elements: [SVGShape.Element] = []
            var open: [Int] = []
            func parser(
                _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]
            ) {
                open.append(elements.count)
                elements.append(SVGShape.Element(name: name, attributes: attributes))
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) {
                if let i = open.last { elements[i].text += string }
            }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?)
            {
                _ = open.popLast()
            }
        }
        let parser = XMLParser(data: Data(text.utf8))
        let delegate = Delegate()
        parser.delegate = delegate
        guard parser.parse() else {
            throw parser.parserError ?? NSError(domain: "svg", code: 1)
        }
        elements = delegate.elements
        root = elements.first?.name ?? ""
        rootAttributes = elements.first?.attributes ?? [:]
    }

    func count(_ name: String, class c: String? = nil) -> Int {
        elements.filter { $0.name == name && (c == nil || $0.attributes["class"] == c) }.count
    }

    func texts(of name: String) -> [String] { elements.filter { $0.name == name }.map(\.text) }

    func texts(ofClass c: String) -> [String] { elements.filter { $0.attributes["class"] == c }.map(\.text) }

    var allText: String { elements.map(\.text).joined(separator: "\n") }
}
