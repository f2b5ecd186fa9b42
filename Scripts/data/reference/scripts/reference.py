"""Reference values for the MLE tool test suite -- Python side.

Run from Scripts/data/reference AFTER scripts/reference.R (which exports the CSVs):
    python3 scripts/reference.py
Writes out/py_values.tsv (section, key, repr(value), description).

Tools: numpy, scipy, statsmodels (floating point) and fractions/mpmath
(exact rational arithmetic; mpmath with 50 digits only for sqrt/log/pi of
exact rationals).
"""
import csv
import math
import os
import sys
import warnings
from fractions import Fraction

import mpmath
import numpy as np
import pandas as pd
import scipy
import scipy.stats as st
import statsmodels
import statsmodels.api as sm

mpmath.mp.dps = 50
os.makedirs("out", exist_ok=True)
ROWS = []


def put(sec, key, val, desc=""):
    if isinstance(val, (list, tuple, np.ndarray, pd.Series)):
        for i, v in enumerate(list(val)):
            ROWS.append((sec, f"{key}[{i}]", fmt(v), desc))
    else:
        ROWS.append((sec, key, fmt(val), desc))


def fmt(v):
    if isinstance(v, mpmath.mpf):
        return mpmath.nstr(v, 30)          # 30 significant digits for exact values
    if isinstance(v, Fraction):
        return str(v) if v.denominator == 1 else f"{v.numerator}/{v.denominator}"
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    return repr(float(v))


def mpq(fr):
    """Fraction -> mpf with 50 digits."""
    return mpmath.mpf(fr.numerator) / fr.denominator


def read_cols(path):
    with open(path) as fh:
        r = list(csv.reader(fh))
    return r[0], r[1:]


# ------------------------------------------------------------------ exact OLS
def exact_ols(y_str, X_str):
    """Exact rational least squares (normal equations solved with Fractions)."""
    y = [Fraction(v) for v in y_str]
    X = [[Fraction(1)] + [Fraction(v) for v in row] for row in X_str]
    n, p = len(X), len(X[0])
    XtX = [[sum(X[i][a] * X[i][b] for i in range(n)) for b in range(p)] for a in range(p)]
    Xty = [sum(X[i][a] * y[i] for i in range(n)) for a in range(p)]
    # Gauss-Jordan inverse of XtX
    M = [XtX[a][:] + [Fraction(int(a == b)) for b in range(p)] for a in range(p)]
    for c in range(p):
        piv = next(r for r in range(c, p) if M[r][c] != 0)
        M[c], M[piv] = M[piv], M[c]
        pv = M[c][c]
        M[c] = [v / pv for v in M[c]]
        for r in range(p):
            if r != c and M[r][c] != 0:
                f = M[r][c]
                M[r] = [a - f * b for a, b in zip(M[r], M[c])]
    inv = [row[p:] for row in M]
    beta = [sum(inv[a][b] * Xty[b] for b in range(p)) for a in range(p)]
    resid = [y[i] - sum(X[i][a] * beta[a] for a in range(p)) for i in range(n)]
    rss = sum(r * r for r in resid)
    ybar = sum(y) / n
    tss = sum((v - ybar) ** 2 for v in y)
    s2 = rss / (n - p)
    se = [mpmath.sqrt(mpq(s2 * inv[a][a])) for a in range(p)]
    return dict(beta=beta, se=se, rss=rss, s2=s2, resid_sd=mpmath.sqrt(mpq(s2)),
                r2=1 - rss / tss, tss=tss, n=n, p=p)


