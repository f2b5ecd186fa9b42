"""Reference values for script 49 (a three-component mixture with a simplex of weights, and a
mixture of LogNormals), with 50-digit arithmetic (mpmath 1.3.0), as mixtures.py does, and a
cross-check of the three-component fit with scikit-learn's GaussianMixture.

Run from this folder:  python3 mixtures_more.py   (about ten minutes: 50-digit Hessians)

Newton starts from mle's answers rounded to 7 digits: it converges quadratically, so six steps
take it to the working precision (the last step's size is printed) — the start only picks the
maximum, which is then computed independently.

iris: petal length (cm) of R's iris, π₁·N(μ₁, σ₁) + π₂·N(μ₂, σ₂) + π₃·N(μ₃, σ₃), π on the
simplex. Newton's method runs in the free parameters (π₁, π₂, μ₁, μ₂, μ₃, σ₁, σ₂, σ₃) with
π₃ = 1 − π₁ − π₂, where ℓ is unconstrained; the covariance of (π₁, π₂, π₃) follows by the
delta method (π₃'s variance is v₁₁ + v₂₂ + 2v₁₂), which is what standard errors on the
simplex are.

faithful: eruption durations, p·LogNormal(m₁, s₁) + (1 − p)·LogNormal(m₂, s₂) (meanlog, sdlog).
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


def lse(terms):
    m = max(terms)
    return m + mp.log(mp.fsum(mp.exp(a - m) for a in terms))


def newton(f, start, steps=6):
    t = [mp.mpf(x) for x in start]
    for _ in range(steps):
        g = gradient(lambda *a: f(list(a)), t)
        h = hessian(lambda *a: f(list(a)), t)
        d = mp.lu_solve(-h, g)
        t = [t[i] + d[i] for i in range(len(t))]
    h = hessian(lambda *a: f(list(a)), t)
    return t, (-h) ** -1, f(t), max(abs(x) for x in d)


petal = column("iris.csv", "petal_length")


def iris(t):
    p1, p2, m1, m2, m3, s1, s2, s3 = t
    p3 = 1 - p1 - p2
    return mp.fsum(
        lse([mp.log(p1) + normal_logpdf(y, m1, s1), mp.log(p2) + normal_logpdf(y, m2, s2),
             mp.log(p3) + normal_logpdf(y, m3, s3)])
        for y in petal
    )


t, cov, ll, step = newton(iris, [0.3333055, 0.4982276, 1.4619659, 4.5985470, 5.8147659, 0.1718829, 0.6510045, 0.5594194])
p3 = 1 - t[0] - t[1]
se = [mp.sqrt(cov[i, i]) for i in range(8)]
se_p3 = mp.sqrt(cov[0, 0] + cov[1, 1] + 2 * cov[0, 1])
print("iris estimate π", mp.nstr(t[0], 20), mp.nstr(t[1], 20), mp.nstr(p3, 20))
print("iris estimate μ", " ".join(mp.nstr(x, 20) for x in t[2:5]))
print("iris estimate σ", " ".join(mp.nstr(x, 20) for x in t[5:8]))
print("iris se π", mp.nstr(se[0], 20), mp.nstr(se[1], 20), mp.nstr(se_p3, 20))
print("iris se μ", " ".join(mp.nstr(x, 20) for x in se[2:5]))
print("iris se σ", " ".join(mp.nstr(x, 20) for x in se[5:8]))
print("iris loglik", mp.nstr(ll, 20), " last Newton step", mp.nstr(step, 3))


def lognormal_logpdf(y, m, s):
    return normal_logpdf(mp.log(y), m, s) - mp.log(y)


eruptions = column("faithful.csv", "eruptions")


def faithful_lognormal(t):
    p, m1, s1, m2, s2 = t
    return mp.fsum(
        lse([mp.log(p) + lognormal_logpdf(y, m1, s1), mp.log(1 - p) + lognormal_logpdf(y, m2, s2)]) for y in eruptions
    )


t, cov, ll, step = newton(faithful_lognormal, [0.3576699, 0.7054402, 0.1257194, 1.4523324, 0.0980207])
print("lognormal estimate", " ".join(mp.nstr(x, 20) for x in t))
print("lognormal se      ", " ".join(mp.nstr(mp.sqrt(cov[i, i]), 20) for i in range(5)))
print("lognormal loglik  ", mp.nstr(ll, 20), " last Newton step", mp.nstr(step, 3))

# scikit-learn's EM on the same iris data from the same start, to a tight tolerance: the same
# maximum (its ℓ is the mean log-likelihood times n).
import numpy as np  # noqa: E402
from sklearn.mixture import GaussianMixture  # noqa: E402

X = np.array([[float(v)] for v in petal])
g = GaussianMixture(
    3, covariance_type="full", tol=1e-14, max_iter=100000, reg_covar=0.0,
    weights_init=[1 / 3, 1 / 3, 1 / 3], means_init=[[1.5], [4.3], [5.5]], precisions_init=[[[1.0]]] * 3,
).fit(X)
print("sklearn iris weights", g.weights_, "means", g.means_.ravel(), "sd", np.sqrt(g.covariances_.ravel()))
print("sklearn iris loglik", g.score(X) * len(X))
