import Diagnostics
import Foundation
import Interpreter
import Report
import Testing

/// `Session.onProgress`: told each iteration of an iterative fit and when it ends, in the
/// same numbers `fit … trace` prints; the results are the same whether or not it listens.
struct ProgressTests {
    final class Events: @unchecked Sendable { var list: [FitProgress] = [] }

    static let script = """
        data k = [1, 3, 2, 5, 4, 2, 0, 3]
        param λ > 0
        model k ~ Poisson(λ)
        fit using newton trace
        """

    @Test func iterationsThenFinished() {
        let (session, transcript) = InterpreterFixture.session()
        let events = Events()
        session.onProgress = { events.list.append($0) }
        #expect(session.run(SourceFile(name: "t.mle", text: ProgressTests.script, directory: ".")))
        let traced = transcript.events.compactMap { e -> TraceLine? in
            if case .trace(let t) = e { return t } else { return nil }
        }
        let iterations = events.list.compactMap { e -> (Int, Double, Double)? in
            if case .iteration(_, let n, let l, let g) = e { return (n, l, g) } else { return nil }
        }
        #expect(!iterations.isEmpty)
        #expect(events.list.last == .finished)
        // The same iterations as the trace, number for number.
        #expect(iterations.map(\.0) == traced.map(\.iteration))
        #expect(iterations.map(\.1) == traced.map(\.logLikelihood))
        #expect(iterations.map(\.2) == traced.map(\.gradientNorm))
    }

    @Test func listeningChangesNoResult() {
        let (quiet, quietTranscript) = InterpreterFixture.session()
        let (listened, listenedTranscript) = InterpreterFixture.session()
        listened.onProgress = { _ in }
        let text = ProgressTests.script.replacingOccurrences(of: " trace", with: "")
        #expect(quiet.run(SourceFile(name: "t.mle", text: text, directory: ".")))
        #expect(listened.run(SourceFile(name: "t.mle", text: text, directory: ".")))
        let render = { (t: Transcript) in t.events.compactMap { TextRenderer().render($0) } }
        #expect(render(quietTranscript) == render(listenedTranscript))
    }

    @Test func finishedAlsoWhenTheFitFails() {
        let (session, _) = InterpreterFixture.session()
        let events = Events()
        session.onProgress = { events.list.append($0) }
        let text = """
            data y = [1, 1, 1]
            param p = 0.5
            model y ~ Bernoulli(p)
            fit using newton
            """
        _ = session.run(SourceFile(name: "t.mle", text: text, directory: "."))
        #expect(events.list.last == .finished)
    }
}
