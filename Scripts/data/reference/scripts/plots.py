"""Reference values for the plot scripts (Scripts/60- to 64-plot-*.mle).

Each number a plot script asserts about the picture (where a curve crosses
l-hat - chi2_1(0.95)/2, the extent of a contour, a ridge path, the iterates of
gradient ascent) is computed here independently of mle: closed forms where
they exist, else scipy's brentq on the log-likelihood written out by hand.
Run: python3 plots.py (numpy, scipy). Prints name = value lines, copied into
the scripts beside the asserts that use them.
"""
import numpy as np
from scipy.optimize import brentq
from scipy.stats import chi2, norm

CHI1 = chi2.ppf(0.95, 1)          # 3.841458820694124
CHI2 = chi2.ppf(0.95, 2)          # 5.991464547107979 = -2 log 0.05


def show(name, value):
    values = np.atleast_1d(np.asarray(value, dtype=float))
    print(f"{name} = " + ", ".join(repr(float(v)) for v in values))


# --- The Gaussian sample of Scripts/08-gaussian.mle -------------------------
x = np.array([4.8, 5.2, 3.9, 6.1, 5.0, 4.5, 5.7, 4.3, 5.5, 5.1])
n = len(x)
mu = x.mean()
s2 = ((x - mu) ** 2).mean()
sigma = np.sqrt(s2)


def loglik(m, s):
    return -n / 2 * np.log(2 * np.pi * s * s) - ((x - m) ** 2).sum() / (2 * s * s)


top = loglik(mu, sigma)
show("gauss.loglik", top)
# The slice over mu (sigma at sigma-hat) is a parabola: it crosses the cut-off
# at mu-hat -+ z * sigma-hat / sqrt(n), the Wald interval.
z = norm.ppf(0.975)
show("gauss.slice_mu", (mu - z * sigma / np.sqrt(n), mu + z * sigma / np.sqrt(n)))
# The slice over sigma (mu at mu-hat): l(sigma) = -n log sigma - n s2 / (2 sigma^2) + c.
f = lambda s: loglik(mu, s) - (top - CHI1 / 2)
show("gauss.slice_sigma", (brentq(f, 0.2, sigma, xtol=1e-15), brentq(f, sigma, 3, xtol=1e-15)))


# Profiles: sigma-hat(mu)^2 = s2 + (mu - xbar)^2, so 2(l-hat - l_p(mu)) =
# n log(1 + (mu - xbar)^2 / s2) and the interval is xbar -+ sigma-hat sqrt(e^{c/n} - 1).
def profile_mu(c):
    h = sigma * np.sqrt(np.expm1(c / n))
    return (mu - h, mu + h)


def profile_sigma(c):
    g = lambda s: loglik(mu, s) - (top - c / 2)   # mu-hat does not depend on sigma
    return (brentq(g, 0.1, sigma, xtol=1e-15), brentq(g, sigma, 5, xtol=1e-15))


show("gauss.profile_mu_95", profile_mu(CHI1))
show("gauss.profile_sigma_95", profile_sigma(CHI1))
# The 95% joint region's extent along each axis: the same with the chi2_2 cut-off.
show("gauss.region_mu", profile_mu(CHI2))
show("gauss.region_sigma", profile_sigma(CHI2))

# --- The coin: 7 heads in 10 flips ------------------------------------------
l = lambda p: 7 * np.log(p) + 3 * np.log(1 - p)
c = l(0.7) - CHI1 / 2
show("coin.interval", (brentq(lambda p: l(p) - c, 1e-9, 0.7, xtol=1e-15),
                       brentq(lambda p: l(p) - c, 0.7, 1 - 1e-12, xtol=1e-15)))

# --- Ridge: y ~ Normal(X b, 1), b ~ Normal(0, 1/sqrt(lambda)) ------------------
X = np.array([[1, 0.5], [2, -1], [3, 1.5], [4, 0.2], [5, -0.7], [6, 2.1]])
y = np.array([1.2, 1.1, 4.2, 3.3, 2.9, 7.4])
for lam in [0.01, 1, 100]:
    show(f"ridge.b(lambda={lam})", np.linalg.solve(X.T @ X + lam * np.eye(2), X.T @ y))

# --- Gradient ascent on mu with sigma = 1: mu_k = xbar (1 - (1 - lr n)^k) from 0 --
lr, steps = 0.02, 60
m = 0.0
path = []
for k in range(steps + 1):
    path.append((k, m, -n / 2 * np.log(2 * np.pi) - ((x - m) ** 2).sum() / 2, abs(n * (x.mean() - m))))
    m = m + lr * n * (x.mean() - m)
for k in [0, 1, 10, 60]:
    show(f"trace.iteration{k} (mu, loglik, |gradient|)", path[k][1:])

# --- Profile contour: cars, dist ~ Normal(a + b*speed, sigma) ------------------
# With sigma maximised, 2(l-hat - l_p(a)) = n log(RSS(a)/RSS), RSS(a) = RSS +
# (a - a-hat)^2 / [(X'X)^-1]_aa, so the interval is a-hat -+ sqrt(RSS [(X'X)^-1]_aa (e^{c/n} - 1)).
import csv, os
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "..", "..", "cars.csv")) as f:
    rows = list(csv.DictReader(f))
speed = np.array([float(r["speed"]) for r in rows])
dist = np.array([float(r["dist"]) for r in rows])
X = np.column_stack([np.ones_like(speed), speed])
coef = np.linalg.lstsq(X, dist, rcond=None)[0]
rss = ((dist - X @ coef) ** 2).sum()
inv = np.linalg.inv(X.T @ X)
m = len(dist)
for k, name in [(0, "a"), (1, "b")]:
    for c, what in [(CHI1, "profile"), (CHI2, "region")]:
        h = np.sqrt(rss * inv[k, k] * np.expm1(c / m))
        show(f"cars.{what}_{name}", (coef[k] - h, coef[k] + h))

# --- A simplex component: y = [1,2,2,3,3,3,1,2,3,3] ~ Categorical(p), counts (2, 3, 5) --
# With p1 fixed the rest are p_k = (1 - p1) n_k / (n - n1), so l_p(p1) = n1 log p1 +
# (n - n1) log(1 - p1) + const, the binomial's: the interval solves
# 2 (l-hat - l_p(p1)) = chi2_1(0.95).
from scipy.optimize import brentq
n1, rest = 2, 8
lp = lambda q: n1 * np.log(q) + rest * np.log(1 - q)
top = lp(n1 / (n1 + rest))
g = lambda q: 2 * (top - lp(q)) - CHI1
show("categorical.profile_p1", (brentq(g, 1e-9, 0.2, xtol=1e-15), brentq(g, 0.2, 1 - 1e-9, xtol=1e-15)))
