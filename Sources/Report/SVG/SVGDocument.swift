import Diagnostics
import Foundation

/// A small writer of SVG 1.1 markup: elements with attributes, text content escaped,
/// numbers written by the one number formatter. It writes a standalone document (no
/// DTD, no external references, no fonts to fetch: generic font families only).
struct SVGDocument {
    let width: Int
    let height: Int
    private(set) var body: [String] = []
    private var depth = 1

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// The whole file: the XML declaration, the root element and its content.
    var text: String {
        let root =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(width) \(height)\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" "
            + "font-size=\"12\">"
        return (["<?xml version=\"1.0\" encoding=\"UTF-8\"?>", root] + body + ["</svg>"]).joined(separator: "\n")
            + "\n"
    }

    /// An empty element: `<line x1="…" …/>`.
    mutating func element(_ name: String, _ attributes: [(String, String)]) {
        body.append(indent + "<\(name)\(SVGDocument.attributes(attributes))/>")
    }

    /// An element with text content: `<text …>label</text>`.
    mutating func element(_ name: String, _ attributes: [(String, String)], text: String) {
        body.append(indent + "<\(name)\(SVGDocument.attributes(attributes))>\(SVGDocument.escape(text))</\(name)>")
    }

    /// An element with children written by `content`.
    mutating func group(_ name: String, _ attributes: [(String, String)], _ content: (inout SVGDocument) -> Void) {
        body.append(indent + "<\(name)\(SVGDocument.attributes(attributes))>")
        depth += 1
        content(&self)
        depth -= 1
        body.append(indent + "</\(name)>")
    }

    private var indent: String { String(repeating: "  ", count: depth) }

    static func attributes(_ pairs: [(String, String)]) -> String {
        pairs.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
    }

    /// Text as XML character data: the five markup characters as entities, and characters
    /// XML 1.0 does not allow (controls other than tab and newline) as spaces.
    static func escape(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                let v = scalar.value
                let allowed = v == 0x9 || v == 0xA || (v >= 0x20 && v != 0xFFFE && v != 0xFFFF)
                out.unicodeScalars.append(allowed ? scalar : " ")
            }
        }
        return out
    }

    /// A coordinate to the hundredth of a pixel.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let rounded = (x * 100).rounded() / 100
        return NumberFormat.significant(rounded == 0 ? 0 : rounded, digits: 9)
    }

    /// A polyline's points attribute: "x1,y1 x2,y2 …".
    static func points(_ ps: [(Double, Double)]) -> String {
        ps.map { "\(number($0.0)),\(number($0.1))" }.joined(separator: " ")
    }
}