# ================================================================== 2. NIST
for name, path in (("longley", "longley.csv"), ("norris", "norris.csv")):
    hdr, rows = read_cols(path)
    y_str = [r[0] for r in rows]
    X_str = [r[1:] for r in rows]
    df = pd.read_csv(path)
    X = sm.add_constant(df[hdr[1:]])
    res = sm.OLS(df["y"], X).fit()
    put("nist", f"{name}.coef", res.params.values, "statsmodels OLS params (const first)")
    put("nist", f"{name}.se", res.bse.values, "statsmodels OLS bse")
    put("nist", f"{name}.resid_sd", math.sqrt(res.scale), "sqrt(res.scale)")
    put("nist", f"{name}.r2", res.rsquared, "res.rsquared")
    put("nist", f"{name}.rss", res.ssr, "res.ssr")
    ex = exact_ols(y_str, X_str)
    put("nist", f"{name}.exact.coef", [mpq(b) for b in ex["beta"]], "EXACT rational LS solution (fractions)")
    put("nist", f"{name}.exact.se", ex["se"], "exact sqrt(s^2 (X'X)^-1_jj), 50-digit mpmath sqrt")
    put("nist", f"{name}.exact.resid_sd", ex["resid_sd"], "exact sqrt(RSS/(n-p))")
    put("nist", f"{name}.exact.r2", mpq(ex["r2"]), "exact 1 - RSS/TSS")
    put("nist", f"{name}.exact.rss", mpq(ex["rss"]), "exact RSS")

# ================================================================== 3. logistic
mt = pd.read_csv("mtcars.csv")
z = st.norm.ppf(0.975)
put("logit", "qnorm975", z, "scipy.stats.norm.ppf(0.975)")
for name, cols in (("am_hp_wt", ["hp", "wt"]), ("am_wt", ["wt"])):
    X = sm.add_constant(mt[cols])
    r = sm.Logit(mt["am"], X).fit(method="newton", tol=1e-14, maxiter=200, disp=0)
    pfx = f"logit.{name}."
    k = r.df_model + r.k_constant
    put("logit", pfx + "coef", r.params.values, "statsmodels Logit params")
    put("logit", pfx + "se", r.bse.values, "statsmodels Logit bse")
    put("logit", pfx + "loglik", r.llf, "Logit llf")
    put("logit", pfx + "aic", r.aic, "Logit aic = -2llf + 2(df_model+k_constant)")
    put("logit", pfx + "bic", r.bic, "Logit bic = -2llf + log(nobs)(df_model+k_constant)")
    put("logit", pfx + "k", int(k), "df_model + k_constant")
    put("logit", pfx + "n", int(r.nobs), "nobs")
    put("logit", pfx + "deviance", -2 * r.llf, "-2 llf")
    put("logit", pfx + "null_deviance", -2 * r.llnull, "-2 llnull")
    ci = r.conf_int(alpha=0.05)
    put("logit", pfx + "ci_lo", ci[0].values, "Logit conf_int()[0] (normal-based Wald)")
    put("logit", pfx + "ci_hi", ci[1].values, "Logit conf_int()[1]")



def mp_newton_glm(X, y, family, iters=60):
    """High-precision (mpmath, 50 digits) Newton-Raphson for canonical-link GLMs."""
    n, k = X.shape
    Xm = [[mpmath.mpf(int(v)) if float(v).is_integer() else mpmath.mpf(str(v)) for v in row] for row in X]
    ym = [mpmath.mpf(int(v)) for v in y]
    b = [mpmath.mpf(0)] * k
    for _ in range(iters):
        g = [mpmath.mpf(0)] * k
        H = mpmath.matrix(k, k)
        for i in range(n):
            eta = mpmath.fsum(Xm[i][j] * b[j] for j in range(k))
            if family == "logit":
                mu = 1 / (1 + mpmath.exp(-eta)); w = mu * (1 - mu)
            else:
                mu = mpmath.exp(eta); w = mu
            for j in range(k):
                g[j] += (ym[i] - mu) * Xm[i][j]
                for l in range(k):
                    H[j, l] += w * Xm[i][j] * Xm[i][l]
        step = mpmath.lu_solve(H, mpmath.matrix(g))
        b = [b[j] + step[j] for j in range(k)]
    Hi = H ** -1
    ll = mpmath.mpf(0)
    dev = mpmath.mpf(0)
    for i in range(n):
        eta = mpmath.fsum(Xm[i][j] * b[j] for j in range(k))
        if family == "logit":
            ll += ym[i] * eta - mpmath.log(1 + mpmath.exp(eta))
        else:
            mu = mpmath.exp(eta)
            ll += ym[i] * eta - mu - mpmath.loggamma(ym[i] + 1)
            dev += 2 * ((ym[i] * mpmath.log(ym[i] / mu) if ym[i] > 0 else 0) - (ym[i] - mu))
    mp_newton_glm.deviance = dev if family != "logit" else -2 * ll
    return b, [mpmath.sqrt(Hi[j, j]) for j in range(k)], ll


