import CGSL
import Foundation
import Testing

@testable import Symbolic

/// The incomplete gamma and beta functions and Student's t CDF, in log space, with
/// their shape derivatives, against mpmath at 40 digits (values and derivatives by
/// mpmath.diff; Scripts/data/reference/scripts/special_functions.py prints this table).
///
/// Tolerance: the series and continued fractions stop when a term is below 1e-17 of
/// the sum, and each of a few hundred jet operations rounds at 1e-16 relative, so
/// values keep ~1e-13 of their size; the derivatives (sums of derivatives of the
/// same terms) ~1e-11. An error of the method would show at O(1).
struct SpecialFunctionTests {
    static let gamma: [(Double, Double, [Double])] = [
        (
            0.5, 0.1,
            [
                -1.0634020471545286, -2.383393516493252, -0.87682458740739121, -0.42354632347596574, 1.2569266764361567,
                -4.1132058891535617,
            ]
        ),
        (
            2.5, 1.0,
            [
                -1.8914364076182329, -1.1938593353484444, -0.27940497378747542, -0.16352527559465034,
                0.21209522437353824, -0.24855852344834401,
            ]
        ),
        (
            3.0, 7.5,
            [
                -0.020464695772951451, -0.025611056734201913, -0.024551541037371698, -3.8992689326627686,
                1.2387132259819112, -0.37866688750848364,
            ]
        ),
        (
            10.0, 3.0,
            [
                -6.8101857170363962, -1.2840378249033203, -0.089110240874426835, -0.0011030963172077956,
                0.0014171989055465871, -0.0017233940387688734,
            ]
        ),
        (
            1.7, 40.0,
            [
                -0.000000000000000062914621707418055, -0.0000000000000002205245498329702,
                -0.00000000000000072310035362040139, -37.304753077623575, 3.5051398839924817, -0.79264628865677801,
            ]
        ),
        (
            50.0, 60.0,
            [
                -0.088182987887198306, -0.023247212869328032, -0.0047852037737518989, -2.4721087206353381,
                0.25217189576169979, -0.017545923099829419,
            ]
        ),
        (
            0.3, 2.0,
            [
                -0.022272174563114071, -0.10148803358312693, -0.19330418510468524, -3.8155325757043503,
                4.5061630117697755, -12.179941240533732,
            ]
        ),
        (
            120.0, 100.0,
            [
                -3.5673560812751265, -0.21579076161996639, -0.0071937609086767763, -0.028636533445995696,
                0.0062688297479946285, -0.0011830714133315884,
            ]
        ),
    ]

    static let beta: [(Double, Double, Double, [Double])] = [
        (
            0.5, 0.5, 0.3,
            [
                -0.99693121102077808, -1.7419887614846415, 1.2702756890986692, 0.61090228192767761, 1.4926908765474157,
                -3.2787622641720452,
            ]
        ),
        (
            2.0, 3.0, 0.2,
            [
                -1.7103638310240608, -1.0784644611066667, 0.44468582542367605, -0.14033988566058423,
                0.19407457787399075, -0.17059206928191523,
            ]
        ),
        (
            5.0, 1.5, 0.9,
            [
                -0.25338096082546458, -0.065650062488486003, 0.3698889391343801, -0.0036118554215959187,
                0.065736897755359758, -0.53326266905738031,
            ]
        ),
        (
            30.0, 40.0, 0.45,
            [
                -0.43889572292872071, -0.078600858136078228, 0.061482366497588959, -0.0088804131471514486,
                0.0079830375396971286, -0.0070196298742839101,
            ]
        ),
        (
            1.0, 12.0, 0.01,
            [
                -2.1749386100486783, -2.5297461527803573, 0.078409150178942964, -0.53754779635069399,
                0.077416919994354265, -0.0069360331250700409,
            ]
        ),
        (
            8.0, 0.5, 0.999,
            [
                -0.10439451379700957, -0.0070552734202356018, 0.5355856559950013, 0.00041105003345694691,
                0.024430527741223585, -2.8050186898359734,
            ]
        ),
        (
            0.7, 4.0, 0.6,
            [
                -0.014362770461904682, -0.032764808557647896, 0.014153754481825074, -0.037832430464446375,
                0.029405124913317688, -0.014239029384868513,
            ]
        ),
    ]

