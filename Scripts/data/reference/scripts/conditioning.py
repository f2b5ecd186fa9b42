"""How many digits can a double-precision program keep? The error bounds behind the scripts' tolerances.

    python3 Scripts/data/reference/scripts/conditioning.py      (from anywhere; needs mpmath)

For each quantity that a tutorial script asserts more tightly than ~1e-10 relative, this prints
the first-order bound on the error that rounding can cause on *any* CPU, whichever BLAS kernels
(OpenBLAS picks them per CPU) or libm variants (glibc picks FMA or non-FMA exp/log/pow) it runs.
The tolerances in Scripts/*.mle are these bounds, rounded up, and are at least ten times the
largest deviation seen across OpenBLAS's kernels and glibc's libm variants on one machine (see
Scripts/tools/README.md for how that was measured).

Conventions: ε = 2⁻⁵² ≈ 2.2e-16 (machine epsilon); every operation is allowed a relative error of
ε, twice the most that one rounding commits (ε/2), so each bound has a factor 2 to spare. Exact
values are computed with mpmath at 50 digits, from the doubles mle reads (the CSV's decimals parsed
as float64); only the first digit or two of a bound matter.

1. Least squares (scripts 11, 14, 15). A column-pivoted Householder QR is backward stable by
   columns: β̂ is the exact fit to data whose columns Xⱼ and y are each changed by about one
   rounding, ε·‖Xⱼ‖ and ε·‖y‖. To first order, with C = (XᵀX)⁻¹ and residual r,
       δβ = C·(ΔXᵀr − XᵀΔX·β + XᵀΔy),
   so |δβₖ| ≤ ε·condₖ·|βₖ| with
       condₖ·|βₖ| = Σⱼ ‖Xⱼ‖·(√Cₖₖ·|βⱼ| + |Cₖⱼ|·‖r‖) + √Cₖₖ·‖y‖        (√Cₖₖ = ‖row k of X⁺‖),
   a worst case over the direction of the change (it adds absolute values). The same change moves
   Cₖₖ by at most ε·2·Σⱼ √Cₖₖ·‖Xⱼ‖·|Cₖⱼ|. RSS is summed from the residuals rᵢ = yᵢ − Xᵢ·β̂, each a
   (p + 1)-term sum whose terms can be far larger than the result, so
       |δRSS| ≤ 2·Σᵢ |rᵢ|·(p + 1)·ε·(|yᵢ| + Σⱼ |xᵢⱼ·βⱼ|)
   (β̂'s own error changes RSS only to second order: r is orthogonal to the columns of X). A
   standard error √(σ̂²·Cₖₖ) moves by half the relative changes of Cₖₖ and of RSS.

2. Newton's method (09, 10, 12, 20). Newton stops when its predicted gain is negligible and then
   takes up to three more full steps, each kept if it shrinks the gradient (Sources/Solvers/
   Newton.swift, polish); each roughly squares the error, so it ends where the computed gradient is
   rounding noise; the true gradient there is at most twice the noise bound δg, and the error is
       |δθ| ≤ 2·|(−H)⁻¹|·|δg|        (elementwise absolute values).
   For ∇ℓ = Σᵢ wᵢ·xᵢ·(yᵢ − μᵢ) with μᵢ = h(ηᵢ), ηᵢ = xᵢ·θ (canonical-link GLMs):
       |δgⱼ| ≤ Σᵢ wᵢ·|xᵢⱼ|·(μ′ᵢ·|δηᵢ| + 2ε·μᵢ) + n·ε·Σᵢ wᵢ·|xᵢⱼ·(yᵢ − μᵢ)|,   |δηᵢ| ≤ p·ε·Σₖ |xᵢₖ·θₖ|.
   A standard error √Cₖₖ, C = (−H)⁻¹, moves with the Hessian's rounding (δ(−H)ⱼₖ ≤ (n + p + 4)·ε·
   Σᵢ wᵢ·|xᵢⱼ·xᵢₖ|·μ′ᵢ, moving C by |C|·|δH|·|C|), with δθ (through ∂Cₖₖ/∂θ) and with the inversion
   of the unit-diagonal information (relative error about p·κ·ε).

3. A maximised log-likelihood ℓ̂ is first-order insensitive to δθ (∇ℓ = 0 there): its error is the
   rounding of a sum of n terms, each computed from a rounded ηᵢ,
       |δℓ̂| ≤ Σᵢ (|∂ℓᵢ/∂ηᵢ|·|δηᵢ| + 4ε·Mᵢ) + n·ε·Σᵢ Mᵢ,
   where Mᵢ is the sum of the sizes of ℓᵢ's parts (|yᵢηᵢ|, softplus or exp, and the lgammas of the
   constant, which glibc computes to within 4 ulps).
"""
import csv
import os