for name, cols in (("am_hp_wt", ["hp", "wt"]), ("am_wt", ["wt"])):
    X = np.column_stack([np.ones(len(mt))] + [mt[c].to_numpy() for c in cols])
    # mtcars values are short decimals; pass their CSV text to mpmath exactly
    Xs = [[1] + [s for s in row] for row in pd.read_csv("mtcars.csv", dtype=str)[cols].itertuples(index=False)]
    b, se, ll = mp_newton_glm(np.array(Xs, dtype=object), mt["am"].to_numpy(), "logit")
    pfx = f"logit.{name}.exact."
    put("logit", pfx + "coef", b, "50-digit mpmath Newton-Raphson")
    put("logit", pfx + "se", se, "50-digit sqrt(diag(inv(X'WX))) at the MLE")
    put("logit", pfx + "loglik", ll, "50-digit loglik at the MLE")
    kk = len(b)
    put("logit", pfx + "aic", -2 * ll + 2 * kk, "exact -2ll + 2k")
    put("logit", pfx + "bic", -2 * ll + kk * mpmath.log(32), "exact -2ll + k log(32)")
    put("logit", pfx + "deviance", -2 * ll, "exact -2ll")
    n1 = int(mt["am"].sum()); n0 = len(mt) - n1
    put("logit", pfx + "null_deviance", -2 * (n1 * mpmath.log(mpmath.mpf(n1) / 32) + n0 * mpmath.log(mpmath.mpf(n0) / 32)),
        "exact -2[13 log(13/32) + 19 log(19/32)]")
    z_mp = mpmath.sqrt(2) * mpmath.erfinv(mpmath.mpf("0.95"))
    put("logit", pfx + "ci_lo", [bj - z_mp * sj for bj, sj in zip(b, se)], "50-digit Wald lower")
    put("logit", pfx + "ci_hi", [bj + z_mp * sj for bj, sj in zip(b, se)], "50-digit Wald upper")
put("logit", "exact.qnorm975", mpmath.sqrt(2) * mpmath.erfinv(mpmath.mpf("0.95")), "50-digit qnorm(0.975)")

# ================================================================== 4. Poisson
disc = pd.read_csv("discoveries.csv")
x = disc["count"].to_numpy()
n = len(x)
lam = x.mean()
put("pois", "rate.n", n, "n")
put("pois", "rate.sum", int(x.sum()), "sum")
put("pois", "rate.lambda", lam, "mean")
put("pois", "rate.se", math.sqrt(lam / n), "sqrt(lambda/n)")
ll = st.poisson.logpmf(x, lam).sum()
put("pois", "rate.loglik", ll, "sum(scipy.stats.poisson.logpmf)")
put("pois", "rate.aic", -2 * ll + 2, "AIC k=1")
put("pois", "rate.bic", -2 * ll + math.log(n), "BIC k=1")
lam_q = Fraction(int(x.sum()), n)
ll_exact = (int(x.sum()) * mpmath.log(mpq(lam_q)) - n * mpq(lam_q)
            - sum(mpmath.log(mpmath.factorial(int(v))) for v in x))
