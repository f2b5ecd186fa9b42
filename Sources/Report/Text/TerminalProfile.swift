/// What the terminal the text goes to can show: how wide it is, whether it shows
/// Unicode (braille dots and box lines) or only ASCII, and whether it shows colour.
/// The command line finds these out (COLUMNS or the terminal's size, LANG/LC_ALL,
/// whether standard output is a terminal) and passes them in; Report only reads them.
public struct TerminalProfile: Sendable, Equatable {
    /// Columns a line may take.
    public var width: Int
    /// Braille and box-drawing characters; else plain ASCII.
    public var unicode: Bool
    /// ANSI colours in plots.
    public var color: Bool

    public init(width: Int = 80, unicode: Bool = true, color: Bool = false) {
        self.width = width
        self.unicode = unicode
        self.color = color
    }

    /// 80 columns, Unicode, no colour: what a file or a pipe gets, and what the golden
    /// tests compare with (so they do not depend on the terminal they run in).
    public static let standard = TerminalProfile()

    /// The narrowest a plot is drawn, whatever the terminal says.
    public static let minimumWidth = 40
    /// The widest a plot is drawn (a very wide terminal gets a plot that still reads as one).
    public static let maximumWidth = 160
}
