import Testing

@testable import Model

/// pdf, logpdf, cdf, ccdf and quantile of every family against scipy 1.17.1 (the table is
/// printed by Scripts/data/reference/scripts/distribution_functions.py).
///
/// Tolerance 1e-12 relative: the functions are built from log-space pieces (log Φ, the
/// incomplete gamma and beta in log space, log1p/log1mexp) each good to a few ulps, and
/// scipy's own values (Cephes, Boost) are good to ~1e-14; an error of formula would be O(1).
/// Quantiles are bisected to adjacent doubles, so they meet the same bound, except where
/// the CDF is flat to rounding (Uniform's, exact) — and for counts they are whole numbers.
struct DistributionFunctionTests {
    static let table: [(String, [Double], String, Double, Double)] = [
        ("Normal", [1.5, 2.0], "pdf", -3.0, 0.01586982591783371),
        ("Normal", [1.5, 2.0], "logpdf", -3.0, -4.143335713764618),
        ("Normal", [1.5, 2.0], "cdf", -3.0, 0.012224472655044696),
        ("Normal", [1.5, 2.0], "ccdf", -3.0, 0.9877755273449553),
        ("Normal", [1.5, 2.0], "pdf", 1.0, 0.19333405840142465),
        ("Normal", [1.5, 2.0], "logpdf", 1.0, -1.643335713764618),
        ("Normal", [1.5, 2.0], "cdf", 1.0, 0.4012936743170763),
        ("Normal", [1.5, 2.0], "ccdf", 1.0, 0.5987063256829237),
        ("Normal", [1.5, 2.0], "pdf", 12.0, 2.0642354943149992e-07),
        ("Normal", [1.5, 2.0], "logpdf", 12.0, -15.393335713764618),
        ("Normal", [1.5, 2.0], "cdf", 12.0, 0.9999999239503948),
        ("Normal", [1.5, 2.0], "ccdf", 12.0, 7.6049605164887e-08),
        ("Normal", [1.5, 2.0], "quantile", 1e-06, -8.006848617645797),
        ("Normal", [1.5, 2.0], "quantile", 0.3, 0.4511989745839182),
        ("Normal", [1.5, 2.0], "quantile", 0.975, 5.419927969080108),
        ("Bernoulli", [0.3], "pdf", 0, 0.7000000000000002),
        ("Bernoulli", [0.3], "logpdf", 0, -0.35667494393873245),
        ("Bernoulli", [0.3], "cdf", 0, 0.7),
        ("Bernoulli", [0.3], "ccdf", 0, 0.3),
        ("Bernoulli", [0.3], "pdf", 1, 0.3),
        ("Bernoulli", [0.3], "logpdf", 1, -1.2039728043259361),
        ("Bernoulli", [0.3], "cdf", 1, 1.0),
        ("Bernoulli", [0.3], "ccdf", 1, 0.0),
        ("Bernoulli", [0.3], "quantile", 1e-06, 0.0),
        ("Bernoulli", [0.3], "quantile", 0.3, 0.0),
        ("Bernoulli", [0.3], "quantile", 0.975, 1.0),
        ("Binomial", [12, 0.35], "pdf", 0, 0.005688009063105735),
        ("Binomial", [12, 0.35], "logpdf", 0, -5.169394993109451),
        ("Binomial", [12, 0.35], "cdf", 0, 0.0056880090631057124),
        ("Binomial", [12, 0.35], "ccdf", 0, 0.9943119909368943),
        ("Binomial", [12, 0.35], "pdf", 4, 0.23669235431027727),
        ("Binomial", [12, 0.35], "logpdf", 4, -1.4409940641656567),
        ("Binomial", [12, 0.35], "cdf", 4, 0.5833450504889477),
        ("Binomial", [12, 0.35], "ccdf", 4, 0.4166549495110523),
        ("Binomial", [12, 0.35], "pdf", 11, 7.530834275097653e-05),
        ("Binomial", [12, 0.35], "logpdf", 11, -9.493919635789911),
        ("Binomial", [12, 0.35], "cdf", 11, 0.9999966207794919),
        ("Binomial", [12, 0.35], "ccdf", 11, 3.379220508056638e-06),
        ("Binomial", [12, 0.35], "quantile", 1e-06, 0.0),
        ("Binomial", [12, 0.35], "quantile", 0.3, 3.0),
        ("Binomial", [12, 0.35], "quantile", 0.975, 8.0),
        ("Poisson", [3.7], "pdf", 0, 0.024723526470339388),
        ("Poisson", [3.7], "logpdf", 0, -3.7),
        ("Poisson", [3.7], "cdf", 0, 0.02472352647033939),
        ("Poisson", [3.7], "ccdf", 0, 0.9752764735296606),
        ("Poisson", [3.7], "pdf", 3, 0.20872013105035025),
        ("Poisson", [3.7], "logpdf", 3, -1.5667610102775185),
        ("Poisson", [3.7], "cdf", 3, 0.4941532441504184),
        ("Poisson", [3.7], "ccdf", 3, 0.5058467558495816),
        ("Poisson", [3.7], "pdf", 15, 6.3042970282817305e-06),
        ("Poisson", [3.7], "logpdf", 15, -11.97427908908821),
        ("Poisson", [3.7], "cdf", 15, 0.9999981440596224),
        ("Poisson", [3.7], "ccdf", 15, 1.8559403776576818e-06),
        ("Poisson", [3.7], "quantile", 1e-06, 0.0),
        ("Poisson", [3.7], "quantile", 0.3, 3.0),
        ("Poisson", [3.7], "quantile", 0.975, 8.0),
        ("Exponential", [0.5], "pdf", 0.1, 0.475614712250357),
        ("Exponential", [0.5], "logpdf", 0.1, -0.7431471805599453),
        ("Exponential", [0.5], "cdf", 0.1, 0.048770575499286),
        ("Exponential", [0.5], "ccdf", 0.1, 0.951229424500714),
        ("Exponential", [0.5], "pdf", 2.0, 0.18393972058572117),
        ("Exponential", [0.5], "logpdf", 2.0, -1.6931471805599454),
        ("Exponential", [0.5], "cdf", 2.0, 0.6321205588285577),
        ("Exponential", [0.5], "ccdf", 2.0, 0.36787944117144233),
        ("Exponential", [0.5], "pdf", 30.0, 1.529511602509129e-07),
        ("Exponential", [0.5], "logpdf", 30.0, -15.693147180559945),
        ("Exponential", [0.5], "cdf", 30.0, 0.9999996940976795),
        ("Exponential", [0.5], "ccdf", 30.0, 3.059023205018258e-07),
        ("Exponential", [0.5], "quantile", 1e-06, 2.0000010000006668e-06),
        ("Exponential", [0.5], "quantile", 0.3, 0.7133498878774649),
        ("Exponential", [0.5], "quantile", 0.975, 7.377758908227871),
        ("Beta", [2.5, 4.0], "pdf", 0.05, 0.34598544428925926),
        ("Beta", [2.5, 4.0], "logpdf", 0.05, -1.0613585733374706),
        ("Beta", [2.5, 4.0], "cdf", 0.05, 0.007239248240554228),
        ("Beta", [2.5, 4.0], "ccdf", 0.05, 0.9927607517594458),
        ("Beta", [2.5, 4.0], "pdf", 0.4, 1.9723125766470182),
        ("Beta", [2.5, 4.0], "logpdf", 0.4, 0.6792067510469626),
        ("Beta", [2.5, 4.0], "cdf", 0.4, 0.5558019215511945),
        ("Beta", [2.5, 4.0], "ccdf", 0.4, 0.4441980784488056),
        ("Beta", [2.5, 4.0], "pdf", 0.97, 0.0009310079113516943),
        ("Beta", [2.5, 4.0], "logpdf", 0.97, -6.979242783030838),
        ("Beta", [2.5, 4.0], "cdf", 0.97, 0.9999929524874228),
        ("Beta", [2.5, 4.0], "ccdf", 0.97, 7.047512577251742e-06),
        ("Beta", [2.5, 4.0], "quantile", 1e-06, 0.0013699773397075627),
        ("Beta", [2.5, 4.0], "quantile", 0.3, 0.2740342469010002),
        ("Beta", [2.5, 4.0], "quantile", 0.975, 0.7506730097187178),
        ("Gamma", [2.2, 1.3], "pdf", 0.2, 0.18067208427773232),
        ("Gamma", [2.2, 1.3], "logpdf", 0.2, -1.711071579883079),
        ("Gamma", [2.2, 1.3], "cdf", 0.2, 0.017846167458141177),
        ("Gamma", [2.2, 1.3], "ccdf", 0.2, 0.9821538325418588),
        ("Gamma", [2.2, 1.3], "pdf", 1.5, 0.37411652899936493),
        ("Gamma", [2.2, 1.3], "logpdf", 1.5, -0.9831879552323612),
        ("Gamma", [2.2, 1.3], "cdf", 1.5, 0.5212579054666644),
        ("Gamma", [2.2, 1.3], "ccdf", 1.5, 0.4787420945333356),
        ("Gamma", [2.2, 1.3], "pdf", 12.0, 5.35297484811322e-06),
        ("Gamma", [2.2, 1.3], "logpdf", 12.0, -12.137858105216559),
        ("Gamma", [2.2, 1.3], "cdf", 12.0, 0.999995561709864),
        ("Gamma", [2.2, 1.3], "ccdf", 12.0, 4.438290135950566e-06),
        ("Gamma", [2.2, 1.3], "quantile", 1e-06, 0.002157492391859001),
        ("Gamma", [2.2, 1.3], "quantile", 0.3, 0.9667381794006219),
        ("Gamma", [2.2, 1.3], "quantile", 0.975, 4.5497382591438855),
        ("LogNormal", [0.4, 0.8], "pdf", 0.3, 0.22273634442845983),
        ("LogNormal", [0.4, 0.8], "logpdf", 0.3, -1.50176651898422),
        ("LogNormal", [0.4, 0.8], "cdf", 0.3, 0.02248334069573865),
        ("LogNormal", [0.4, 0.8], "ccdf", 0.3, 0.9775166593042613),
        ("LogNormal", [0.4, 0.8], "pdf", 1.5, 0.33244414302183384),
        ("LogNormal", [0.4, 0.8], "logpdf", 1.5, -1.10128342391006),
        ("LogNormal", [0.4, 0.8], "cdf", 1.5, 0.5027253071667641),
        ("LogNormal", [0.4, 0.8], "ccdf", 1.5, 0.4972746928332359),
        ("LogNormal", [0.4, 0.8], "pdf", 20.0, 0.00012903151952489507),
        ("LogNormal", [0.4, 0.8], "logpdf", 20.0, -8.955453846045836),
        ("LogNormal", [0.4, 0.8], "cdf", 20.0, 0.9994120563537036),
        ("LogNormal", [0.4, 0.8], "ccdf", 20.0, 0.0005879436462964944),
        ("LogNormal", [0.4, 0.8], "quantile", 1e-06, 0.03328197076585839),
        ("LogNormal", [0.4, 0.8], "quantile", 0.3, 0.9806688793693604),
        ("LogNormal", [0.4, 0.8], "quantile", 0.975, 7.156143278763102),
        ("StudentT", [0.5, 1.5, 4.5], "pdf", -20.0, 8.368286645824957e-06),
        ("StudentT", [0.5, 1.5, 4.5], "logpdf", -20.0, -11.691061396230193),
        ("StudentT", [0.5, 1.5, 4.5], "cdf", -20.0, 3.889717423307033e-05),
        ("StudentT", [0.5, 1.5, 4.5], "ccdf", -20.0, 0.9999611028257669),
        ("StudentT", [0.5, 1.5, 4.5], "pdf", 0.2, 0.2456463842937748),
        ("StudentT", [0.5, 1.5, 4.5], "logpdf", 0.2, -1.403862239410163),
        ("StudentT", [0.5, 1.5, 4.5], "cdf", 0.2, 0.42509980594753105),
        ("StudentT", [0.5, 1.5, 4.5], "ccdf", 0.2, 0.574900194052469),
        ("StudentT", [0.5, 1.5, 4.5], "pdf", 3.0, 0.06709919307045654),
        ("StudentT", [0.5, 1.5, 4.5], "logpdf", 3.0, -2.7015832608524217),
        ("StudentT", [0.5, 1.5, 4.5], "cdf", 3.0, 0.9185376425692572),
        ("StudentT", [0.5, 1.5, 4.5], "ccdf", 3.0, 0.08146235743074284),
        ("StudentT", [0.5, 1.5, 4.5], "quantile", 1e-06, -46.122034874723866),
        ("StudentT", [0.5, 1.5, 4.5], "quantile", 0.3, -0.3452587059090668),
        ("StudentT", [0.5, 1.5, 4.5], "quantile", 0.975, 4.488368520806605),
        ("Weibull", [1.7, 3.0], "pdf", 0.5, 0.15415991151974964),
        ("Weibull", [1.7, 3.0], "logpdf", 0.5, -1.8697648288269586),
        ("Weibull", [1.7, 3.0], "cdf", 0.5, 0.04643640783910598),
        ("Weibull", [1.7, 3.0], "ccdf", 0.5, 0.953563592160894),
        ("Weibull", [1.7, 3.0], "pdf", 2.5, 0.23952554297733805),
        ("Weibull", [1.7, 3.0], "logpdf", 2.5, -1.429095216555637),
        ("Weibull", [1.7, 3.0], "cdf", 2.5, 0.5197680627562961),
        ("Weibull", [1.7, 3.0], "ccdf", 2.5, 0.48023193724370394),
        ("Weibull", [1.7, 3.0], "pdf", 12.0, 3.893405381040782e-05),
        ("Weibull", [1.7, 3.0], "logpdf", 12.0, -10.153641271005169),
        ("Weibull", [1.7, 3.0], "cdf", 12.0, 0.9999739648571933),
        ("Weibull", [1.7, 3.0], "ccdf", 12.0, 2.6035142806695188e-05),
        ("Weibull", [1.7, 3.0], "quantile", 1e-06, 0.0008865630313147689),
        ("Weibull", [1.7, 3.0], "quantile", 0.3, 1.6358828402943182),
        ("Weibull", [1.7, 3.0], "quantile", 0.975, 6.4652985792994455),
        ("NegativeBinomial", [4.0, 2.5], "pdf", 0, 0.09174166759556839),
        ("NegativeBinomial", [4.0, 2.5], "logpdf", 0, -2.388778612568591),
        ("NegativeBinomial", [4.0, 2.5], "cdf", 0, 0.0917416675955684),
        ("NegativeBinomial", [4.0, 2.5], "ccdf", 0, 0.9082583324044315),
        ("NegativeBinomial", [4.0, 2.5], "pdf", 3, 0.14030587306377323),
        ("NegativeBinomial", [4.0, 2.5], "logpdf", 3, -1.9639304319959507),
        ("NegativeBinomial", [4.0, 2.5], "cdf", 3, 0.525186596881868),
        ("NegativeBinomial", [4.0, 2.5], "ccdf", 3, 0.474813403118132),
        ("NegativeBinomial", [4.0, 2.5], "pdf", 30, 5.695997107265846e-06),
        ("NegativeBinomial", [4.0, 2.5], "logpdf", 30, -12.07574689170833),
        ("NegativeBinomial", [4.0, 2.5], "cdf", 30, 0.9999897118425061),
        ("NegativeBinomial", [4.0, 2.5], "ccdf", 30, 1.028815749390021e-05),
        ("NegativeBinomial", [4.0, 2.5], "quantile", 1e-06, 0.0),
        ("NegativeBinomial", [4.0, 2.5], "quantile", 0.3, 2.0),
        ("NegativeBinomial", [4.0, 2.5], "quantile", 0.975, 12.0),
        ("Geometric", [0.3], "pdf", 0, 0.3),
        ("Geometric", [0.3], "logpdf", 0, -1.2039728043259361),
        ("Geometric", [0.3], "cdf", 0, 0.3),
        ("Geometric", [0.3], "ccdf", 0, 0.7000000000000001),
        ("Geometric", [0.3], "pdf", 2, 0.14699999999999996),
        ("Geometric", [0.3], "logpdf", 2, -1.917322692203401),
        ("Geometric", [0.3], "cdf", 2, 0.6569999999999999),
        ("Geometric", [0.3], "ccdf", 2, 0.3430000000000001),
        ("Geometric", [0.3], "pdf", 25, 4.0232058589918884e-05),
        ("Geometric", [0.3], "logpdf", 25, -10.120846402794246),
        ("Geometric", [0.3], "cdf", 25, 0.9999061251966235),
        ("Geometric", [0.3], "ccdf", 25, 9.38748033764777e-05),
        ("Geometric", [0.3], "quantile", 1e-06, 0.0),
        ("Geometric", [0.3], "quantile", 0.3, 0.0),
        ("Geometric", [0.3], "quantile", 0.975, 10.0),
        ("Laplace", [1.0, 2.0], "pdf", -8.0, 0.0027772491345605765),
        ("Laplace", [1.0, 2.0], "logpdf", -8.0, -5.886294361119891),
        ("Laplace", [1.0, 2.0], "cdf", -8.0, 0.005554498269121153),
        ("Laplace", [1.0, 2.0], "ccdf", -8.0, 0.9944455017308789),
        ("Laplace", [1.0, 2.0], "pdf", 0.5, 0.19470019576785122),
        ("Laplace", [1.0, 2.0], "logpdf", 0.5, -1.6362943611198906),
        ("Laplace", [1.0, 2.0], "cdf", 0.5, 0.38940039153570244),
        ("Laplace", [1.0, 2.0], "ccdf", 0.5, 0.6105996084642975),
        ("Laplace", [1.0, 2.0], "pdf", 2.0, 0.15163266492815836),
        ("Laplace", [1.0, 2.0], "logpdf", 2.0, -1.8862943611198908),
        ("Laplace", [1.0, 2.0], "cdf", 2.0, 0.6967346701436833),
        ("Laplace", [1.0, 2.0], "ccdf", 2.0, 0.3032653298563167),
        ("Laplace", [1.0, 2.0], "quantile", 1e-06, -25.244726754808656),
        ("Laplace", [1.0, 2.0], "quantile", 0.3, -0.021651247531981443),
        ("Laplace", [1.0, 2.0], "quantile", 0.975, 6.99146454710798),
        ("Cauchy", [-1.0, 0.5], "pdf", -300.0, 1.780231742754104e-06),
        ("Cauchy", [-1.0, 0.5], "logpdf", -300.0, -13.23876700957611),
        ("Cauchy", [-1.0, 0.5], "cdf", -300.0, 0.0005322902834083083),
        ("Cauchy", [-1.0, 0.5], "ccdf", -300.0, 0.9994677097165917),
        ("Cauchy", [-1.0, 0.5], "pdf", -1.2, 0.5488101485927426),
        ("Cauchy", [-1.0, 0.5], "logpdf", -1.2, -0.600002710407728),
        ("Cauchy", [-1.0, 0.5], "cdf", -1.2, 0.37888105840915665),
        ("Cauchy", [-1.0, 0.5], "ccdf", -1.2, 0.6211189415908434),
        ("Cauchy", [-1.0, 0.5], "pdf", 4.0, 0.00630316606304536),
        ("Cauchy", [-1.0, 0.5], "logpdf", 4.0, -5.066703222130714),
        ("Cauchy", [-1.0, 0.5], "cdf", 4.0, 0.9682744825694465),
        ("Cauchy", [-1.0, 0.5], "ccdf", 4.0, 0.03172551743055357),
        ("Cauchy", [-1.0, 0.5], "quantile", 1e-06, -159155.94309137174),
        ("Cauchy", [-1.0, 0.5], "quantile", 0.3, -1.3632712640026805),
        ("Cauchy", [-1.0, 0.5], "quantile", 0.975, 5.353102368087347),
        ("Uniform", [-1.0, 3.0], "pdf", -0.5, 0.25),
        ("Uniform", [-1.0, 3.0], "logpdf", -0.5, -1.3862943611198906),
        ("Uniform", [-1.0, 3.0], "cdf", -0.5, 0.125),
        ("Uniform", [-1.0, 3.0], "ccdf", -0.5, 0.875),
        ("Uniform", [-1.0, 3.0], "pdf", 1.0, 0.25),
        ("Uniform", [-1.0, 3.0], "logpdf", 1.0, -1.3862943611198906),
        ("Uniform", [-1.0, 3.0], "cdf", 1.0, 0.5),
        ("Uniform", [-1.0, 3.0], "ccdf", 1.0, 0.5),
        ("Uniform", [-1.0, 3.0], "pdf", 2.9, 0.25),
        ("Uniform", [-1.0, 3.0], "logpdf", 2.9, -1.3862943611198906),
        ("Uniform", [-1.0, 3.0], "cdf", 2.9, 0.975),
        ("Uniform", [-1.0, 3.0], "ccdf", 2.9, 0.025000000000000022),
        ("Uniform", [-1.0, 3.0], "quantile", 1e-06, -0.999996),
        ("Uniform", [-1.0, 3.0], "quantile", 0.3, 0.19999999999999996),
        ("Uniform", [-1.0, 3.0], "quantile", 0.975, 2.9),
        ("ChiSquared", [3.0], "pdf", 0.1, 0.12000389484301362),
        ("ChiSquared", [3.0], "logpdf", 0.1, -2.1202310797016954),
        ("ChiSquared", [3.0], "cdf", 0.1, 0.00816257626812352),
        ("ChiSquared", [3.0], "ccdf", 0.1, 0.9918374237318764),
        ("ChiSquared", [3.0], "pdf", 2.5, 0.1807223926681813),
        ("ChiSquared", [3.0], "logpdf", 2.5, -1.7107931672675951),
        ("ChiSquared", [3.0], "cdf", 2.5, 0.5247089166569795),
        ("ChiSquared", [3.0], "ccdf", 2.5, 0.4752910833430205),
        ("ChiSquared", [3.0], "pdf", 40.0, 5.200563737654403e-09),
        ("ChiSquared", [3.0], "logpdf", 40.0, -19.0744988061477),
        ("ChiSquared", [3.0], "cdf", 40.0, 0.9999999893449096),
        ("ChiSquared", [3.0], "ccdf", 40.0, 1.065509033425585e-08),
        ("ChiSquared", [3.0], "quantile", 1e-06, 0.00024181048720124264),
        ("ChiSquared", [3.0], "quantile", 0.3, 1.4236522430352798),
        ("ChiSquared", [3.0], "quantile", 0.975, 9.348403604496148),
    ]

