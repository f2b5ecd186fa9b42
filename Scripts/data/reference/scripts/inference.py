"""Reference values for inference (issue 10), Python side, and INFERENCE.md.

Run from Scripts/data/reference after `Rscript scripts/inference.R`:
    python3 scripts/inference.py
Writes out/inference_py.tsv and INFERENCE.md (which lists the R values of
out/inference_r.tsv too). Needs numpy, scipy, statsmodels, pandas.
"""
import math
import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats, optimize, integrate

rows = []


def put(key, val, how):
    vals = np.atleast_1d(np.asarray(val, dtype=float))
    for i, v in enumerate(vals):
        k = key if vals.size == 1 else f"{key}[{i + 1}]"
        rows.append((k, repr(float(v)), how))


q = stats.chi2.ppf(0.95, 1)

# statsmodels Logit: am ~ hp + wt (Newton's method, SEs at the MLE)
d = pd.read_csv("../mtcars.csv")
X = sm.add_constant(d[["hp", "wt"]])
r = sm.Logit(d.am, X).fit(method="newton", tol=1e-14, maxiter=100, disp=0)
put("sm.logit.params", r.params, "statsmodels Logit(am, [1, hp, wt]).fit(method='newton').params")
put("sm.logit.bse", r.bse, "statsmodels Logit ... .bse")
put("sm.logit.z", r.tvalues, "statsmodels Logit ... .tvalues (z)")
put("sm.logit.p", r.pvalues, "statsmodels Logit ... .pvalues")
put("sm.logit.llnull", r.llnull, "statsmodels Logit ... .llnull")
put("sm.logit.prsquared", r.prsquared, "statsmodels Logit ... .prsquared (McFadden)")
put("sm.logit.llr", r.llr, "statsmodels Logit ... .llr")
put("sm.logit.llr_pvalue", r.llr_pvalue, "statsmodels Logit ... .llr_pvalue")

disc = pd.read_csv("../discoveries.csv")
rp = sm.Poisson(disc["count"], sm.add_constant(disc[["t"]])).fit(method="newton", tol=1e-14, disp=0)
put("sm.poisson.p", rp.pvalues, "statsmodels Poisson(count, [1, t]).fit().pvalues")
put("sm.poisson.z", rp.tvalues, "statsmodels Poisson(count, [1, t]).fit().tvalues")
put("sm.poisson.llnull", rp.llnull, "statsmodels Poisson ... .llnull")
put("sm.poisson.prsquared", rp.prsquared, "statsmodels Poisson ... .prsquared")

# Normal sample (Scripts/golden/gaussian.mle): profile intervals of μ and σ in closed form.
x = np.array([4.8, 5.2, 3.9, 6.1, 5.0, 4.5, 5.7, 4.3, 5.5, 5.1])
n = len(x)
m, s2 = x.mean(), ((x - x.mean()) ** 2).mean()
# ℓ_p(μ) = −n/2·log(σ̂²(μ)) + const, σ̂²(μ) = s² + (μ − m)²: 2(ℓ̂ − ℓ_p) = n·log(1 + (μ − m)²/s²).
h = math.sqrt(s2 * math.expm1(q / n))
put("gauss.profile.mu", [m - h, m + h], "x̄ ∓ σ̂·√(exp(χ²₁/n) − 1): n·log(1 + (μ − x̄)²/σ̂²) = χ²₁(0.95)")
# ℓ_p(σ) = −n log σ − n σ̂²/(2σ²): 2(ℓ̂ − ℓ_p) = n(s²/σ² − 1 − log(s²/σ²)).
g = lambda sig: n * (s2 / sig**2 - 1 - math.log(s2 / sig**2)) - q
sh = math.sqrt(s2)
put("gauss.profile.sigma", [optimize.brentq(g, 1e-3, sh, xtol=1e-15), optimize.brentq(g, sh, 100, xtol=1e-15)],
    "brentq on n(σ̂²/σ² − 1 − log(σ̂²/σ²)) = χ²₁(0.95)")

# Coin, 7 heads in 10: the LR interval; 3 of 3: exp(−χ²₁/6).
lc = lambda p: 7 * math.log(p) + 3 * math.log1p(-p)
f = lambda p: 2 * (lc(0.7) - lc(p)) - q
put("coin7.profile", [optimize.brentq(f, 1e-6, 0.7, xtol=1e-15), optimize.brentq(f, 0.7, 1 - 1e-12, xtol=1e-15)],
    "brentq on 2(ℓ(0.7) − ℓ(p)) = χ²₁(0.95), ℓ(p) = 7 log p + 3 log(1 − p)")
