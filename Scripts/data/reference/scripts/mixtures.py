"""Reference values for the mixture scripts, with 50-digit arithmetic (mpmath 1.3.0),
independently of R (mixtures.R computes the same fits with mixtools and numDeriv).

Run from this folder after mixtures.R (which writes the CSVs):  python3 mixtures.py

Each fit is the maximum of the marginal log-likelihood
    ℓ(θ) = Σᵢ wᵢ log Σₖ πₖ fₖ(yᵢ | θ),
found by Newton's method from the scripts' start values (after a few hundred EM-free
gradient-safe steps from mixtools' answer, see `newton`), in the scripts' own parameters
(p, μ1, σ1, μ2, σ2, …). The gradient and Hessian are mpmath.diff's high-precision
derivatives (it raises the working precision, so at 50 digits they are good to ~40), the
standard errors √diag((−∇²ℓ)⁻¹) at the maximum (the observed information of the marginal
likelihood), and every number is printed with 20 significant digits. The last line of each
fit is the Newton step's size, which shows it converged to the precision shown.
"""
import csv

import mpmath as mp

mp.mp.dps = 50
DATA = "../.."


def column(path, name):
    with open(f"{DATA}/{path}") as f:
        return [mp.mpf(row[name]) for row in csv.DictReader(f)]


def normal_logpdf(y, mu, s):
    return -mp.log(s) - mp.log(2 * mp.pi) / 2 - (y - mu) ** 2 / (2 * s * s)


def poisson_logpdf(k, lam):
    return k * mp.log(lam) - lam - mp.loggamma(k + 1)


def logsumexp(a, b):
    m = max(a, b)
    return m + mp.log(mp.exp(a - m) + mp.exp(b - m))


def gradient(f, t):
    return mp.matrix([mp.diff(f, t, tuple(int(i == j) for j in range(len(t)))) for i in range(len(t))])


def hessian(f, t):
    n = len(t)
    h = mp.matrix(n, n)
    for i in range(n):
        for j in range(i, n):
            order = [0] * n
            order[i] += 1
            order[j] += 1
            h[i, j] = h[j, i] = mp.diff(f, t, tuple(order))
    return h


def newton(f, start, steps=12):
    t = [mp.mpf(x) for x in start]
    for _ in range(steps):
        g = gradient(lambda *a: f(list(a)), t)
        h = hessian(lambda *a: f(list(a)), t)
        d = mp.lu_solve(-h, g)
        t = [t[i] + d[i] for i in range(len(t))]
    h = hessian(lambda *a: f(list(a)), t)
    cov = (-h) ** -1
    return t, [mp.sqrt(cov[i, i]) for i in range(len(t))], f(t), max(abs(x) for x in d)


def show(label, t, se, ll, step):
    print(f"{label} estimate", " ".join(mp.nstr(x, 20) for x in t))
    print(f"{label} se      ", " ".join(mp.nstr(x, 20) for x in se))
    print(f"{label} loglik  ", mp.nstr(ll, 20))
    print(f"{label} last Newton step", mp.nstr(step, 3))


# Old Faithful eruption durations: p·N(μ1, σ1) + (1 − p)·N(μ2, σ2), from mixtools' answer.
x = column("faithful.csv", "eruptions")


def faithful(t):
    p, m1, s1, m2, s2 = t
    return mp.fsum(logsumexp(mp.log(p) + normal_logpdf(y, m1, s1), mp.log(1 - p) + normal_logpdf(y, m2, s2)) for y in x)


show("faithful", *newton(faithful, [0.3484046, 2.0186078, 0.2356218, 4.2733434, 0.4370631]))

# London deaths (days with k deaths, as weights): p·Poisson(λ1) + (1 − p)·Poisson(λ2).
k = column("deaths.csv", "deaths")
days = column("deaths.csv", "days")


def deaths(t):
    p, l1, l2 = t
    return mp.fsum(
        w * logsumexp(mp.log(p) + poisson_logpdf(c, l1), mp.log(1 - p) + poisson_logpdf(c, l2)) for c, w in zip(k, days)
    )


show("deaths", *newton(deaths, [0.3598854, 1.2560951, 2.6634044]))

# NO against the equivalence ratio: two regressions NO = a + b·E + N(0, σ²) in proportions p, 1 − p.
no = column("nox.csv", "NO")
eq = column("nox.csv", "Equivalence")


def nox(t):
    p, a1, b1, s1, a2, b2, s2 = t
    return mp.fsum(
        logsumexp(mp.log(p) + normal_logpdf(y, a1 + b1 * e, s1), mp.log(1 - p) + normal_logpdf(y, a2 + b2 * e, s2))
        for y, e in zip(no, eq)
    )


