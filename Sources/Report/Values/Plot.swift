/// A plot as data: one or more panels of curves, contour lines, reference lines and
/// marked points, with a title, the notes a reader needs, and the numbers behind the
/// picture by name (what `plot c: …` lets a script read as `c.x`, `c.argmax`, …).
///
/// The interpreter computes it; the text renderer draws it in the terminal, the SVG
/// renderer writes it as a standalone SVG file, and the JSON renderer gives every point.
/// Nothing here computes or knows about terminals.
public struct Plot: Sendable {
    /// What was plotted.
    public enum Kind: String, Sendable, CaseIterable {
        /// ℓ over one param (`plot loglik over μ`).
        case loglik
        /// ℓ over two params as contour lines (`plot loglik over μ, σ`).
        case contour
        /// The signed-root profile beside its Wald line (`plot profile b1`).
        case profile
        /// ℓ and the gradient norm per iteration of a fit (`plot trace`).
        case trace
        /// Any expression over a grid of values (`plot m.b over λ in (0.01, 100) log`).
        case curve
    }

    /// One of the numbers behind the picture, as a script reads it.
    public enum Datum: Sendable {
        case number(Double)
        case vector([Double])
        /// Rows of a matrix.
        case matrix([[Double]])
    }

    public let kind: Kind
    public var title: String
    public var panels: [PlotPanel]
    /// What the reader should know: points where the expression failed, a range clipped
    /// to the domain, a curve that is a slice and not a profile.
    public var notes: [String]
    /// The numbers behind the picture, by name, in a fixed order per kind.
    public var data: [(name: String, value: Datum)]
    /// Where the SVG was written (the path as the script gave it), when `to "file.svg"`.
    public var file: String?

    public init(
        kind: Kind, title: String, panels: [PlotPanel], notes: [String] = [],
        data: [(name: String, value: Datum)] = [], file: String? = nil
    ) {
        self.kind = kind
        self.title = title
        self.panels = panels
        self.notes = notes
        self.data = data
        self.file = file
    }

    /// The datum called `name`, if the plot has one.
    public func datum(_ name: String) -> Datum? { data.first { $0.name == name }?.value }

    /// Every legend entry of every panel, in drawing order, each label once.
    public var legend: [PlotLegendEntry] {
        var seen: Set<String> = []
        var entries: [PlotLegendEntry] = []
        for panel in panels {
            for entry in panel.legend where seen.insert(entry.label).inserted { entries.append(entry) }
        }
        return entries
    }
}

/// A line of the legend: a sample of how the item is drawn, and its label.
public struct PlotLegendEntry: Sendable, Equatable {
    public enum Sample: Sendable, Equatable {
        case line(PlotStroke)
        case marker
    }

    public let label: String
    public let sample: Sample
    public let ink: PlotInk

    public init(label: String, sample: Sample, ink: PlotInk) {
        self.label = label
        self.sample = sample
        self.ink = ink
    }
}
