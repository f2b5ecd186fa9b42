#!/usr/bin/env bash
# Side-by-side timings of mle against the libraries statisticians use, on the same generated
# files. Each peer is timed in-process (load + fit, imports excluded); mle is timed as its whole
# process (`mle run`), so start-up and parsing count against it. The two are timed in turn,
# three rounds, best round of each. Prints one line per workload
# and peer with the ratio mle/peer (below 1: mle is faster). Peers that are not installed are
# skipped; nothing here is needed by the tests.
#
#   Benchmarks/peers.sh [workload ...]     workloads: logistic poisson gauss nls csv csv1 wide
#   (csv: load the 1M × 11 logistic file; csv1: load the 10M × 1 gauss file)
#   MLE=path/to/mle ROWS_SCALE=0.1 Benchmarks/peers.sh      (a smaller, quicker run)
#   FIT_ONLY=0 Benchmarks/peers.sh          (skip the in-memory fit-only comparison at the end,
#                                            which runs mle-bench glm, gauss and nls)
#
# Timings on a shared machine are noisy: repeat, and read the ratios as provisional.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
MLE="${MLE:-$root/.build/release/mle}"
WORK="${WORK:-$(mktemp -d /tmp/mle-peers.XXXXXX)}"
SCALE="${ROWS_SCALE:-1}"
PY="${PYTHON:-python3}"
[ -x "$MLE" ] || { echo "peers.sh: build the release binary first: swift build -c release --static-swift-stdlib --product mle" >&2; exit 2; }
workloads=("$@")
[ ${#workloads[@]} -gt 0 ] || workloads=(logistic poisson gauss nls csv csv1 wide)

have() { "$PY" -c "import $1" 2>/dev/null; }

# Wall-clock seconds of one whole run of a script.
mle_once() {
  local t0 t1
  t0=$(date +%s.%N); "$MLE" run "$1" > /dev/null; t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}

# The smaller of two times (either may be empty).
smaller() {
  if [ -z "$1" ]; then echo "$2"; elif [ -z "$2" ]; then echo "$1";
  elif [ "$(echo "$2 < $1" | bc -l)" = 1 ]; then echo "$2"; else echo "$1"; fi
}

ratio() { printf '%-10s %-34s mle %7.3f s   peer %7.3f s   ratio %6.2f\n' "$1" "$2" "$3" "$4" "$(echo "$3 / $4" | bc -l)"; }

# Generates the data files (fixed seeds) and writes the mle scripts beside them.
"$PY" - "$WORK" "$SCALE" <<'PYEOF'
import sys, numpy as np
work, scale = sys.argv[1], float(sys.argv[2])
rng = np.random.default_rng(42)
def save(name, cols, names):
    np.savetxt(f"{work}/{name}.csv", np.column_stack(cols), delimiter=",", header=",".join(names), comments="", fmt="%.17g")
n = int(1_000_000 * scale)
X = rng.standard_normal((n, 10)); w = np.linspace(-0.5, 0.5, 10)
y = (rng.random(n) < 1 / (1 + np.exp(-(X @ w)))).astype(float)
save("logistic", [y, X], ["y"] + [f"x{j}" for j in range(1, 11)])
X5 = rng.standard_normal((n, 5)) * 0.3
k = rng.poisson(np.exp(0.5 + X5 @ np.linspace(-0.4, 0.4, 5))).astype(float)
save("poisson", [k, X5], ["k"] + [f"x{j}" for j in range(1, 6)])
g = rng.normal(3, 2, int(10_000_000 * scale))
save("gauss", [g], ["x"])
xs = rng.uniform(0, 5, n); ys = 2.5 * (1 - np.exp(-0.8 * xs)) + rng.normal(0, 0.1, n)
save("nls", [ys, xs], ["y", "x"])
m = int(100_000 * scale); W = rng.standard_normal((m, 200)); wy = (rng.random(m) < 1 / (1 + np.exp(-(W @ rng.normal(0, 0.1, 200))))).astype(float)
save("wide", [wy, W], ["y"] + [f"x{j}" for j in range(1, 201)])
cols = ", ".join(f"x{j}" for j in range(1, 11))
open(f"{work}/logistic.mle", "w").write(f'data d = csv("logistic.csv")\ndata X = d[{cols}]\nparam b\nparam w: vector[10]\nmodel d.y ~ Bernoulli(sigmoid(b + w·X))\nfit\n')
cols5 = ", ".join(f"x{j}" for j in range(1, 6))
open(f"{work}/poisson.mle", "w").write(f'data d = csv("poisson.csv")\ndata X = d[{cols5}]\nparam b\nparam w: vector[5]\nmodel d.k ~ Poisson(exp(b + w·X))\nfit\n')
open(f"{work}/gauss.mle", "w").write('data d = csv("gauss.csv")\nparam μ\nparam σ > 0\nmodel d.x ~ Normal(μ, σ)\nfit\n')
open(f"{work}/nls.mle", "w").write('data d = csv("nls.csv")\nparam a = 1\nparam c = 1\nparam σ > 0\nmodel d.y ~ Normal(a*(1 - exp(-c*d.x)), σ)\nfit\n')
open(f"{work}/csv.mle", "w").write('data d = csv("logistic.csv")\nprint sum(d.x10)\n')
open(f"{work}/csv1.mle", "w").write('data d = csv("gauss.csv")\nprint sum(d.x)\n')
colsw = ", ".join(f"x{j}" for j in range(1, 201))
open(f"{work}/wide.mle", "w").write(f'data d = csv("wide.csv")\ndata X = d[{colsw}]\nparam b\nparam w: vector[200]\nmodel d.y ~ Bernoulli(sigmoid(b + w·X))\nfit\n')
PYEOF
cd "$WORK"

# In-process peer timings: load with polars if present (else pandas/numpy), fit, best of 3.
peer() {  # peer NAME WORKLOAD -> seconds, or nothing when the library is missing
  "$PY" - "$1" "$2" <<'PYEOF' 2>/dev/null || true
import sys, time
name, work = sys.argv[1], sys.argv[2]
def load(path):
    try:
        import polars as pl
        return pl.read_csv(path).to_numpy()
    except ImportError:
        import numpy as np
        return np.loadtxt(path, delimiter=",", skiprows=1)
def run():
    import numpy as np
    if name == "polars":
        import polars as pl; pl.read_csv("gauss.csv" if work == "csv1" else "logistic.csv"); return
    a = load(f"{work}.csv")
    y, X = a[:, 0], a[:, 1:]
    if name == "sklearn":
        from sklearn.linear_model import LogisticRegression, PoissonRegressor
        if work == "poisson": PoissonRegressor(alpha=0, solver="newton-cholesky", tol=1e-10).fit(X, y)
        elif work == "wide": LogisticRegression(penalty=None, solver="lbfgs", max_iter=1000).fit(X, y)
        else: LogisticRegression(penalty=None, solver="newton-cholesky", tol=1e-10).fit(X, y)
    elif name == "glum":
        from glum import GeneralizedLinearRegressor
        GeneralizedLinearRegressor(family="poisson" if work == "poisson" else "binomial", alpha=0).fit(X, y)
    elif name == "statsmodels":
        import statsmodels.api as sm
        fam = sm.families.Poisson() if work == "poisson" else sm.families.Binomial()
        sm.GLM(y, sm.add_constant(X), family=fam).fit()
    elif name == "scipy-norm":
        from scipy import stats; stats.norm.fit(a[:, 0])
    elif name == "scipy-lm":
        from scipy.optimize import least_squares
        x = a[:, 1]
        least_squares(lambda p: p[0] * (1 - np.exp(-p[1] * x)) - y, [1, 1], method="lm",
                      jac=lambda p: np.column_stack([1 - np.exp(-p[1] * x), p[0] * x * np.exp(-p[1] * x)]))
best = float("inf")
for _ in range(3):
    t = time.perf_counter(); run(); best = min(best, time.perf_counter() - t)
print(best)
PYEOF
}

fread_time() {
  command -v Rscript > /dev/null || return 0
  Rscript -e 'suppressMessages(library(data.table)); b <- Inf; for (i in 1:3) { t <- system.time(fread(commandArgs(TRUE)[1]))[["elapsed"]]; b <- min(b, t) }; cat(b)' "$1" 2>/dev/null || true
}

# Three rounds, each one mle run and then each peer's best of 3: the machine's speed drifts
# (a shared VM's can change by a third within a minute), so mle and the peers are timed
# turn about, and each side's best round is compared.
for w in "${workloads[@]}"; do
  case $w in
    logistic|poisson) peers=(glum sklearn statsmodels) ;;
    gauss) peers=(scipy-norm) ;;
    nls) peers=(scipy-lm) ;;
    csv|csv1) peers=(polars) ;;
    wide) peers=(sklearn) ;;
  esac
  m=""
  declare -A best=()
  for _ in 1 2 3; do
    m=$(smaller "$m" "$(mle_once "$w.mle")")
    for p in "${peers[@]}"; do best[$p]=$(smaller "${best[$p]:-}" "$(peer "$p" "$w")"); done
  done
  for p in "${peers[@]}"; do
    t=${best[$p]:-}
    [ -n "$t" ] && ratio "$w" "$p" "$m" "$t" || echo "$w: $p not installed"
  done
  unset best
  if [ "$w" = csv ] || [ "$w" = csv1 ]; then
    f=logistic.csv; [ "$w" = csv1 ] && f=gauss.csv
    t=$(fread_time "$f"); [ -n "$t" ] && ratio "$w" "data.table::fread" "$m" "$t" || echo "$w: R data.table not installed"
  fi