put("pois", "rate.exact.loglik", ll_exact, "50-digit mpmath: sum x log(3.1) - n*3.1 - sum log x!")
put("pois", "rate.exact.se", mpmath.sqrt(mpq(lam_q) / n), "exact sqrt(31/1000)")
put("pois", "rate.exact.lambda", lam_q, "exact 310/100")
put("pois", "rate.exact.aic", -2 * ll_exact + 2, "exact")
put("pois", "rate.exact.bic", -2 * ll_exact + mpmath.log(n), "exact")
put("pois", "rate.exact.sum_lfactorial", sum(mpmath.log(mpmath.factorial(int(v))) for v in x), "exact sum log x!")
put("pois", "rate.exact.loglik_kernel", int(x.sum()) * mpmath.log(mpq(lam_q)) - n * mpq(lam_q), "exact")
for name, col in (("year", "year"), ("t", "t")):
    X = sm.add_constant(disc[[col]].astype(float))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r = sm.GLM(disc["count"], X, family=sm.families.Poisson()).fit(tol=1e-15, maxiter=200)
        bic_llf = r.bic_llf
    pfx = f"pois.glm_{name}."
    b, se, llx = mp_newton_glm(np.array([[1, int(v)] for v in disc[col]], dtype=object), disc["count"].to_numpy(), "pois")
    put("pois", pfx + "exact.coef", b, "50-digit mpmath Newton-Raphson")
    put("pois", pfx + "exact.se", se, "50-digit SE at the MLE")
    put("pois", pfx + "exact.loglik", llx, "50-digit loglik incl. -log(y!)")
    put("pois", pfx + "exact.deviance", mp_newton_glm.deviance, "50-digit deviance")
    put("pois", pfx + "exact.aic", -2 * llx + 4, "exact -2ll + 4")
    put("pois", pfx + "exact.bic", -2 * llx + 2 * mpmath.log(100), "exact -2ll + 2 log 100")
    put("pois", pfx + "coef", r.params.values, "statsmodels GLM Poisson params")
    put("pois", pfx + "se", r.bse.values, "GLM bse")
    put("pois", pfx + "loglik", r.llf, "GLM llf (full, incl. -log y!)")
    put("pois", pfx + "aic", r.aic, "GLM aic = -2llf + 2(df_model+1)")
    put("pois", pfx + "bic", bic_llf, "GLM bic_llf = -2llf + log(nobs)(df_model+1)  (NOT res.bic, which is deviance-based)")
    put("pois", pfx + "deviance", r.deviance, "GLM deviance")

# ================================================================== 5. Exponential
x = pd.read_csv("rivers.csv")["length"].to_numpy(dtype=float)
n = len(x)
loc, scale = st.expon.fit(x, floc=0)
rate = 1 / scale
ll = st.expon.logpdf(x, scale=scale).sum()
put("expo", "n", n, "n")
put("expo", "sum", int(x.sum()), "sum")
put("expo", "rate", rate, "1/scale from scipy.stats.expon.fit(x, floc=0)")
put("expo", "scipy_scale", scale, "scale (= mean)")
put("expo", "se", rate / math.sqrt(n), "rate/sqrt(n)")
put("expo", "loglik", ll, "sum(expon.logpdf(x, scale))")
put("expo", "aic", -2 * ll + 2, "AIC k=1")
put("expo", "bic", -2 * ll + math.log(n), "BIC k=1")
rq = Fraction(n, int(x.sum()))
put("expo", "exact.rate", mpq(rq), "exact 141/83357")
put("expo", "exact.se", mpq(rq) / mpmath.sqrt(n), "exact rate/sqrt(n)")
put("expo", "exact.loglik", n * mpmath.log(mpq(rq)) - n, "exact n log(rate) - n")
put("expo", "exact.aic", -2 * (n * mpmath.log(mpq(rq)) - n) + 2, "exact")
put("expo", "exact.bic", -2 * (n * mpmath.log(mpq(rq)) - n) + mpmath.log(n), "exact")