import mpmath as mp

mp.mp.dps = 50
EPS = mp.mpf(2) ** -52
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


def column(name, field):
    with open(os.path.join(DATA, name)) as fh:
        return [mp.mpf(float(row[field])) for row in csv.DictReader(fh)]


def doubles(values):
    return [mp.mpf(float(v)) for v in values]


def norm(v):
    return mp.sqrt(sum(x * x for x in v))


def report(label, value, bound, note=""):
    rel = abs(bound / value) if value != 0 else mp.inf
    print(f"  {label:<16} {mp.nstr(value, 17):>24}  bound {mp.nstr(bound, 3):>8}"
          f"  (relative {mp.nstr(rel, 2):>7})  {note}")


def least_squares(title, y, cols, names, sigma=None, ridge=()):
    """β̂ = X⁺y with an intercept; σ̂² = RSS/n, or σ known with ridge rows (σ/τ)·eⱼ appended (11)."""
    n, p = len(y), len(cols) + 1
    rows = [[mp.mpf(1)] + [c[i] for c in cols] for i in range(n)]
    y = list(y)
    for j, tau in ridge:
        rows.append([sigma / tau if k == j else mp.mpf(0) for k in range(p)])
        y.append(mp.mpf(0))
    m = len(rows)
    X = mp.matrix(rows)
    C = (X.T * X) ** -1
    beta = C * (X.T * mp.matrix(y))
    r = [y[i] - sum(X[i, j] * beta[j] for j in range(p)) for i in range(m)]
    rss = sum(v * v for v in r)
    colnorm = [norm([X[i, j] for i in range(m)]) for j in range(p)]
    # 2-norm condition numbers: of X, and of X with unit columns (what a pivoted QR's error
    # depends on, its backward error being relative to each column).
    s = mp.svd_r(X, compute_uv=False)
    ss = mp.svd_r(mp.matrix([[X[i, j] / colnorm[j] for j in range(p)] for i in range(m)]), compute_uv=False)
    print(f"{title}: n = {n}, p = {p}, κ(X) = {mp.nstr(max(s) / min(s), 3)}, "
          f"κ(X with unit columns) = {mp.nstr(max(ss) / min(ss), 3)}")
    for k in range(p):
        b = sum(colnorm[j] * (mp.sqrt(C[k, k]) * abs(beta[j]) + abs(C[k, j]) * norm(r)) for j in range(p))
        b += mp.sqrt(C[k, k]) * norm(y)
        report(names[k], beta[k], b * EPS, f"ε·condₖ·|βₖ|, condₖ = {mp.nstr(b / abs(beta[k]), 2)}")
    d_rss = 2 * sum(abs(r[i]) * (p + 1) * EPS * (abs(y[i]) + sum(abs(X[i, j] * beta[j]) for j in range(p)))
                    for i in range(n))
    known = sigma is not None
    s2 = sigma ** 2 if known else rss / n
    for k in range(p):
        dc = 2 * sum(mp.sqrt(C[k, k]) * colnorm[j] * abs(C[k, j]) for j in range(p)) * EPS / C[k, k]
        se = mp.sqrt(s2 * C[k, k])
        rel = dc / 2 + (0 if known else d_rss / rss / 2)
        report("se(" + names[k] + ")", se, se * rel,
               f"½·δCₖₖ/Cₖₖ = {mp.nstr(dc / 2, 2)}" + ("" if known else " plus ½·δRSS/RSS"))
    if not known:
        report("RSS", rss, d_rss, "the residuals' rounding")
        report("σ̂ = √(RSS/n)", mp.sqrt(rss / n), mp.sqrt(rss / n) * d_rss / rss / 2)
        tss = sum((v - sum(y) / n) ** 2 for v in y)
        report("R²", 1 - rss / tss, d_rss / tss)
    print()


