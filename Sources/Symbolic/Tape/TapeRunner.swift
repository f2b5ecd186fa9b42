import Foundation

/// Runs a tape over blocks of rows. Owns its scratch memory (slots × block size);
/// not thread-safe (one runner per thread).
public final class TapeRunner {
    public let tape: Tape
    public let blockSize: Int
    let scratch: UnsafeMutablePointer<Double>
    var slots: [UnsafeMutablePointer<Double>]

    public init(tape: Tape, blockSize: Int = 256) {
        self.tape = tape
        self.blockSize = blockSize
        let count = max(1, tape.slotCount) * blockSize
        let memory = UnsafeMutablePointer<Double>.allocate(capacity: count)
        memory.initialize(repeating: 0, count: count)
        scratch = memory
        slots = (0..<max(1, tape.slotCount)).map { memory + $0 * blockSize }
    }

    deinit { scratch.deallocate() }

    /// Broadcasts the row-invariant inputs (evaluated by the caller, in `tape.scalarInputs` order).
    public func setScalars(_ values: [Double]) {
        for (k, input) in tape.scalarInputs.enumerated() {
            let p = scratch + Int(input.slot) * blockSize
            p.update(repeating: values[k], count: blockSize)
            slots[Int(input.slot)] = p
        }
    }

    /// Points a row input at the current block's data (read only).
    @inline(__always)
    public func bind(_ inputIndex: Int, to pointer: UnsafePointer<Double>) {
        slots[Int(tape.rowInputs[inputIndex].slot)] = UnsafeMutablePointer(mutating: pointer)
    }

    /// The slot buffer of an output after `run`.
    @inline(__always)
    public func output(_ k: Int) -> UnsafePointer<Double> {
        UnsafePointer(slots[Int(tape.outputs[k])])
    }

    /// Executes every instruction over `count` ≤ blockSize rows.
    public func run(count n: Int) {
        for ins in tape.instructions {
            let a = UnsafePointer(slots[Int(ins.a)])
            let out = scratch + Int(ins.out) * blockSize
            slots[Int(ins.out)] = out
            if ins.op == .call, let f = ins.function {
                TapeRunner.call(
                    f, a, ins.b >= 0 ? UnsafePointer(slots[Int(ins.b)]) : nil,
                    ins.c >= 0 ? UnsafePointer(slots[Int(ins.c)]) : nil, out, n)
            } else if ins.b >= 0 {
                TapeRunner.binary(ins.op, a, UnsafePointer(slots[Int(ins.b)]), out, n)
            } else {
                TapeRunner.unary(ins.op, a, out, n)
            }
        }
    }

    static func binary(
        _ op: Tape.OpCode, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
        _ o: UnsafeMutablePointer<Double>, _ n: Int
    ) {
        switch op {
        case .add: lanes(Add.self, a, b, o, n)
        case .sub: lanes(Subtract.self, a, b, o, n)
        // 0·x = 0 even for x = ±∞ or NaN, as in the reference evaluator: a statistic of 0
        // times log 0 (a group of all-zero counts at λ̂ = 0) is 0, not NaN.
        case .mul: lanes(Multiply.self, a, b, o, n)
        case .div: lanes(Divide.self, a, b, o, n)
        case .pow: for i in 0..<n { o[i] = Foundation.pow(a[i], b[i]) }
        case .logAddExp:
            for i in 0..<n {
                let m = Swift.max(a[i], b[i])
                o[i] = m.isInfinite ? m : m + Foundation.log1p(Foundation.exp(-Swift.abs(a[i] - b[i])))
            }
        case .sigmoidShared:
            for i in 0..<n { o[i] = a[i] >= 0 ? 1 / (1 + b[i]) : b[i] / (1 + b[i]) }
        case .sigmoidNegShared:
            for i in 0..<n { o[i] = a[i] >= 0 ? b[i] / (1 + b[i]) : 1 / (1 + b[i]) }
        case .softplusShared:
            for i in 0..<n { o[i] = Swift.max(a[i], 0) + log1pSmall(b[i]) }
        case .softplusNegShared:
            for i in 0..<n { o[i] = Swift.max(-a[i], 0) + log1pSmall(b[i]) }
        default: for i in 0..<n { o[i] = .nan }
        }
    }