    /// The support checks' whole-number test (no `rounded()`), at the edges of Int64's path:
    /// 2⁵² − ½ is the largest double with a fraction, and from 2⁵² on every finite double is whole.
    @Test func wholeNumbers() {
        let whole: [Double] = [0, -0.0, 1, -3, 4_503_599_627_370_495, 4_503_599_627_370_496, 9_007_199_254_740_993, 1e300]
        let notWhole: [Double] = [0.5, -2.5, 4_503_599_627_370_495.5, 1e-300, .infinity, -.infinity, .nan]
        for x in whole { #expect(x.isWholeNumber, "\(x)") }
        for x in notWhole { #expect(!x.isWholeNumber, "\(x)") }
        for x in whole + notWhole { #expect(x.isWholeNumber == (x.isFinite && x == x.rounded()), "\(x)") }
        #expect(Support.count.contains(7, arguments: []) && !Support.count.contains(7.5, arguments: []))
        #expect(!Support.count.contains(-1, arguments: []) && !Support.count.contains(.infinity, arguments: []))
        #expect(TermData.firstOutside([0, 1, 2, 3.5, 4], .count) == 3)
    }

    @Test("every family's pdf, logpdf, cdf, ccdf and quantile agree with scipy")
    func againstScipy() {
        var checked = Set<String>()
        for (name, args, kind, x, expected) in DistributionFunctionTests.table {
            guard let family = Distributions.named(name), let k = DistributionFunctions.Kind(rawValue: kind) else {
                Issue.record("unknown \(name) or \(kind)")
                continue
            }
            let got = DistributionFunctions.evaluate(k, family, args, x)
            let tolerance = 1e-12 * max(abs(expected), 1e-300)
            #expect(abs(got - expected) <= tolerance, "\(kind)(\(name)(\(args)), \(x)) = \(got), scipy \(expected)")
            checked.insert(name)
        }
        // Categorical (a vector argument) and Dirichlet (over a simplex) have no scalar pdf/cdf.
        let scalar = Distributions.all.filter { $0.outcomeProbabilities == nil && !$0.isSimplexDistribution }
        #expect(checked.count == scalar.count, "every family is in the table")
    }

    /// The sampler draws from the distribution the density describes: at its quartiles, the
    /// fraction of 20,000 seeded draws at or below x matches cdf(x). The fraction's standard
    /// deviation is at most √(¼/20000) ≈ 0.0035, so 0.02 (over 5 sd) never fails by chance
    /// for a correct sampler, and a wrong parametrisation (rate for scale) is off by far more.
    @Test("every family's sampler agrees with its cdf")
    func samplers() {
        let arguments = Dictionary(
            DistributionFunctionTests.table.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
        for family in Distributions.all {
            guard let args = arguments[family.name] else { continue }
            let rng = RandomSource(seed: 2026)
            let draws = (0..<20_000).map { _ in family.draw(args, using: rng) }
            for p in [0.25, 0.5, 0.75] {
                let x = DistributionFunctions.evaluate(.quantile, family, args, p)
                let expected = DistributionFunctions.evaluate(.cdf, family, args, x)
                let fraction = Double(draws.filter { $0 <= x }.count) / Double(draws.count)
                #expect(abs(fraction - expected) < 0.02, "\(family.name) at its \(p) quantile")
            }
        }
    }
}