def glm(title, y, cols, names, family, weights=None, trials=None):
    """Newton's fixed point for a canonical-link GLM (logit: Bernoulli or Binomial(N); log: Poisson)."""
    n, p = len(y), len(cols) + 1
    x = [[mp.mpf(1)] + [c[i] for c in cols] for i in range(n)]
    w = weights or [mp.mpf(1)] * n
    N = trials or [mp.mpf(1)] * n
    if family == "logit":
        mean = lambda e, i: N[i] / (1 + mp.exp(-e))
        slope = lambda m, i: m * (1 - m / N[i])
        # ℓᵢ and the sum of its parts' sizes (log C(N, y) is three lgammas, each within 4 ulps)
        term = lambda e, i: (y[i] * e - N[i] * mp.log(1 + mp.exp(e)) + mp.log(mp.binomial(N[i], y[i])),
                             abs(y[i] * e) + N[i] * mp.log(1 + mp.exp(e)) + (mp.loggamma(N[i] + 1)
                             + mp.loggamma(y[i] + 1) + mp.loggamma(N[i] - y[i] + 1) if N[i] > 1 else 0))
    else:
        mean = lambda e, i: mp.exp(e)
        slope = lambda m, i: m
        term = lambda e, i: (y[i] * e - mp.exp(e) - mp.loggamma(y[i] + 1),
                             abs(y[i] * e) + mp.exp(e) + mp.loggamma(y[i] + 1))

    def information(th):
        mu = [mean(sum(x[i][k] * th[k] for k in range(p)), i) for i in range(n)]
        a = mp.matrix(p, p)
        for r in range(p):
            for c in range(p):
                a[r, c] = sum(w[i] * x[i][r] * x[i][c] * slope(mu[i], i) for i in range(n))
        return a

    theta = [mp.mpf(0)] * p
    for _ in range(200):
        mu = [mean(sum(x[i][k] * theta[k] for k in range(p)), i) for i in range(n)]
        g = mp.matrix([sum(w[i] * x[i][j] * (y[i] - mu[i]) for i in range(n)) for j in range(p)])
        step = information(theta) ** -1 * g
        theta = [theta[k] + step[k] for k in range(p)]
        if max(abs(s) for s in step) < mp.mpf(10) ** -40:
            break
    info = information(theta)
    cov = info ** -1
    eta = [sum(x[i][k] * theta[k] for k in range(p)) for i in range(n)]
    mu = [mean(e, i) for i, e in enumerate(eta)]
    d_eta = [p * EPS * sum(abs(x[i][k] * theta[k]) for k in range(p)) for i in range(n)]
    dg = [sum(w[i] * abs(x[i][j]) * (slope(mu[i], i) * d_eta[i] + 2 * EPS * mu[i]) for i in range(n))
          + n * EPS * sum(abs(w[i] * x[i][j] * (y[i] - mu[i])) for i in range(n)) for j in range(p)]
    d_theta = [2 * sum(abs(cov[k, j]) * dg[j] for j in range(p)) for k in range(p)]
    terms = [term(eta[i], i) for i in range(n)]
    ll = sum(w[i] * t[0] for i, t in enumerate(terms))
    sizes = [w[i] * t[1] for i, t in enumerate(terms)]
    d_ll = (sum(w[i] * abs(y[i] - mu[i]) * d_eta[i] + 4 * EPS * sizes[i] for i in range(n))
            + n * EPS * sum(sizes))
    dH = mp.matrix(p, p)
    for a in range(p):
        for b in range(p):
            dH[a, b] = (n + p + 4) * EPS * sum(w[i] * abs(x[i][a] * x[i][b]) * slope(mu[i], i) for i in range(n))
    absC = mp.matrix([[abs(cov[a, b]) for b in range(p)] for a in range(p)])
    dC = absC * dH * absC
    h = mp.mpf(10) ** -20

    def dlogC(k, j):
        up = [t + (h if q == j else 0) for q, t in enumerate(theta)]
        down = [t - (h if q == j else 0) for q, t in enumerate(theta)]
        return (mp.log((information(up) ** -1)[k, k]) - mp.log((information(down) ** -1)[k, k])) / (2 * h)

    unit = mp.matrix([[info[a, b] / mp.sqrt(info[a, a] * info[b, b]) for b in range(p)] for a in range(p)])
    ev = mp.eigsy(unit)[0]
    kappa = max(ev) / min(ev)
    print(f"{title}: n = {n}, p = {p}, κ(information with unit diagonal) = {mp.nstr(kappa, 3)}")
    print(f"  gradient noise |δg| ≤ {', '.join(mp.nstr(v, 2) for v in dg)}")
    for k in range(p):
        report(names[k], theta[k], d_theta[k], "2·|(−H)⁻¹|·|δg|")
    for k in range(p):
        se = mp.sqrt(cov[k, k])
        rel = (dC[k, k] / cov[k, k] + sum(abs(dlogC(k, j)) * d_theta[j] for j in range(p)) + p * kappa * EPS) / 2
        report("se(" + names[k] + ")", se, se * rel, "Hessian's rounding, δθ, inversion")
    report("loglik", ll, d_ll, "rounding of the sum of n terms")
    # The exact MLE rounded to doubles is off by up to half an ulp per coordinate: the score
    # there is H times that, plus the gradient's own rounding.
    score0 = [sum(abs(info[j, k] * theta[k]) * EPS / 2 for k in range(p)) + dg[j] for j in range(p)]
    print(f"  score at the exact MLE rounded to doubles: |·| ≤ {', '.join(mp.nstr(v, 2) for v in score0)}")
    print()
    return theta, cov, ll, d_theta, d_ll


