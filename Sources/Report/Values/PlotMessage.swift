import Diagnostics

/// The words the plot renderers write themselves (titles, labels and notes come with
/// the plot from the interpreter).
public enum PlotMessage {
    /// What the terminal shows instead of the picture when it went to a file.
    public static func written(_ title: String, to file: String) -> String { "plot written to \(file): \(title)" }

    public static func note(_ text: String) -> String { "note: \(text)" }

    /// The SVG's description element.
    public static let generator = "drawn by mle"

    /// A plot with nothing finite to draw (every point failed).
    public static let nothingToDraw = "(nothing to draw: no point of the plot is a finite number)"
}