done
# Fit only, data in memory: mle-bench's in-process fits (glm, gauss, nls) against the peers
# fitting data of the same shape and model, generated in Python (no file read on either side).
# The data are not the same draws (each side its own fixed seed), so read ratios, not digits.
BENCH="${MLE_BENCH:-$root/.build/release/mle-bench}"
if [ -x "$BENCH" ] && [ "${FIT_ONLY:-1}" = 1 ]; then
  for w in glm gauss nls; do
    case $w in
      glm) rows=$(printf '%.0f' "$(echo "1000000 * $SCALE" | bc -l)"); args=("$rows" 10) ;;
      gauss) rows=$(printf '%.0f' "$(echo "10000000 * $SCALE" | bc -l)"); args=("$rows") ;;
      nls) rows=$(printf '%.0f' "$(echo "1000000 * $SCALE" | bc -l)"); args=("$rows") ;;
    esac
    m=$("$BENCH" "$w" "${args[@]}" | sed -n 's/^fit_seconds: //p')
    [ -n "$m" ] || { echo "$w: mle-bench printed no fit time"; continue; }
    "$PY" - "$w" "$rows" "$m" <<'PYEOF' 2>/dev/null || echo "$w (fit only): numpy/scipy not installed"
import sys, time, numpy as np
w, n, m = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
rng = np.random.default_rng(42)
def timed(f):
    b = float("inf")
    for _ in range(3):
        t = time.perf_counter(); f(); b = min(b, time.perf_counter() - t)
    return b
