"""NIST StRD linear regression sets beyond Longley and Norris: Pontius, NoInt1, NoInt2,
Filip, Wampler1-5. Writes ../../nist/<name>.csv (columns y, x) and checks that the exact
rational least-squares solution of each file, rounded to 15 significant digits, reproduces
every certified coefficient and standard deviation (NIST's SD = sqrt(RSS/(n-p)) * sqrt(diag
((X'X)^-1)), computed here with 60-digit mpmath). Exits non-zero on any mismatch.

Sources of the data (cross-checked value by value, see nist_certified.md):
  a CSV copy of the .dat data in xKDR/NISTTests.jl (data/*.csv, commit 111df81), and the
  transcriptions in GSL (multifit/test_pontius.c, multifit/test_filip.c, fit/test.c) and
  in Paul Kienzle's wpolyfit tests (Filip, Pontius, NoInt1, Wampler1-5 with certified values).
Run from Scripts/data/reference:  python3 scripts/nist_linear.py /path/to/xKDR-csv-dir
"""
import csv, sys
from fractions import Fraction as F
import mpmath

mpmath.mp.dps = 60
# name: (degree or None for the no-intercept line, certified [(estimate, sd)], certified residual SD)
CERTIFIED = {
    "pontius": (2, [("0.673565789473684E-03", "0.107938612033077E-03"),
                    ("0.732059160401003E-06", "0.157817399981659E-09"),
                    ("-0.316081871345029E-14", "0.486652849992036E-16")], None),
    "noint1": (None, [("2.07438016528926", "0.165289256198347E-01")], "3.56753034006338"),
    "noint2": (None, [("0.727272727272727", "0.420827318078432E-01")], None),
    "filip": (10, [("-1467.48961422980", "298.084530995537"), ("-2772.17959193342", "559.779865474950"),
                   ("-2316.37108160893", "466.477572127796"), ("-1127.97394098372", "227.204274477751"),
                   ("-354.478233703349", "71.6478660875927"), ("-75.1242017393757", "15.2897178747400"),
                   ("-10.8753180355343", "2.23691159816033"), ("-1.06221498588947", "0.221624321934227"),
                   ("-0.670191154593408E-01", "0.142363763154724E-01"),
                   ("-0.246781078275479E-02", "0.535617408889821E-03"),
                   ("-0.402962525080404E-04", "0.896632837373868E-05")], None),
    "wampler1": (5, [("1", "0")] * 6, None),
    "wampler2": (5, [("1", "0"), ("0.1", "0"), ("0.01", "0"), ("0.001", "0"), ("0.0001", "0"), ("0.00001", "0")], None),
    "wampler3": (5, list(zip(["1"] * 6, ["2152.32624678170", "2363.55173469681", "779.343524331583",
                                          "101.475507550350", "5.64566512170752", "0.112324854679312"])), None),
    "wampler4": (5, list(zip(["1"] * 6, ["215232.624678170", "236355.173469681", "77934.3524331583",
                                          "10147.5507550350", "564.566512170752", "11.2324854679312"])), None),
    "wampler5": (5, list(zip(["1"] * 6, ["21523262.4678170", "23635517.3469681", "7793435.24331583",
                                          "1014755.07550350", "56456.6512170752", "1123.24854679312"])), None),
}

def solve(a, b):
    """Exact Gaussian elimination over the rationals."""
    n = len(a)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = next(r for r in range(c, n) if m[r][c] != 0)
        m[c], m[p] = m[p], m[c]
        for r in range(n):
            if r != c and m[r][c] != 0:
                f = m[r][c] / m[c][c]
                m[r] = [x - f * y for x, y in zip(m[r], m[c])]
    return [m[i][n] / m[i][i] for i in range(n)]

def sig15(x):
    return mpmath.nstr(mpmath.mpf(x), 15) if x != 0 else "0"

def main(src):
    bad = 0
    for name, (degree, cert, rsd) in CERTIFIED.items():
        # First column of the source is y; the x column is the second (Filip's copy carries
        # rounded powers x2..x10 too: only x1, as NIST gives it, is kept).
        with open(f"{src}/{name}.csv", encoding="utf-8-sig") as fh:
            rows = list(csv.reader(fh))[1:]
        ys = [r[0].strip() for r in rows]
        xs = [r[1].strip() for r in rows]
        with open(f"../nist/{name}.csv", "w") as out:
            out.write("y,x\n" + "".join(f"{y},{x}\n" for y, x in zip(ys, xs)))
        y = [F(v) for v in ys]
        x = [F(v) for v in xs]
        powers = [1] if degree is None else list(range(degree + 1))
        X = [[xi ** k for k in powers] for xi in x]
        xtx = [[sum(r[i] * r[j] for r in X) for j in range(len(powers))] for i in range(len(powers))]
        xty = [sum(r[i] * yi for r, yi in zip(X, y)) for i in range(len(powers))]
        beta = solve(xtx, xty)
        rss = sum((yi - sum(b * v for b, v in zip(beta, r))) ** 2 for r, yi in zip(X, y))
        dof = len(y) - len(powers)
        s2 = mpmath.mpf(rss.numerator) / rss.denominator / dof
        for j, (est, sd) in enumerate(cert):
            e = [F(int(i == j)) for i in range(len(powers))]
            inv_jj = solve(xtx, e)[j]
            se = mpmath.sqrt(s2 * mpmath.mpf(inv_jj.numerator) / inv_jj.denominator)
            b = mpmath.mpf(beta[j].numerator) / beta[j].denominator
            ok_b = sig15(b) == sig15(mpmath.mpf(est))
            ok_s = (sd == "0" and se < mpmath.mpf("1e-20")) or sig15(se) == sig15(mpmath.mpf(sd))
            if not (ok_b and ok_s):
                bad += 1
                print(f"{name} B{j}: exact {sig15(b)} sd {sig15(se)}  certified {est} {sd}")
        if rsd:
            got = sig15(mpmath.sqrt(s2))
            if got != sig15(mpmath.mpf(rsd)):
                bad += 1
                print(f"{name} residual SD {got} certified {rsd}")
        print(f"{name}: n = {len(y)}, p = {len(powers)}, exact OLS checked")
    sys.exit(1 if bad else 0)

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/nist")
