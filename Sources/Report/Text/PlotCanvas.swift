/// A grid of character cells drawn on at a finer resolution: each cell holds 2×4
/// braille dots (U+2800–U+28FF), or, in ASCII, 1×2 dots written `'`, `.` or `:`.
/// Lines are drawn dot by dot (Bresenham); marks (the MLE) overwrite a whole cell
/// with a character. Each cell remembers the ink of what was drawn last in it, for
/// colour.
struct PlotCanvas {
    let columns: Int
    let rows: Int
    let unicode: Bool
    /// Dots per cell across and down.
    let cellWidth: Int
    let cellHeight: Int
    private var dots: [UInt8]
    private var marks: [Character?]
    private var inks: [PlotInk?]

    init(columns: Int, rows: Int, unicode: Bool) {
        self.columns = max(1, columns)
        self.rows = max(1, rows)
        self.unicode = unicode
        cellWidth = unicode ? 2 : 1
        cellHeight = unicode ? 4 : 2
        let n = self.columns * self.rows
        dots = [UInt8](repeating: 0, count: n)
        marks = [Character?](repeating: nil, count: n)
        inks = [PlotInk?](repeating: nil, count: n)
    }

    /// Dots across and down the whole canvas.
    var dotWidth: Int { columns * cellWidth }
    var dotHeight: Int { rows * cellHeight }

    /// The dot nearest to fractions (fx, fy) of the width and height, y measured upwards.
    func dot(_ fx: Double, _ fy: Double) -> (Int, Int)? {
        guard fx.isFinite, fy.isFinite, abs(fx) < 1e6, abs(fy) < 1e6 else { return nil }
        let x = Int((fx * Double(dotWidth - 1)).rounded())
        let y = Int(((1 - fy) * Double(dotHeight - 1)).rounded())
        return (x, y)
    }

    /// Sets one dot (ignored outside the canvas).
    mutating func set(_ x: Int, _ y: Int, _ ink: PlotInk) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        let cell = (y / cellHeight) * columns + x / cellWidth
        dots[cell] |= PlotCanvas.bit(x % cellWidth, y % cellHeight, unicode: unicode)
        inks[cell] = ink
    }

    /// Braille numbers its dots 1–3 down the left column, 4–6 down the right, then 7 and 8
    /// along the bottom; ASCII's two dots are the top and bottom halves.
    static func bit(_ dx: Int, _ dy: Int, unicode: Bool) -> UInt8 {
        guard unicode else { return dy == 0 ? 1 : 2 }
        let table: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
        return table[dx][dy]
    }

    /// A line between two dots. `phase` carries a dash pattern along a polyline.
    mutating func line(
        from a: (Int, Int), to b: (Int, Int), ink: PlotInk, stroke: PlotStroke, phase: inout Int
    ) {
        var (x, y) = a
        let dx = abs(b.0 - a.0)
        let dy = -abs(b.1 - a.1)
        let sx = a.0 < b.0 ? 1 : -1
        let sy = a.1 < b.1 ? 1 : -1
        var error = dx + dy
        // Lines far outside the canvas are clipped by the caller; this bounds the walk anyway.
        for _ in 0...(dx - dy + 1) {
            if inks(stroke, phase) { set(x, y, ink) }
            phase += 1
            if x == b.0 && y == b.1 { break }
            let e2 = 2 * error
            if e2 >= dy {
                error += dy
                x += sx
            }
            if e2 <= dx {
                error += dx
                y += sy
            }
        }
    }

    /// Whether the dot at this step of a line is drawn: every dot of a solid line; of a
    /// dashed one, runs of two cells' worth on and off; of a dotted one, one dot in four
    /// (every other cell of a braille line, so the dots fall evenly).
    func inks(_ stroke: PlotStroke, _ phase: Int) -> Bool {
        switch stroke {
        case .solid: return true
        case .dashed: return phase % (4 * cellWidth) < 2 * cellWidth
        case .dotted: return phase % (2 * cellWidth) == 0
        }
    }

    /// Writes a character over a whole cell.
    mutating func mark(column: Int, row: Int, _ character: Character, ink: PlotInk) {
        guard column >= 0, row >= 0, column < columns, row < rows else { return }
        marks[row * columns + column] = character
        inks[row * columns + column] = ink
    }

    /// The cell holding a dot.
    func cell(ofDot x: Int, _ y: Int) -> (column: Int, row: Int) { (x / cellWidth, y / cellHeight) }

    /// One row of text, each drawn cell in its ink's colour when a painter is given.
    func text(row: Int, paint: ((String, PlotInk) -> String)?) -> String {
        var out = ""
        for c in 0..<columns {
            let i = row * columns + c
            let glyph = String(character(i))
            if let paint, let ink = inks[i], glyph != " " {
                out += paint(glyph, ink)
            } else {
                out += glyph
            }
        }
        return out
    }

    private func character(_ i: Int) -> Character {
        if let mark = marks[i] { return mark }
        let bits = dots[i]
        if bits == 0 { return " " }
        if unicode { return Character(Unicode.Scalar(0x2800 + UInt32(bits)) ?? " ") }
        switch bits {
        case 1: return "'"
        case 2: return "."
        default: return ":"
        }
    }
}
