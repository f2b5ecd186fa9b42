import Inference
import Interrupt
import Model

/// Which profile intervals a fit computes.
public enum ProfileRequest: Sendable, Equatable {
    /// Every parameter, when the model has at most `Fitter.profileLimit` of them.
    case automatic
    /// Every parameter, however many (`fit … profile`).
    case all
    case none
}

extension Fitter {
    /// The most parameters profiled without being asked (each profile costs ~20 restricted fits).
    public static let profileLimit = 50
    /// The largest n·k² profiled without being asked: each profile is ~20 restricted fits, each a
    /// few Hessians of O(n·k²), so beyond this the profiles would take far longer than the fit
    /// (at 10⁶ rows and 5 coefficients, ~10 s against a 1 s fit). At that size the profile and
    /// Wald intervals agree to the digits shown (the log-likelihood is nearly quadratic over
    /// ±2 SE when n is large), and `fit … profile` still computes them.
    public static let profileWork = 1e7
    /// How many times a fit is restarted from higher points its profiles meet.
    static let restartLimit = 3

    /// The fit with its 95% profiles; when a profile meets a point higher than θ̂, the fit
    /// is restarted from that point (with the method asked for when it is iterative, else
    /// Newton) and profiled again, and the report says so.
    static func profiled(_ first: FitOutcome, _ problem: FitProblem) throws -> FitOutcome {
        var outcome = first
        let k = outcome.parameterCount
        switch problem.profiles {
        case .none: return outcome
        case .automatic where outcome.model.terms.contains { $0.family.mixture != nil }:
            outcome.profileNote = FittingMessage.profilesOfMixtures
            return outcome
        case .automatic where k > profileLimit:
            outcome.profileNote = FittingMessage.profilesSkipped(parameters: k, limit: profileLimit)
            return outcome
        case .automatic where Double(outcome.observations) * Double(k * k) > profileWork:
            outcome.profileNote = FittingMessage.profilesTooCostly(rows: outcome.observations, parameters: k)
            return outcome
        default: break
        }
        guard outcome.solution.converged else {
            outcome.profileNote = FittingMessage.profilesNotConverged
            return outcome
        }
        var notes: [String] = []
        for _ in 0...restartLimit {
            switch try profiles(of: outcome, level: 0.95) {
            case .success(let profiles):
                outcome.profiles = profiles
                outcome.notes += notes
                return outcome
            case .failure(let better):
                let next = try restart(problem, outcome, from: better.theta)
                notes.append(
                    FittingMessage.restarted(
                        param: outcome.model.layout.slotName(better.slot), at: better.at,
                        rise: better.value - outcome.maximum, from: outcome.maximum, to: next.maximum))
                outcome = next
            }
        }
        outcome.notes += notes
        return outcome
    }

    struct BetterOptimum: Error {
        let theta: [Double]
        let value: Double
        let slot: Int
        let at: Double
    }

    /// Every slot's profile at `level`, or the first higher point met.
    static func profiles(of outcome: FitOutcome, level: Double) throws -> Result<[Int: Profile], BetterOptimum> {
        if let exact = LinearProfiles.of(outcome, level: level) { return .success(exact) }
        let profiler = Profiler(outcome)
        var profiles: [Int: Profile] = [:]
        if let (slot, p) = LinearProfiles.nonlinearScale(outcome, level: level) { profiles[slot] = p }
        for slot in 0..<outcome.slotCount where profiles[slot] == nil {
            if Interrupt.requested { throw Interrupted() }
            switch profiler.profile(slot: slot, level: level) {
            case .profile(let p): profiles[slot] = p
            case .betterOptimum(let theta, let value, let slot, let at):
                return .failure(BetterOptimum(theta: theta, value: value, slot: slot, at: at))
            }
        }
        return .success(profiles)
    }

    /// The fit again from θ: with the method asked for when it is iterative, else Newton.
    static func restart(_ problem: FitProblem, _ outcome: FitOutcome, from theta: [Double]) throws -> FitOutcome {
        var again = problem
        again.start = theta
        let method: any FitMethod
        if case .named(let kind, let options) = problem.request, kind.isIterative {
            method = try kind.method(options: options)
        } else {
            method = NewtonMethod(reason: FittingMessage.restartReason)
        }
        let solution = try method.solve(again)
        var plan = outcome.plan
        plan.method = solution.method
        plan.reason = solution.reason
        return try FitOutcome(again, solution, plan)
    }

    /// One slot's profile at any level (`profile(b1, level: 0.99)`), for a fit already made.
    public static func profile(_ outcome: FitOutcome, slot: Int, level: Double) throws -> Profile {
        if level == 0.95, let p = outcome.profiles[slot] { return p }
        if let exact = LinearProfiles.of(outcome, level: level)?[slot] { return exact }
        if let (s, p) = LinearProfiles.nonlinearScale(outcome, level: level), s == slot { return p }
        let profile = Profiler(outcome).profile(slot: slot, level: level)
        if Interrupt.requested { throw Interrupted() }
        switch profile {
        case .profile(let p): return p
        case .betterOptimum(_, _, _, let at):
            throw FitError(
                .notConverged, FittingMessage.profileFoundHigher(outcome.model.layout.slotName(slot), at: at))
        }
    }
}

extension Fitter {
    /// ℓ_p at the given values of one slot (for a plot of the profile): each restricted fit
    /// started from its neighbour nearer the estimate, walking out on each side; values where
    /// the restricted fit fails are left out. The points carry the signed root too.
    public static func profileCurve(_ outcome: FitOutcome, slot: Int, at values: [Double]) throws -> [Profile.Point] {
        let profiler = Profiler(outcome)
        let estimate = outcome.estimate[slot]
        var points: [Profile.Point] = []
        for side in [values.filter { $0 < estimate }.sorted(by: >), values.filter { $0 >= estimate }.sorted()] {
            var warm = outcome.estimate
            for psi in side {
                if Interrupt.requested { throw Interrupted() }
                guard case .fitted(let theta, let value) = profiler.restricted(slot, psi, from: warm) else { continue }
                warm = theta
                let r = Profile.signedRoot(value: psi, estimate: estimate, profile: value, maximum: outcome.maximum)
                points.append(Profile.Point(value: psi, logLikelihood: value, signedRoot: r))
            }
        }
        return points.sorted { $0.value < $1.value }
    }
}

extension Profiler {
    /// The profiler for a finished fit: from its estimate and maximum, with its standard errors.
    init(_ outcome: FitOutcome) {
        self.init(
            problem: FitProblem(model: outcome.model), estimate: outcome.estimate, maximum: outcome.maximum,
            standardErrors: (0..<outcome.slotCount).map { outcome.standardError(slot: $0) },
            boundary: Set(outcome.boundary.keys))
        estimateHessian = outcome.hessian
    }
}