show("nox", *newton(nox, [0.6809021, -0.4185847, 3.2558048, 0.9534582, 2.8927383, -1.7543910, 0.1613402]))
# A second, higher local maximum, which EM reaches from intercepts 0 (mixtools' regmixEM too).
NOX2_ESTIMATE, *rest = newton(nox, [0.4344708, -4.1310761, 8.1309742, 0.3930735, 10.7614166, -8.2920855, 0.3139191])
show("nox2", NOX2_ESTIMATE, *rest)

# ---------------------------------------------------------------------------------------------
# Rounding bounds for the scripts' tolerances (double precision, numpy): Newton's polish stops
# where ∇ℓ is at its rounding noise, |δgₖ| ≤ c·ε·Σᵢ |∂ℓᵢ/∂θₖ| (c = 10 roundings per row), which
# moves θ̂ by |δθ| ≤ |I⁻¹|·|δg|; the observed information's entries carry |δIₖₗ| ≤ c·ε·Σᵢ|∂²ℓᵢ/∂θₖ∂θₗ|,
# which moves se_j by ½·Σₖₗ |Cⱼₖ||δIₖₗ||Cₗⱼ|/Cⱼⱼ relative (C = I⁻¹); ℓ̂ sums n rows, |δℓ| ≤ c·ε·Σᵢ|ℓᵢ|.
# The per-row derivatives' sizes come from central differences (they only need their order).
import numpy as np  # noqa: E402


def bounds(label, rows, t):
    t = np.array([float(v) for v in t])
    eps, c = 2.0**-53, 10.0
    n = len(t)
    h = 1e-5 * np.maximum(np.abs(t), 1e-3)

    def grad_rows(u):
        g = []
        for j in range(n):
            e = np.zeros(n)
            e[j] = h[j]
            g.append((rows(u + e) - rows(u - e)) / (2 * h[j]))
        return np.array(g)  # n × rows

    g = grad_rows(t)
    hess = np.zeros((n, n, g.shape[1]))
    for j in range(n):
        e = np.zeros(n)
        e[j] = h[j]
        hess[j] = (grad_rows(t + e) - grad_rows(t - e)) / (2 * h[j])
    info = -hess.sum(axis=2)
    cov = np.linalg.inv(info)
    dg = c * eps * np.abs(g).sum(axis=1)
    dtheta = np.abs(cov) @ dg
    dI = c * eps * np.abs(hess).sum(axis=2)
    dse = 0.5 * np.array([(np.abs(cov[j]) @ dI @ np.abs(cov[:, j])) / cov[j, j] for j in range(n)])
    dl = c * eps * np.abs(rows(t)).sum()
    print(f"{label} bound |δθ|       ", " ".join(f"{x:.2g}" for x in dtheta))
    print(f"{label} bound |δse|/se   ", " ".join(f"{x:.2g}" for x in dse))
    print(f"{label} bound |δℓ|       ", f"{dl:.2g}")


def lse(a, b):
    m = np.maximum(a, b)
    return m + np.log(np.exp(a - m) + np.exp(b - m))


def npnorm(y, m, s):
    return -np.log(s) - 0.5 * np.log(2 * np.pi) - (y - m) ** 2 / (2 * s * s)


X = np.array([float(v) for v in x])
bounds(
    "faithful",
    lambda t: lse(np.log(t[0]) + npnorm(X, t[1], t[2]), np.log(1 - t[0]) + npnorm(X, t[3], t[4])),
    [0.34840463401475238563, 2.0186078170628848292, 0.23562177145673109019, 4.273343421191892735, 0.43706314622286201862],
)
K = np.array([float(v) for v in k])
W = np.array([float(v) for v in days])
from scipy.special import gammaln  # noqa: E402


def nppois(c, lam):
    return c * np.log(lam) - lam - gammaln(c + 1)


bounds(
    "deaths",
    lambda t: W * lse(np.log(t[0]) + nppois(K, t[1]), np.log(1 - t[0]) + nppois(K, t[2])),
    [0.35988539698493480243, 1.2560951012243379021, 2.6634043566324726414],
)
NO = np.array([float(v) for v in no])
EQ = np.array([float(v) for v in eq])
bounds(
    "nox",
    lambda t: lse(np.log(t[0]) + npnorm(NO, t[1] + t[2] * EQ, t[3]), np.log(1 - t[0]) + npnorm(NO, t[4] + t[5] * EQ, t[6])),
    [0.68090215433374304361, -0.41858467818586868704, 3.2558047725505056829, 0.95345819016071370223,
     2.892738288463028333, -1.7543909660304581302, 0.16134017522673715777],
)
NOX2 = [float(v) for v in NOX2_ESTIMATE]
bounds(
    "nox2",
    lambda t: lse(np.log(t[0]) + npnorm(NO, t[1] + t[2] * EQ, t[3]), np.log(1 - t[0]) + npnorm(NO, t[4] + t[5] * EQ, t[6])),
    NOX2,
)