def sum_bound(title, label, terms, extra=0):
    """A value computed as a sum of k terms, each with relative error ≤ 2ε: ≤ (k + 2)·ε·Σ|terms|."""
    value = sum(terms)
    report(label, value, (len(terms) + 2) * EPS * sum(abs(t) for t in terms) + extra, title)


# ---------------------------------------------------------------------------- least squares
longley = [column("longley.csv", f"x{j}") for j in range(1, 7)]
least_squares("14-nist-longley", column("longley.csv", "y"), longley, ["b"] + [f"w[{j}]" for j in range(1, 7)])
least_squares("15-nist-norris", column("norris.csv", "y"), [column("norris.csv", "x")], ["b", "β"])
speed, dist = column("cars.csv", "speed"), column("cars.csv", "dist")
least_squares("11-linear-regression", dist, [speed], ["a", "β"])
least_squares("11-linear-regression, ridge (σ = 15, β ~ Normal(0, 1))", dist, [speed], ["a", "β"],
              sigma=mp.mpf(15), ridge=[(1, 1)])
least_squares("11-linear-regression, ridge (also a ~ Normal(0, 10))", dist, [speed], ["a", "β"],
              sigma=mp.mpf(15), ridge=[(1, 1), (0, 10)])

# ---------------------------------------------------------------------------- Newton
am = column("mtcars.csv", "am")
glm("09-logistic", am, [column("mtcars.csv", "hp"), column("mtcars.csv", "wt")], ["b", "w[1]", "w[2]"], "logit")
theta, cov, ll, d_theta, d_ll = glm("10-gradient-ascent (Newton)", am, [column("mtcars.csv", "wt")], ["a", "β"],
                                    "logit")
# After 20000 gradient steps the estimates are off by δ ≈ 1e-7 (measured: 7.8e-8 and 2.5e-8); ℓ falls
# short of ℓ̂ by ½·δᵀ(−H)δ, plus its rounding.
delta = [mp.mpf("7.8e-8"), mp.mpf("2.5e-8")]
info = cov ** -1
short = sum(delta[a] * info[a, b] * delta[b] for a in range(2) for b in range(2)) / 2
report("ℓ, 20000 steps", ll, d_ll + short, f"rounding plus ½·δᵀ(−H)δ = {mp.nstr(short, 2)}")
print()
t = column("discoveries.csv", "t")
theta, cov, ll, d_theta, d_ll = glm("12-poisson, trend", column("discoveries.csv", "count"), [t], ["a", "b"], "log")
e = mp.exp(100 * theta[1])
report("exp(100·b)", e, 100 * e * d_theta[1] + 2 * EPS * e, "100·e¹⁰⁰ᵇ·δb plus exp's rounding")
print()
k, N = doubles([3, 5, 2, 7, 4]), doubles([10, 10, 8, 12, 9])
glm("20-more-families, binomial", k, [doubles([0.1, 0.5, -0.3, 1.2, 0.4])], ["a", "c"], "logit", trials=N)
glm("20-more-families, weighted logistic", doubles([1, 0, 1, 1, 0, 1, 0, 1]),
    [doubles([0.5, -1.2, 1.3, 0.2, -0.4, 2.1, 0.3, -0.8])], ["b0", "b1"], "logit",
    weights=doubles([2, 1, 3, 1, 2, 1, 1, 2]))