    static let studentT: [(Double, Double, [Double])] = [
        (-3.0, 4.0, [-3.9134748570618905, -0.31913416062014173, 0.08253083561673447]),
        (-0.5, 1.5, [-1.0779760226659293, -0.052001975978738122, 0.053879705995811388]),
        (0.7, 10.0, [-0.28760712204255593, 0.0010414118605881131, -0.00020468894588886871]),
        (4.0, 2.5, [-0.019699250318835874, 0.01411014444320035, -0.014234252767698457]),
        (-40.0, 3.0, [-10.971162936870326, -2.7813698363622943, 0.20470729102157085]),
        (25.0, 6.0, [-0.00000013481568728792979, 0.00000025726412383202304, -0.00000050352020055033859]),
    ]

    func agrees(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool {
        abs(a - b) <= tolerance * max(abs(b), 1e-300)
    }

    /// The table of log-factorials holds lgamma_r's own values, so a count's log k! is the
    /// same double whether looked up or computed; off the whole numbers (and past the table)
    /// lgamma_r is called. log 10! = log 3628800 and log 170! (Python: math.lgamma(171) =
    /// 706.5730622457874) check the values themselves.
    @Test("lgamma at whole numbers is read from a table of lgamma_r's values")
    func wholeNumberLogGamma() {
        var sign: Int32 = 0
        for x in [1.0, 2, 3, 11, 171, 1024, 1025, 5000, 0.5, 2.5, 1023.999, -0.5, 1e-300] {
            #expect(Function.logGamma(x).bitPattern == lgamma_r(x, &sign).bitPattern)
        }
        #expect(Function.logGamma(1) == 0 && Function.logGamma(2) == 0)
        #expect(abs(Function.logGamma(11) - Foundation.log(3_628_800)) <= 1e-15 * 15.1)
        #expect(abs(Function.logGamma(171) - 706.5730622457874) <= 1e-13)
        #expect(Function.logGamma(0) == .infinity && Function.logGamma(.nan).isNaN)
    }

    @Test("log P, log Q and their shape derivatives against mpmath")
    func incompleteGamma() {
        for (a, x, ref) in SpecialFunctionTests.gamma {
            let r = IncompleteGamma.evaluate(a, x)
            let got = [r.logP, r.logPda, r.logPdaa, r.logQ, r.logQda, r.logQdaa]
            for k in 0..<6 {
                #expect(agrees(got[k], ref[k], k % 3 == 0 ? 1e-13 : 1e-10), "component \(k) at a=\(a), x=\(x)")
            }
            // GSL as a second, independent check of the value.
            var p = gsl_sf_result()
            if gsl_sf_gamma_inc_P_e(a, x, &p) == 0, p.val > 1e-300, p.val < 0.9 {
                #expect(agrees(exp(r.logP), p.val, 1e-12), "P(\(a), \(x)) against GSL")
            }
        }
    }

    @Test("log I_x(a, b) and its shape derivatives against mpmath")
    func incompleteBeta() {
        for (a, b, x, ref) in SpecialFunctionTests.beta {
            let r = IncompleteBeta.evaluate(a, b, x)
            let got = [r.value, r.da, r.db, r.daa, r.dab, r.dbb]
            for k in 0..<6 {
                #expect(agrees(got[k], ref[k], k == 0 ? 1e-13 : 1e-10), "component \(k) at a=\(a), b=\(b), x=\(x)")
            }
        }
    }

    @Test("log F of Student's t and its ν-derivatives against mpmath")
    func studentT() {
        for (z, nu, ref) in SpecialFunctionTests.studentT {
            let r = StudentTCDF.evaluate(z, nu)
            let got = [r.value, r.dnu, r.dnunu]
            for k in 0..<3 {
                #expect(agrees(got[k], ref[k], k == 0 ? 1e-13 : 1e-9), "component \(k) at z=\(z), ν=\(nu)")
            }
        }
    }

    @Test("edges: P(0, x) = 1, P(a, 0) = 0, I_x(0, b) = 1, I_x(a, 0) = 0, F_t(0) = ½")
    func edges() {
        #expect(IncompleteGamma.evaluate(0, 3).logP == 0)
        #expect(IncompleteGamma.evaluate(0, 3).logQ == -.infinity)
        #expect(IncompleteGamma.evaluate(2, 0).logP == -.infinity)
        #expect(IncompleteBeta.evaluate(0, 2, 0.4).value == 0)
        #expect(IncompleteBeta.evaluate(2, 0, 0.4).value == -.infinity)
        #expect(StudentTCDF.evaluate(0, 3).value == -log(2))
        #expect(IncompleteGamma.evaluate(-1, 3).logP.isNaN)
    }
}