# ================================================================== 6. cars
cr = pd.read_csv("cars.csv")
X = sm.add_constant(cr[["speed"]].astype(float))
r = sm.OLS(cr["dist"].astype(float), X).fit()
n, p = int(r.nobs), int(r.df_model + 1)
sig_ml = math.sqrt(r.ssr / n)
put("cars", "n", n, "n")
put("cars", "coef", r.params.values, "statsmodels OLS params")
put("cars", "se_lm", r.bse.values, "OLS bse")
put("cars", "se_ml", r.bse.values * math.sqrt((n - p) / n), "bse*sqrt((n-p)/n)")
put("cars", "rss", r.ssr, "ssr")
put("cars", "sigma_lm", math.sqrt(r.scale), "sqrt(scale)")
put("cars", "sigma_ml", sig_ml, "sqrt(ssr/n)")
put("cars", "se_sigma_ml", sig_ml / math.sqrt(2 * n), "sigma_ml/sqrt(2n)")
put("cars", "loglik", r.llf, "OLS llf")
put("cars", "aic", -2 * r.llf + 2 * (p + 1), "-2llf + 2(p+1)   [NB statsmodels r.aic uses k=p, see sm_aic]")
put("cars", "bic", -2 * r.llf + math.log(n) * (p + 1), "-2llf + log(n)(p+1)")
put("cars", "sm_aic", r.aic, "statsmodels OLS r.aic (k = p = 2, sigma NOT counted)")
put("cars", "sm_bic", r.bic, "statsmodels OLS r.bic (k = p = 2)")
# observed information matrix of (b0, b1, sigma) at the MLE, analytic, inverted numerically
Xm = X.to_numpy()
I = np.zeros((3, 3))
I[:2, :2] = Xm.T @ Xm / sig_ml**2
I[2, 2] = 2 * n / sig_ml**2
put("cars", "se_obsinfo", np.sqrt(np.diag(np.linalg.inv(I))), "sqrt(diag(inv(observed information))) for b0,b1,sigma")
# exact OLS for cars
ex = exact_ols([str(v) for v in cr["dist"]], [[str(v)] for v in cr["speed"]])
put("cars", "exact.coef", [mpq(b) for b in ex["beta"]], "exact rational OLS")
put("cars", "exact.sigma_ml", mpmath.sqrt(mpq(ex["rss"] / n)), "exact sqrt(RSS/n)")
put("cars", "exact.rss", ex["rss"], "exact RSS (rational)")
put("cars", "exact.sigma_lm", ex["resid_sd"], "exact sqrt(RSS/(n-p))")
put("cars", "exact.se_lm", ex["se"], "exact")
put("cars", "exact.se_ml", [v * mpmath.sqrt(mpmath.mpf(n - p) / n) for v in ex["se"]], "exact")
put("cars", "exact.se_sigma_ml", mpmath.sqrt(mpq(ex["rss"] / n)) / mpmath.sqrt(2 * n), "exact")
ll_c = -mpmath.mpf(n) / 2 * (mpmath.log(2 * mpmath.pi) + mpmath.log(mpq(ex["rss"] / n)) + 1)
put("cars", "exact.aic", -2 * ll_c + 6, "exact, k=3")
put("cars", "exact.bic", -2 * ll_c + 3 * mpmath.log(n), "exact, k=3")
put("cars", "exact.se_obsinfo", [v * mpmath.sqrt(mpmath.mpf(n - p) / n) for v in ex["se"]]
    + [mpmath.sqrt(mpq(ex["rss"] / n)) / mpmath.sqrt(2 * n)], "exact: observed-information SEs = (SE_ML b0, SE_ML b1, sigma/sqrt(2n))")
put("cars", "exact.sm_aic", -2 * ll_c + 4, "exact, k=2")
put("cars", "exact.sm_bic", -2 * ll_c + 2 * mpmath.log(n), "exact, k=2")
put("cars", "exact.loglik", -mpmath.mpf(n) / 2 * (mpmath.log(2 * mpmath.pi) + mpmath.log(mpq(ex["rss"] / n)) + 1),
    "exact -n/2(log 2pi + log(RSS/n) + 1)")