# ---------------------------------------------------------------------------- other log-likelihoods
# 20's Gamma(α, β) through its sufficient statistics: ℓ = nα·log β − n·lgamma(α) + (α − 1)·Σ log g − β·Σg;
# Σ log g carries one rounding of each log (and a compensated sum).
g = doubles([1.2, 0.7, 3.1, 2.2, 0.9, 1.5, 4.0, 2.6, 1.1, 0.4])
alpha, beta, n = mp.mpf("2.4867730337696452"), mp.mpf("1.4049565162540368"), len(g)
slog = sum(mp.log(v) for v in g)
sum_bound("20-more-families, Gamma", "loglik",
          [n * alpha * mp.log(beta), -n * mp.loggamma(alpha), (alpha - 1) * slog, -beta * sum(g)],
          extra=abs(alpha - 1) * EPS * sum(abs(mp.log(v)) for v in g))
# 19's censored Normal: observed rows −log σ − ½·log 2π − ½zᵢ², censored rows log Φ(−zᵢ), zᵢ = (yᵢ − μ)/σ,
# each zᵢ off by 2ε·(|yᵢ| + |μ|)/σ; ∂ℓᵢ/∂zᵢ is −zᵢ or −φ/Φ(−zᵢ).
y = doubles([2.1, 3.4, 5.0, 1.8, 5.0, 4.2, 2.9, 5.0, 3.3, 4.8])
ongoing = [0, 0, 1, 0, 1, 0, 0, 1, 0, 0]
mu, sigma = mp.mpf("4.0370332224665262"), mp.mpf("1.5653806146320572")
terms, slopes, dz = [], [], []
for yi, c in zip(y, ongoing):
    z = (yi - mu) / sigma
    if c:
        terms.append(mp.log(mp.ncdf(-z)))
        slopes.append(mp.npdf(z) / mp.ncdf(-z))
    else:
        terms.append(-mp.log(sigma) - mp.log(2 * mp.pi) / 2 - z * z / 2)
        slopes.append(abs(z))
    dz.append(2 * EPS * (abs(yi) + abs(mu)) / sigma)
sum_bound("19-censored-normal", "loglik", terms, extra=sum(s * d for s, d in zip(slopes, dz)))

# ---------------------------------------------------------------------------- factors (32)
# warpbreaks with its factors as the indicator columns mle builds (treatment coding, levels sorted:
# wool A, B; tension H, L, M), so the exact MLE here is also the exact reference.
with open(os.path.join(DATA, "warpbreaks.csv")) as fh:
    wb = list(csv.DictReader(fh))
breaks = [mp.mpf(float(r["breaks"])) for r in wb]
ind = lambda field, level: [mp.mpf(1 if r[field] == level else 0) for r in wb]
woolB, tH, tL, tM = ind("wool", "B"), ind("tension", "H"), ind("tension", "L"), ind("tension", "M")
glm("32-factors, wool + tension (baseline H)", breaks, [woolB, tL, tM],
    ["b0", "w[woolB]", "w[tensionL]", "w[tensionM]"], "log")
glm("32-factors, wool + tension (levels L, M, H)", breaks, [woolB, tM, tH], ["b0", "a", "v[1]", "v[2]"], "log")
glm("32-factors, wool * tension (saturated)", breaks,
    [woolB, tM, tH, [a * b for a, b in zip(woolB, tM)], [a * b for a, b in zip(woolB, tH)]],
    ["b0", "a", "v[1]", "v[2]", "u[1]", "u[2]"], "log")
least_squares("32-factors, Normal", breaks, [woolB, tL, tM], ["b0", "w[woolB]", "w[tensionL]", "w[tensionM]"])