peers = []
if w == "glm":
    X = rng.standard_normal((n, 10)); truth = 0.5 * (np.arange(10) % 3) - 0.4
    y = (rng.random(n) < 1 / (1 + np.exp(-(X @ truth)))).astype(float)
    try:
        from glum import GeneralizedLinearRegressor
        peers.append(("glum", lambda: GeneralizedLinearRegressor(family="binomial", alpha=0, fit_intercept=False).fit(X, y)))
    except ImportError: pass
    try:
        from sklearn.linear_model import LogisticRegression
        peers.append(("sklearn newton-cholesky", lambda: LogisticRegression(penalty=None, solver="newton-cholesky", fit_intercept=False, tol=1e-10).fit(X, y)))
    except ImportError: pass
    try:
        import statsmodels.api as sm
        peers.append(("statsmodels GLM", lambda: sm.GLM(y, X, family=sm.families.Binomial()).fit()))
    except ImportError: pass
elif w == "gauss":
    g = 1e7 + 0.1 * rng.standard_normal(n)
    from scipy import stats
    peers.append(("scipy.stats.norm.fit", lambda: stats.norm.fit(g)))
    peers.append(("numpy mean+std", lambda: (g.mean(), g.std())))
else:
    x = rng.uniform(0, 5, n); y = 2.5 * (1 - np.exp(-0.8 * x)) + rng.normal(0, 0.1, n)
    from scipy.optimize import least_squares
    peers.append(("scipy least_squares(lm)", lambda: least_squares(
        lambda p: p[0] * (1 - np.exp(-p[1] * x)) - y, [1, 1], method="lm",
        jac=lambda p: np.column_stack([1 - np.exp(-p[1] * x), p[0] * x * np.exp(-p[1] * x)]))))
for name, f in peers:
    t = timed(f)
    print(f"{w + ' (fit only)':<18} {name:<26} mle {m:7.3f} s   peer {t:7.3f} s   ratio {m / t:6.2f}")
PYEOF
  done
fi
echo "files and scripts in $WORK"