# ridge MAP, sigma fixed = 15
y = cr["dist"].to_numpy(dtype=float)
sigma = 15.0
for tag, D, taus in (("map1", np.diag([0.0, 1.0]), (None, 1.0)),
                     ("map2", np.diag([1 / 10.0**2, 1.0]), (10.0, 1.0))):
    A = Xm.T @ Xm / sigma**2 + D
    w = np.linalg.solve(A, Xm.T @ y / sigma**2)
    se = np.sqrt(np.diag(np.linalg.inv(A)))
    llw = st.norm.logpdf(y, Xm @ w, sigma).sum()
    lp = sum(st.norm.logpdf(w[j], 0, t) for j, t in enumerate(taus) if t is not None)
    put("cars", f"{tag}.w", w, "numpy.linalg.solve(X'X/s^2 + D, X'y/s^2)")
    put("cars", f"{tag}.se", se, "sqrt(diag(inv(A)))")
    put("cars", f"{tag}.logpost", [llw, lp, llw + lp], "[loglik(sigma=15), log prior, sum]")
    # exact rational MAP
    Xq = [[Fraction(1), Fraction(int(v))] for v in cr["speed"]]
    yq = [Fraction(int(v)) for v in cr["dist"]]
    s2 = Fraction(225)
    Dq = [[Fraction(0), Fraction(0)], [Fraction(0), Fraction(1)]] if tag == "map1" else \
         [[Fraction(1, 100), Fraction(0)], [Fraction(0), Fraction(1)]]
    Aq = [[sum(r_[a] * r_[b] for r_ in Xq) / s2 + Dq[a][b] for b in range(2)] for a in range(2)]
    bq = [sum(r_[a] * yy for r_, yy in zip(Xq, yq)) / s2 for a in range(2)]
    det = Aq[0][0] * Aq[1][1] - Aq[0][1] * Aq[1][0]
    inv = [[Aq[1][1] / det, -Aq[0][1] / det], [-Aq[1][0] / det, Aq[0][0] / det]]
    wq = [inv[a][0] * bq[0] + inv[a][1] * bq[1] for a in range(2)]
    put("cars", f"{tag}.exact.w", [mpq(v) for v in wq], "exact rational MAP")
    put("cars", f"{tag}.exact.se", [mpmath.sqrt(mpq(inv[a][a])) for a in range(2)], "exact sqrt(diag(inv(A)))")

# ================================================================== 7. Gaussian
xs_str = ["4.8", "5.2", "3.9", "6.1", "5.0", "4.5", "5.7", "4.3", "5.5", "5.1"]
x = np.array([float(s) for s in xs_str])
n = len(x)
mu, sg = st.norm.fit(x)  # MLE (ddof=0)
ll = st.norm.logpdf(x, mu, sg).sum()
put("gauss", "mu", mu, "scipy.stats.norm.fit")
put("gauss", "sigma", sg, "scipy.stats.norm.fit (divide by n)")
put("gauss", "sigma_numpy", np.std(x), "numpy std ddof=0")
put("gauss", "loglik", ll, "sum(norm.logpdf)")
put("gauss", "se_mu", sg / math.sqrt(n), "sigma/sqrt(n)")
put("gauss", "se_sigma", sg / math.sqrt(2 * n), "sigma/sqrt(2n)")
put("gauss", "aic", -2 * ll + 4, "AIC k=2")
put("gauss", "bic", -2 * ll + 2 * math.log(n), "BIC k=2")
put("gauss", "loglik_mu4", st.norm.logpdf(x, 4.0, sg).sum(), "sum(norm.logpdf(x, 4, sigma_hat))")


def exact_gauss(vals):
    q = [Fraction(v) for v in vals]
    m = sum(q) / len(q)
    s2 = sum((v - m) ** 2 for v in q) / len(q)
    return q, m, s2


