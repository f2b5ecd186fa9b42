"""Reference values for Tests/SymbolicTests/SpecialFunctionTests.swift.

log P(a, x), log Q(a, x) (regularised incomplete gamma), log I_x(a, b) (regularised
incomplete beta) and log F(z; nu) (Student t CDF), with their first and second
derivatives in the shape parameters, computed with mpmath at 40 digits (the
derivatives by mpmath.diff on the 40-digit functions); scipy.special values of
the functions themselves are printed beside them as an independent check.
Run: python3 special_functions.py
"""
import mpmath as mp
from scipy import special, stats

mp.mp.dps = 40


def logP(a, x):
    return mp.log(mp.gammainc(a, 0, x, regularized=True))


def logQ(a, x):
    return mp.log(mp.gammainc(a, x, mp.inf, regularized=True))


def logI(a, b, x):
    return mp.log(mp.betainc(a, b, 0, x, regularized=True))


def logT(z, nu):
    # F(z) = 1/2 I_{nu/(nu+z^2)}(nu/2, 1/2) for z < 0; 1 - that for z > 0
    x = nu / (nu + z * z)
    half = mp.betainc(nu / 2, mp.mpf(1) / 2, 0, x, regularized=True) / 2
    return mp.log(half if z < 0 else 1 - half)


def f(v):
    return mp.nstr(v, 17, min_fixed=-mp.inf, max_fixed=mp.inf) if mp.isfinite(v) else str(v)


gamma_points = [(0.5, 0.1), (2.5, 1.0), (3.0, 7.5), (10.0, 3.0), (1.7, 40.0), (50.0, 60.0), (0.3, 2.0), (120.0, 100.0)]
print("// (a, x): log P, ∂a, ∂a², log Q, ∂a, ∂a²")
for a, x in gamma_points:
    a, x = mp.mpf(a), mp.mpf(x)
    vals = [logP(a, x), mp.diff(lambda t: logP(t, x), a), mp.diff(lambda t: logP(t, x), a, 2),
            logQ(a, x), mp.diff(lambda t: logQ(t, x), a), mp.diff(lambda t: logQ(t, x), a, 2)]
    print(f"({float(a)}, {float(x)}, [{', '.join(f(v) for v in vals)}]),",
          "// scipy P", repr(float(special.gammainc(float(a), float(x)))), "Q", repr(float(special.gammaincc(float(a), float(x)))))

beta_points = [(0.5, 0.5, 0.3), (2.0, 3.0, 0.2), (5.0, 1.5, 0.9), (30.0, 40.0, 0.45), (1.0, 12.0, 0.01), (8.0, 0.5, 0.999), (0.7, 4.0, 0.6)]
print("// (a, b, x): log I, ∂a, ∂b, ∂a², ∂a∂b, ∂b²")
for a, b, x in beta_points:
    a, b, x = mp.mpf(a), mp.mpf(b), mp.mpf(x)
    vals = [logI(a, b, x), mp.diff(lambda t: logI(t, b, x), a), mp.diff(lambda t: logI(a, t, x), b),
            mp.diff(lambda t: logI(t, b, x), a, 2), mp.diff(lambda s, t: logI(s, t, x), (a, b), (1, 1)),
            mp.diff(lambda t: logI(a, t, x), b, 2)]
    print(f"({float(a)}, {float(b)}, {float(x)}, [{', '.join(f(v) for v in vals)}]),",
          "// scipy", repr(float(special.betainc(float(a), float(b), float(x)))))

t_points = [(-3.0, 4.0), (-0.5, 1.5), (0.7, 10.0), (4.0, 2.5), (-40.0, 3.0), (25.0, 6.0)]
print("// (z, nu): log F, ∂nu, ∂nu²")
for z, nu in t_points:
    z, nu = mp.mpf(z), mp.mpf(nu)
    vals = [logT(z, nu), mp.diff(lambda t: logT(z, t), nu), mp.diff(lambda t: logT(z, t), nu, 2)]
    print(f"({float(z)}, {float(nu)}, [{', '.join(f(v) for v in vals)}]),",
          "// scipy", repr(float(stats.t.logcdf(float(z), float(nu)))))