put("coin3.profile.lower", math.exp(-q / 6), "exp(−χ²₁(0.95)/6)")
put("coin3.cp.lower", stats.beta.ppf(0.025, 3, 1), "scipy beta.ppf(0.025, 3, 1) = 0.025^(1/3) (Clopper–Pearson)")

# NIST BoxBOD, y = b1(1 − exp(−b2 x)) + ε, Normal: the MLE and the observed and expected information.
bx = np.array([1, 2, 3, 5, 7, 10.0])
by = np.array([109, 149, 149, 191, 213, 224.0])
res = lambda b: by - b[0] * (1 - np.exp(-b[1] * bx))
b = optimize.least_squares(res, [100, 0.75], xtol=1e-15, ftol=1e-15, gtol=1e-15).x
for _ in range(5):  # Gauss–Newton polish
    e = np.exp(-b[1] * bx)
    J = np.c_[1 - e, b[0] * bx * e]
    b = b + np.linalg.lstsq(J, res(b), rcond=None)[0]
e = np.exp(-b[1] * bx)
r_ = res(b)
sig2 = (r_ ** 2).mean()
J = np.c_[1 - e, b[0] * bx * e]
# ∇²μᵢ: ∂²/∂b1∂b2 = x e, ∂²/∂b2² = −b1 x² e, ∂²/∂b1² = 0.
H2 = np.zeros((2, 2))
for i in range(6):
    H2 += r_[i] * np.array([[0, bx[i] * e[i]], [bx[i] * e[i], -b[0] * bx[i] ** 2 * e[i]]])
obs = np.zeros((3, 3))
obs[:2, :2] = (J.T @ J - H2) / sig2
obs[:2, 2] = obs[2, :2] = 2 * (J.T @ r_) / sig2**1.5
obs[2, 2] = -6 / sig2 + 3 * (r_ ** 2).sum() / sig2**2
exp_ = np.zeros((3, 3))
exp_[:2, :2] = J.T @ J / sig2
exp_[2, 2] = 2 * 6 / sig2
put("boxbod.estimate", [b[0], b[1], math.sqrt(sig2)], "scipy least_squares + Gauss–Newton polish; σ̂ = √(RSS/n)")
put("boxbod.se.observed", np.sqrt(np.diag(np.linalg.inv(obs))), "√diag of the inverse observed information (analytic)")
put("boxbod.se.expected", np.sqrt(np.diag(np.linalg.inv(exp_))), "√diag of the inverse of [JᵀJ/σ̂², 2n/σ̂²]")

# Cauchy(μ, 1) with two clusters: both local maxima of ℓ(μ) = −Σ log(1 + (x − μ)²) − n log π.
cx = np.array([-0.8, -0.3, 0.1, 0.4, 0.7, 1.1, 9.6, 9.9, 10.2, 10.5])
lcau = lambda mu: -np.log1p((cx - mu) ** 2).sum() - len(cx) * math.log(math.pi)
dl = lambda mu: (2 * (cx - mu) / (1 + (cx - mu) ** 2)).sum()
modes = [optimize.brentq(dl, -0.5, 1.0, xtol=1e-15), optimize.brentq(dl, 9.0, 11.0, xtol=1e-15)]
put("cauchy.modes", modes, "brentq on ℓ'(μ) = Σ 2(x − μ)/(1 + (x − μ)²) in each cluster")
put("cauchy.loglik", [lcau(mu) for mu in modes], "ℓ at each mode")
best = modes[0]
lb = lcau(best)
fc = lambda mu: 2 * (lb - lcau(mu)) - q
put("cauchy.profile", [optimize.brentq(fc, best - 3, best, xtol=1e-15), optimize.brentq(fc, best, best + 3, xtol=1e-15)],
    "brentq on 2(ℓ̂ − ℓ(μ)) = χ²₁(0.95) around the best mode (one param: the profile is ℓ itself)")
hess = -(2 * (1 - (cx - best) ** 2) / (1 + (cx - best) ** 2) ** 2).sum()
put("cauchy.se", 1 / math.sqrt(-hess), "1/√(−ℓ''(μ̂))")

# Tail probabilities for the unit tests.
put("tail.norm.two_sided", [2 * stats.norm.sf(2.5345807159168969), 2 * stats.norm.sf(12.5), 2 * stats.norm.sf(40)],
    "2·scipy norm.sf(|z|) at z = 2.5345807159168969, 12.5, 40")