q, m, s2 = exact_gauss(xs_str)
N = mpmath.mpf(n)
sig = mpmath.sqrt(mpq(s2))
llx = -N / 2 * (mpmath.log(2 * mpmath.pi * mpq(s2)) + 1)
put("gauss", "exact.mu", m, "exact rational mean")
put("gauss", "exact.sigma2", s2, "exact rational sigma^2 (divide by n)")
put("gauss", "exact.sigma", sig, "sqrt of exact sigma^2 (50 digits)")
put("gauss", "exact.loglik", llx, "exact -n/2 (log(2 pi sigma^2) + 1)")
put("gauss", "exact.se_mu", sig / mpmath.sqrt(N), "exact")
put("gauss", "exact.se_sigma", sig / mpmath.sqrt(2 * N), "exact")
put("gauss", "exact.aic", -2 * llx + 4, "exact")
put("gauss", "exact.bic", -2 * llx + 2 * mpmath.log(N), "exact")
ss4 = sum((v - 4) ** 2 for v in q)
ll4 = -N / 2 * mpmath.log(2 * mpmath.pi * mpq(s2)) - mpq(ss4) / (2 * mpq(s2))
put("gauss", "exact.loglik_mu4", ll4, "exact loglik at mu=4, sigma=sigma_hat")
# shifted by 1e7: exact from the decimal strings ...
sh_dec = [f"{10**7 + float(s):.1f}" for s in xs_str]  # '10000004.8', ...
assert all(Fraction(d) == Fraction(s) + 10**7 for d, s in zip(sh_dec, xs_str))
qs, ms, s2s = exact_gauss(sh_dec)
ROWS.append(("gauss", "shift.data", ";".join(sh_dec), "the shifted data as decimal strings"))
put("gauss", "shift.exact_decimal.mu", mpq(ms), "exact mean of the DECIMAL values 10000004.8, ...")
put("gauss", "shift.exact_decimal.sigma", mpmath.sqrt(mpq(s2s)), "exact sigma (n) of the DECIMAL values (= unshifted sigma)")
# ... and exact from the IEEE doubles nearest to those decimals (what a float64 tool actually sees)
xd = [float(d) for d in sh_dec]  # correctly rounded float64 of each decimal string
qd, md, s2d = exact_gauss([Fraction(v) for v in xd])
put("gauss", "shift.exact_double.mu", mpq(md), "exact mean of the float64 values float('10000004.8'), ...")
put("gauss", "shift.exact_double.sigma", mpmath.sqrt(mpq(s2d)), "exact sigma (n) of the float64 values")
put("gauss", "shift.mu_double", np.mean(xd), "numpy mean (pairwise sum) in double")
put("gauss", "shift.sigma_double", np.std(xd), "numpy std ddof=0 (two-pass) in double")
xd_np = np.array(xd)
put("gauss", "shift.sigma_naive", math.sqrt(np.mean(xd_np**2) - np.mean(xd_np)**2), "naive one-pass in double")
put("gauss", "shift.exact_decimal.loglik", -N / 2 * (mpmath.log(2 * mpmath.pi * mpq(s2s)) + 1), "exact loglik (decimal data)")
put("gauss", "shift.exact_double.loglik", -N / 2 * (mpmath.log(2 * mpmath.pi * mpq(s2d)) + 1), "exact loglik (float64 data)")

