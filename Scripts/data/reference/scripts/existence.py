"""Reference values for Scripts/44-when-the-mle-does-not-exist.mle (REFERENCE.md §12).

Poisson(exp(b)) with y = 0, 0, 0 and the prior b ~ Normal(0, 10): the log posterior
-3·e^b - b²/200 + const has its mode where -3·e^b - b/100 = 0 (solved to machine
precision with Brent's method); the posterior curvature there is 3·e^b + 1/100.
"""
import math
from scipy.optimize import brentq

b = brentq(lambda b: -3 * math.exp(b) - b / 100, -10, 0, xtol=1e-16, rtol=1e-15)
print("MAP b", repr(b))
print("se", repr(1 / math.sqrt(3 * math.exp(b) + 0.01)))
print("loglik", repr(-3 * math.exp(b)))
z = 1.959963984540054  # scipy.stats.norm.ppf(0.975)
se = 1 / math.sqrt(3 * math.exp(b) + 0.01)
ell = -3 * math.exp(b)
print("interval", repr(b - z * se), repr(b + z * se))
# log posterior = ℓ + log N(b; 0, 10) = ℓ − log(10·√(2π)) − b²/200
print("log-posterior", repr(ell - math.log(10 * math.sqrt(2 * math.pi)) - b * b / 200))
print("AIC", repr(-2 * ell + 2), "BIC", repr(-2 * ell + math.log(3)))
# flips = 1, 1, 1 under Bernoulli(p·q): ℓ = 3·log(pq) → 0 at p = q = 1; AIC = 0 + 2·2, BIC = 0 + 2·log 3
print("coin AIC", 4, "BIC", repr(2 * math.log(3)))
# data/zero-group.csv, k ~ Binomial(n, p[g]): p̂ = (7/20, 20/20, 11/20); ℓ with 0·log 0 = 0.
from math import lgamma, log as ln
def binom(k, n, p):
    return lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1) + (k * ln(p) if k else 0) + ((n - k) * ln(1 - p) if n - k else 0)
print("groups loglik", repr(sum(binom(k, 10, p) for k, p in [(3, .35), (4, .35), (10, 1), (10, 1), (5, .55), (6, .55)])))