put("tail.chi2.sf", [stats.chi2.sf(3.841458820694124, 1), stats.chi2.sf(33.170622804590806, 2), stats.chi2.sf(400, 3)],
    "scipy chi2.sf at (3.841458820694124, 1), (33.170622804590806, 2), (400, 3)")
put("tail.chi2.ppf", [stats.chi2.ppf(0.95, 1), stats.chi2.ppf(0.99, 1)], "scipy chi2.ppf(0.95 and 0.99, 1)")
put("tail.chibar", 0.5 * stats.chi2.sf(2.7, 1) + 0.25 * stats.chi2.sf(2.7, 2),
    "χ̄² with df = 2, m = 2 boundary restrictions at 2.7: ¼·0 + ½·sf(2.7, 1) + ¼·sf(2.7, 2)")
put("tail.cp", [stats.beta.ppf(0.025, 7, 4), stats.beta.ppf(0.975, 8, 3)], "Clopper–Pearson 7 of 10: beta.ppf(0.025, 7, 4), beta.ppf(0.975, 8, 3)")

# Fisher information per observation, −E[∂² log f/∂aⱼ∂aₖ], by quadrature or summation of the
# second derivatives by central differences of scipy's logpdf (h = 1e-4: error ~1e-8).
def fisher(logpdf, pdf, a, support, discrete=False):
    a = np.array(a, float)
    k = len(a)
    hh = 1e-4
    def second(y, j, l):
        def lp(dj, dl):
            b = a.copy(); b[j] += dj; b[l] += dl
            return logpdf(y, *b)
        return (lp(hh, hh) - lp(hh, -hh) - lp(-hh, hh) + lp(-hh, -hh)) / (4 * hh * hh)
    out = np.zeros((k, k))
    for j in range(k):
        for l in range(k):
            if discrete:
                out[j, l] = -sum(pdf(y, *a) * second(y, j, l) for y in support)
            else:
                out[j, l] = -integrate.quad(lambda y: pdf(y, *a) * second(y, j, l), *support, limit=200, epsabs=1e-13, epsrel=1e-12)[0]
    return out

fam = {
    "Normal(1, 2)": fisher(lambda y, m, s: stats.norm.logpdf(y, m, s), lambda y, m, s: stats.norm.pdf(y, m, s), [1, 2], (-np.inf, np.inf)),
    "Bernoulli(0.3)": fisher(lambda y, p: y * math.log(p) + (1 - y) * math.log(1 - p), lambda y, p: p if y else 1 - p, [0.3], [0, 1], True),
    "Poisson(2.5)": fisher(lambda y, l: stats.poisson.logpmf(y, l), lambda y, l: stats.poisson.pmf(y, l), [2.5], range(0, 60), True),
    "Exponential(1.7)": fisher(lambda y, l: math.log(l) - l * y, lambda y, l: l * math.exp(-l * y), [1.7], (0, np.inf)),
    "Beta(2, 3)": fisher(lambda y, p, r: stats.beta.logpdf(y, p, r), lambda y, p, r: stats.beta.pdf(y, p, r), [2, 3], (0, 1)),
    "Gamma(2.5, 1.5)": fisher(lambda y, al, be: stats.gamma.logpdf(y, al, scale=1 / be), lambda y, al, be: stats.gamma.pdf(y, al, scale=1 / be), [2.5, 1.5], (0, np.inf)),
    "Binomial(7, 0.3) [p]": fisher(lambda y, p: stats.binom.logpmf(y, 7, p), lambda y, p: stats.binom.pmf(y, 7, p), [0.3], range(0, 8), True),
}
for name, I in fam.items():
    put("fisher." + name, I.flatten(), "−E[∂² log f] by quadrature/summation of central second differences of scipy's logpdf")

# Student-t(μ, σ, ν) on eight values: ν's profile is open above (the Normal, ν = ∞, is within
# χ²₁/2 of the maximum), μ's and σ's are closed: ℓ_p by Nelder–Mead polished with BFGS over the
# free params in (log σ, log ν), ends by brentq.
tx = np.array([-2.1, -0.5, -0.2, 0, 0.1, 0.4, 0.6, 3.0])
tl = lambda mu, ls, lnu: stats.t.logpdf(tx, math.exp(lnu), mu, math.exp(ls)).sum()
def tmax(fun, x0):
    r = optimize.minimize(lambda p: -fun(p), x0, method="Nelder-Mead", options={"xatol": 1e-13, "fatol": 1e-15, "maxiter": 20000})
    r = optimize.minimize(lambda p: -fun(p), r.x, method="BFGS", options={"gtol": 1e-12})
    return -r.fun, r.x