# NumAcc1..4
for k in range(1, 5):
    with open(f"numacc{k}.csv") as fh:
        vals = [l.strip() for l in fh][1:]
    arr = np.array([float(v) for v in vals])
    put("numacc", f"numacc{k}.n", len(vals), "n")
    put("numacc", f"numacc{k}.mean", arr.mean(), "numpy mean")
    put("numacc", f"numacc{k}.sd", arr.std(ddof=1), "numpy std ddof=1")
    q = [Fraction(v) for v in vals]
    nn = len(q)
    m = sum(q) / nn
    ss = sum((v - m) ** 2 for v in q)
    put("numacc", f"numacc{k}.exact_decimal.mean", m, "exact mean of decimal data")
    put("numacc", f"numacc{k}.exact_decimal.sd", mpmath.sqrt(mpq(ss / (nn - 1))), "exact sd (n-1) of decimal data")
    put("numacc", f"numacc{k}.exact_decimal.sigma_mle", mpmath.sqrt(mpq(ss / nn)), "exact sigma MLE (n) of decimal data")
    qd = [Fraction(float(v)) for v in vals]
    md = sum(qd) / nn
    ssd = sum((v - md) ** 2 for v in qd)
    put("numacc", f"numacc{k}.exact_double.mean", mpq(md), "exact mean of the float64 data")
    put("numacc", f"numacc{k}.exact_double.sd", mpmath.sqrt(mpq(ssd / (nn - 1))), "exact sd (n-1) of the float64 data")
    put("numacc", f"numacc{k}.exact_double.sigma_mle", mpmath.sqrt(mpq(ssd / nn)), "exact sigma MLE (n) of float64 data")

# ================================================================== 8. Beta-Bernoulli
S, n, a, b = 7, 10, 2, 2
pm = Fraction(S + a - 1, n + a + b - 2)
info = (S + a - 1) / pm**2 + (n - S + b - 1) / (1 - pm) ** 2
put("beta", "exact.p_map", pm, "exact (S+a-1)/(n+a+b-2)")
put("beta", "exact.obs_info", info, "exact (S+a-1)/p^2 + (n-S+b-1)/(1-p)^2")
put("beta", "exact.se", 1 / mpmath.sqrt(mpq(info)), "exact 1/sqrt(54)")
put("beta", "p_map", float(pm), "float")
put("beta", "se", 1 / math.sqrt(float(info)), "float")
from scipy.optimize import minimize_scalar
lpost = lambda p: (S + a - 1) * math.log(p) + (n - S + b - 1) * math.log(1 - p)
o = minimize_scalar(lambda p: -lpost(p), bounds=(1e-9, 1 - 1e-9), method="bounded", options={"xatol": 1e-12})
put("beta", "optimize_p", o.x, "scipy minimize_scalar check")
h = 1e-4
p0 = float(pm)
put("beta", "fd_info", -(lpost(p0 + h) - 2 * lpost(p0) + lpost(p0 - h)) / h**2, "central finite difference check")
pmm = mpq(pm)
put("beta", "exact.logpost_kernel_at_map", 8 * mpmath.log(pmm) + 4 * mpmath.log(1 - pmm), "8 log p + 4 log(1-p)")
put("beta", "exact.loglik_at_map", 7 * mpmath.log(pmm) + 3 * mpmath.log(1 - pmm), "7 log p + 3 log(1-p)")
put("beta", "exact.logprior_at_map", mpmath.log(6 * pmm * (1 - pmm)), "log Beta(2,2) density = log(6 p (1-p))")
put("beta", "exact.logpost_full_at_map", 7 * mpmath.log(pmm) + 3 * mpmath.log(1 - pmm) + mpmath.log(6 * pmm * (1 - pmm)), "exact")
put("beta", "obs_info", (S + a - 1) / p0**2 + (n - S + b - 1) / (1 - p0) ** 2, "float closed form")
put("beta", "logprior_scipy", st.beta.logpdf(p0, 2, 2), "scipy beta.logpdf")
put("beta", "posterior_beta_sd", st.beta.std(S + a, n - S + b), "aside: exact sd of the Beta(9,5) posterior (NOT the Laplace SE)")

with open("out/py_values.tsv", "w") as fh:
    fh.write("section\tkey\tvalue\tdesc\n")
    for r in ROWS:
        fh.write("\t".join(r) + "\n")
print("python", sys.version.split()[0], "numpy", np.__version__, "scipy", scipy.__version__,
      "statsmodels", statsmodels.__version__, "pandas", pd.__version__, "mpmath", mpmath.__version__)
print("wrote", len(ROWS), "values to out/py_values.tsv")