    /// o = f(a, b), eight rows at a time (the tail row by row): the compiler leaves the plain
    /// loops scalar (it cannot rule out that o overlaps a or b), and 0·x = 0's per-row test
    /// made the product branchy: half of a nonlinear least-squares fit's time was there.
    /// (A type per operation, not a closure: the generic is specialised, a closure was not.)
    @inline(__always)
    static func lanes<F: LaneOperation>(
        _: F.Type, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ o: UnsafeMutablePointer<Double>,
        _ n: Int
    ) {
        var i = 0
        while i + 8 <= n {
            let x = UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Double>.self)
            let y = UnsafeRawPointer(b + i).loadUnaligned(as: SIMD8<Double>.self)
            UnsafeMutableRawPointer(o + i).storeBytes(of: F.apply(x, y), as: SIMD8<Double>.self)
            i += 8
        }
        while i < n {
            o[i] = F.apply(a[i], b[i])
            i += 1
        }
    }

    /// A function without an opcode of its own, row by row.
    static func call(
        _ f: Function, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>?, _ c: UnsafePointer<Double>?,
        _ o: UnsafeMutablePointer<Double>, _ n: Int
    ) {
        switch (b, c) {
        case (let b?, let c?): for i in 0..<n { o[i] = f.evaluate(a[i], b[i], c[i]) }
        case (let b?, nil): for i in 0..<n { o[i] = f.evaluate(a[i], b[i], .nan) }
        default: for i in 0..<n { o[i] = f.evaluate(a[i]) }
        }
    }

    static func unary(_ op: Tape.OpCode, _ a: UnsafePointer<Double>, _ o: UnsafeMutablePointer<Double>, _ n: Int) {
        switch op {
        case .neg: lanes(Negate.self, a, a, o, n)
        case .square: lanes(Square.self, a, a, o, n)
        case .recip: lanes(Reciprocal.self, a, a, o, n)
        case .sqrt: lanes(SquareRoot.self, a, a, o, n)
        case .exp: for i in 0..<n { o[i] = Foundation.exp(a[i]) }
        case .log: for i in 0..<n { o[i] = Foundation.log(a[i]) }
        case .log1p: for i in 0..<n { o[i] = Foundation.log1p(a[i]) }
        case .expm1: for i in 0..<n { o[i] = Foundation.expm1(a[i]) }
        case .sigmoid:
            for i in 0..<n {
                let e = Foundation.exp(-Swift.abs(a[i]))
                o[i] = a[i] >= 0 ? 1 / (1 + e) : e / (1 + e)
            }
        case .softplus:
            for i in 0..<n { o[i] = Swift.max(a[i], 0) + Foundation.log1p(Foundation.exp(-Swift.abs(a[i]))) }
        case .logit: for i in 0..<n { o[i] = Foundation.log(a[i]) - Foundation.log1p(-a[i]) }
        case .lgamma:
            let whole = Function.wholeLogGamma
            for i in 0..<n { o[i] = Function.logGamma(a[i], whole: whole) }
        case .digamma: for i in 0..<n { o[i] = Function.digamma.evaluate(a[i]) }
        case .trigamma: for i in 0..<n { o[i] = Function.trigamma.evaluate(a[i]) }
        case .tetragamma: for i in 0..<n { o[i] = Function.tetragamma.evaluate(a[i]) }
        case .abs: for i in 0..<n { o[i] = Swift.abs(a[i]) }
        case .expNegAbs: for i in 0..<n { o[i] = Foundation.exp(-Swift.abs(a[i])) }
        case .logNormalCDF: for i in 0..<n { o[i] = Function.logPhi(a[i]) }
        case .normalMills: for i in 0..<n { o[i] = Function.normalMills.evaluate(a[i]) }
        case .sign: for i in 0..<n { o[i] = a[i] > 0 ? 1 : (a[i] < 0 ? -1 : 0) }
        default: for i in 0..<n { o[i] = .nan }
        }
    }
}