tmaxv, tx0 = tmax(lambda p: tl(*p), [0.05, math.log(0.43), math.log(1.16)])
lnorm = stats.norm.logpdf(tx, tx.mean(), tx.std()).sum()
put("studentt8.loglik", tmaxv, "Nelder–Mead + BFGS maximum of the Student-t log-likelihood")
put("studentt8.lr_normal", 2 * (tmaxv - lnorm), "2(ℓ̂_t − ℓ̂_Normal) < χ²₁(0.95): ν's profile is open above")
def prof_mu(mu):
    return tmax(lambda p: tl(mu, p[0], p[1]), tx0[1:])[0]
def prof_sigma(s):
    return tmax(lambda p: tl(p[0], math.log(s), p[1]), [tx0[0], tx0[2]])[0]
fm = lambda mu: 2 * (tmaxv - prof_mu(mu)) - q
fs = lambda s: 2 * (tmaxv - prof_sigma(s)) - q
put("studentt8.profile.mu", [optimize.brentq(fm, -1.5, tx0[0], xtol=1e-12), optimize.brentq(fm, tx0[0], 1.5, xtol=1e-12)],
    "brentq on the profile of μ (σ, ν refitted by Nelder–Mead + BFGS)")
put("studentt8.profile.sigma", [optimize.brentq(fs, 0.01, math.exp(tx0[1]), xtol=1e-12), optimize.brentq(fs, math.exp(tx0[1]), 5, xtol=1e-12)],
    "brentq on the profile of σ (μ, ν refitted)")

# At the upper ends the restricted fits go to ν = ∞: the Normal profile's ends, in closed form.
lc_ = tmaxv - q / 2
tm, ts2 = tx.mean(), ((tx - tx.mean()) ** 2).mean()
put("studentt8.normal_limit.upper", [tm + math.sqrt(math.exp(-2 * lc_ / 8 - 1 - math.log(2 * math.pi)) - ts2),
    optimize.brentq(lambda sg: -8 * math.log(sg) - 8 * ts2 / (2 * sg * sg) - 4 * math.log(2 * math.pi) - lc_, math.sqrt(ts2), 10, xtol=1e-15)],
    "upper ends of μ and σ from the Normal profile (the restricted fits' ν → ∞ there): closed form and brentq")

with open("out/inference_py.tsv", "w") as fh:
    for k, v, how in rows:
        fh.write(f"{k}\t{v}\t{how}\n")

# INFERENCE.md: every value, R's and Python's, with how it was computed.
r_rows = [l.rstrip("\n").split("\t") for l in open("out/inference_r.tsv")]
with open("INFERENCE.md", "w") as fh:
    fh.write("# Reference values for inference (issue 10)\n\n")
    fh.write("Produced by `scripts/inference.R` (R 4.2.2, MASS 7.3-58.2) and `scripts/inference.py` "
             "(statsmodels 0.15.0, scipy 1.17.1); rerun both from this folder (`Rscript scripts/inference.R && "
             "python3 scripts/inference.py`). Data: `../mtcars.csv`, `../discoveries.csv`, `../dax.csv` as shipped.\n\n")
    fh.write("Note on R's `confint` for a glm (MASS 7.3's `confint.profile.glm`): it profiles on a grid of "
             "steps of about half a standard error and reads the ends off a spline through the grid, so its ends "
             "are approximations (for mtcars `am ~ hp + wt`, 1e-3 relative for the intercept's lower end). "
             "The exact ends — the roots of 2(ℓ̂ − ℓ_p(v)) = χ²₁ — are computed here by uniroot on refitted "
             "restricted models (`mtcars.profile.*`) and agree with Python's brentq and with mle to 1e-12; "
             "the tutorial scripts assert those.\n\n")
    fh.write("| key | value | how |\n|---|---|---|\n")
    for k, v, how in r_rows:
        fh.write(f"| R `{k}` | `{v}` | {how.replace(chr(124), chr(92) + chr(124))} |\n")
    for k, v, how in rows:
        fh.write(f"| py `{k}` | `{v}` | {how.replace(chr(124), chr(92) + chr(124))} |\n")
print("\n".join(f"{k}\t{v}" for k, v, _ in rows))

