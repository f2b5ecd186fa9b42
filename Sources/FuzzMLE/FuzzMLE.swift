import Diagnostics
import Foundation
import Interpreter
import Report
import Syntax

/// The fuzz target: one input is one script, run by a fresh session through every
/// stage a script reaches (lexer, parser, checker, evaluator, model building, fitting,
/// inference) and rendered as text and as JSON. A crash, a sanitizer report or a hang
/// on any input is a bug in mle: bad input must end in a diagnostic.
///
/// Built by Scripts/fuzz.sh with `--sanitize=fuzzer --sanitize=address -Xswiftc -DFUZZING`
/// (libFuzzer then supplies `main`). Without FUZZING it is a replayer: `FuzzMLE FILE…`
/// runs each file as one input, for reproducing a finding under the debugger.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzInput.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

enum FuzzInput {
    /// Scripts naming files or databases are only lexed and parsed (the checker already
    /// reads the tables a script names): reading whatever path the fuzzer spells is not the
    /// interpreter's logic, and `csv("/dev/zero")` is the CSV reader's own concern.
    static let externalAccess = ["csv", "sql"]

    static func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let file = SourceFile(name: "fuzz.mle", text: text, directory: "/nonexistent-fuzz-directory")
        let renderer = TextRenderer(color: false)
        if externalAccess.contains(where: { text.contains($0) }) {
            _ = Parser.parse(file)
            return
        }
        let session = Session { output in
            _ = renderer.render(output)
            _ = JSONRenderer.render(output).serialized()
        }
        // Deeply nested input recurses deeply: `mle` runs scripts on a 512 MB stack
        // (withLargeStack); fuzz.sh gives the fuzzer's thread as much with `ulimit -s`,
        // so that no thread is created per input.
        _ = session.run(file)
    }
}

#if !FUZZING
    @main struct Replay {
        static func main() {
            for path in CommandLine.arguments.dropFirst() {
                guard let data = FileManager.default.contents(atPath: path) else {
                    print("FuzzMLE: cannot read \(path)")
                    continue
                }
                FuzzInput.run(Array(data))
                print("FuzzMLE: \(path): no crash")
            }
        }
    }
#endif