/// log(1 + e) for 0 ≤ e ≤ 1 by one `log` and a correction: with u = fl(1 + e),
/// log(1 + e) = log u + (e − (u − 1))/u to within an ulp (Goldberg's trick), which is
/// faster than libm's log1p and exact where e is below the precision of 1 + e.
@inline(__always)
func log1pSmall(_ e: Double) -> Double {
    let u = 1 + e
    return Foundation.log(u) + (e - (u - 1)) / u
}

/// One elementwise operation of the tape, on eight rows and on one (the unary ones ignore y).
protocol LaneOperation {
    static func apply(_ x: SIMD8<Double>, _ y: SIMD8<Double>) -> SIMD8<Double>
    static func apply(_ x: Double, _ y: Double) -> Double
}

enum Add: LaneOperation {
    static func apply(_ x: SIMD8<Double>, _ y: SIMD8<Double>) -> SIMD8<Double> { x + y }
    static func apply(_ x: Double, _ y: Double) -> Double { x + y }
}

enum Subtract: LaneOperation {
    static func apply(_ x: SIMD8<Double>, _ y: SIMD8<Double>) -> SIMD8<Double> { x - y }
    static func apply(_ x: Double, _ y: Double) -> Double { x - y }
}

/// 0·x = 0 even for x = ±∞ or NaN, as in the reference evaluator.
enum Multiply: LaneOperation {
    /// The product with its bits cleared where a factor is 0: a mask's lanes are all ones or all
    /// zeros, so this is a compare, an or and an and-not per pair of lanes (`replacing(with:where:)`
    /// packed the mask to bytes and back, and was not inlined: a third of an order-2 pass).
    @inline(__always)
    static func apply(_ x: SIMD8<Double>, _ y: SIMD8<Double>) -> SIMD8<Double> {
        let zero = unsafeBitCast(x .== 0, to: SIMD8<Int64>.self) | unsafeBitCast(y .== 0, to: SIMD8<Int64>.self)
        return unsafeBitCast(unsafeBitCast(x * y, to: SIMD8<Int64>.self) & ~zero, to: SIMD8<Double>.self)
    }
    static func apply(_ x: Double, _ y: Double) -> Double { x == 0 || y == 0 ? 0 : x * y }
}

enum Divide: LaneOperation {
    static func apply(_ x: SIMD8<Double>, _ y: SIMD8<Double>) -> SIMD8<Double> { x / y }
    static func apply(_ x: Double, _ y: Double) -> Double { x / y }
}

enum Negate: LaneOperation {
    static func apply(_ x: SIMD8<Double>, _: SIMD8<Double>) -> SIMD8<Double> { -x }
    static func apply(_ x: Double, _: Double) -> Double { -x }
}

enum Square: LaneOperation {
    static func apply(_ x: SIMD8<Double>, _: SIMD8<Double>) -> SIMD8<Double> { x * x }
    static func apply(_ x: Double, _: Double) -> Double { x * x }
}

enum Reciprocal: LaneOperation {
    static func apply(_ x: SIMD8<Double>, _: SIMD8<Double>) -> SIMD8<Double> { 1 / x }
    static func apply(_ x: Double, _: Double) -> Double { 1 / x }
}

enum SquareRoot: LaneOperation {
    static func apply(_ x: SIMD8<Double>, _: SIMD8<Double>) -> SIMD8<Double> { x.squareRoot() }
    static func apply(_ x: Double, _: Double) -> Double { x.squareRoot() }
}
