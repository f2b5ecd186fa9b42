import Diagnostics
import Foundation
import Interpreter
import Report

/// What a session wrote, event by event.
final class Transcript: @unchecked Sendable {
    var events: [Output] = []

    /// The text of every `print` and bare expression, in order.
    var printed: [String] {
        events.compactMap { if case .printed = $0 { return TextRenderer().render($0) } else { return nil } }
    }

    /// The values of every `print` and bare expression, in order.
    var values: [[PrintedValue]] {
        events.compactMap { if case .printed(let p) = $0 { return p.values } else { return nil } }
    }

    /// The fit reports, in order.
    var fits: [FitReport] { events.compactMap { if case .fit(let r) = $0 { return r } else { return nil } } }

    var diagnostics: [Diagnostic] {
        events.compactMap { if case .diagnostic(let d) = $0 { return d } else { return nil } }
    }

    /// Each error as "line:col: message".
    var errors: [String] {
        diagnostics.filter(\.isError).map { "\($0.span?.position ?? "-"): \($0.message)" }
    }

    var assertions: [(passed: Bool, detail: String)] {
        events.compactMap {
            if case .assertion(let a) = $0 { return (a.passed, a.detail) } else { return nil }
        }
    }
}

/// One way in for the interpreter tests.
enum InterpreterFixture {
    /// A fresh session writing into a fresh transcript.
    static func session() -> (Session, Transcript) {
        let transcript = Transcript()
        let session = Session { transcript.events.append($0) }
        return (session, transcript)
    }

    /// Runs `text` in a fresh session.
    @discardableResult
    static func run(_ text: String, directory: String = ".") -> (ok: Bool, transcript: Transcript) {
        let (session, transcript) = session()
        let ok = session.run(SourceFile(name: "t.mle", text: text, directory: directory))
        return (ok, transcript)
    }

    /// The printed text of running `text`, which must succeed (else its errors).
    static func output(_ text: String) -> [String] {
        let (ok, t) = run(text)
        return ok ? t.printed : t.errors
    }

    /// The numbers `print EXPR` produces: a number is one element, a vector or matrix its elements.
    static func numbers(_ expression: String, setup: String = "") -> [Double] {
        let (ok, t) = run(setup + "\nprint " + expression)
        guard ok, let value = t.values.last?.first else { return [.nan] }
        switch value {
        case .number(let x): return [x]
        case .vector(let xs): return xs
        case .matrix(let rows): return rows.flatMap { $0 }
        default: return [.nan]
        }
    }

    /// The single number `print EXPR` produces (NaN if it is not one number, or fails).
    static func number(_ expression: String, setup: String = "") -> Double {
        let xs = numbers(expression, setup: setup)
        return xs.count == 1 ? xs[0] : .nan
    }

    /// |x − y| ≤ relative·max(1, |y|): agreement to about −log10(relative) significant digits.
    static func close(_ x: Double, _ y: Double, relative: Double = 1e-13) -> Bool {
        x == y || abs(x - y) <= relative * max(1, abs(y))
    }

    /// A folder of small CSV files for csv(...) tests.
    static let directory: String = {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("mle-interpreter-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let files = [
            "cars.csv": "speed,dist,label\n4,2,a\n7,4,b\n8,16,c\n",
            "gaps.csv": "a,b\n1,2\n3,\n",
        ]
        for (name, text) in files {
            _ = FileManager.default.createFile(atPath: path + "/" + name, contents: text.data(using: .utf8))
        }
        return path
    }()
}

/// Writes test files (Foundation's `Data` is shadowed by the Data module's name in some targets).
enum FileManagerShim {
    static func write(_ text: String, to path: String) -> Bool {
        FileManager.default.createFile(atPath: path, contents: text.data(using: .utf8))
    }
}
