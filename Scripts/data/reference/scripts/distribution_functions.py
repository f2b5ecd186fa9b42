"""The table of Tests/ModelTests/DistributionFunctionTests.swift: pdf (pmf), logpdf,
cdf, ccdf (sf) and quantile (ppf) of every family, from scipy 1.17.1, in mle's
parametrisations. Run: python3 distribution_functions.py"""
from scipy import stats

# (mle name, mle arguments, the scipy distribution in those parameters)
families = [
    ("Normal", [1.5, 2.0], stats.norm(1.5, 2.0)),
    ("Bernoulli", [0.3], stats.bernoulli(0.3)),
    ("Binomial", [12, 0.35], stats.binom(12, 0.35)),
    ("Poisson", [3.7], stats.poisson(3.7)),
    ("Exponential", [0.5], stats.expon(scale=2.0)),
    ("Beta", [2.5, 4.0], stats.beta(2.5, 4.0)),
    ("Gamma", [2.2, 1.3], stats.gamma(2.2, scale=1 / 1.3)),
    ("LogNormal", [0.4, 0.8], stats.lognorm(0.8, scale=2.718281828459045 ** 0.4)),
    ("StudentT", [0.5, 1.5, 4.5], stats.t(4.5, 0.5, 1.5)),
    ("Weibull", [1.7, 3.0], stats.weibull_min(1.7, scale=3.0)),
    ("NegativeBinomial", [4.0, 2.5], stats.nbinom(2.5, 2.5 / (2.5 + 4.0))),
    ("Geometric", [0.3], stats.geom(0.3, loc=-1)),
    ("Laplace", [1.0, 2.0], stats.laplace(1.0, 2.0)),
    ("Cauchy", [-1.0, 0.5], stats.cauchy(-1.0, 0.5)),
    ("Uniform", [-1.0, 3.0], stats.uniform(-1.0, 4.0)),
    ("ChiSquared", [3.0], stats.chi2(3.0)),
]
points = {
    "Normal": [-3.0, 1.0, 12.0], "Bernoulli": [0, 1], "Binomial": [0, 4, 11], "Poisson": [0, 3, 15],
    "Exponential": [0.1, 2.0, 30.0], "Beta": [0.05, 0.4, 0.97], "Gamma": [0.2, 1.5, 12.0],
    "LogNormal": [0.3, 1.5, 20.0], "StudentT": [-20.0, 0.2, 3.0], "Weibull": [0.5, 2.5, 12.0],
    "NegativeBinomial": [0, 3, 30], "Geometric": [0, 2, 25], "Laplace": [-8.0, 0.5, 2.0],
    "Cauchy": [-300.0, -1.2, 4.0], "Uniform": [-0.5, 1.0, 2.9], "ChiSquared": [0.1, 2.5, 40.0],
}
probabilities = [1e-6, 0.3, 0.975]
print("    static let table: [(String, [Double], String, Double, Double)] = [")
for name, args, d in families:
    discrete = hasattr(d.dist, "pmf")
    for x in points[name]:
        f = d.pmf(x) if discrete else d.pdf(x)
        lf = d.logpmf(x) if discrete else d.logpdf(x)
        for kind, v in [("pdf", f), ("logpdf", lf), ("cdf", d.cdf(x)), ("ccdf", d.sf(x))]:
            print(f'        ("{name}", {args}, "{kind}", {x!r}, {float(v)!r}),')
    for p in probabilities:
        print(f'        ("{name}", {args}, "quantile", {p!r}, {float(d.ppf(p))!r}),')
print("    ]")
