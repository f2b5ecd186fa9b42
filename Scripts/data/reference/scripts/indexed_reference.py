"""Reference values for params indexed by data -- Python side.

Run from Scripts/data/reference AFTER scripts/indexed_reference.R (which exports iris.csv,
birthwt.csv):
    python3 scripts/indexed_reference.py
Writes bigram-train.csv, bigram-test.csv (the small token corpus below, as bigrams) and
out/indexed_py.tsv (section, key, repr(value), description).

Tools: scikit-learn (GaussianNB), statsmodels (MNLogit, Newton with an analytic Hessian),
numpy (everything recomputed by hand as an independent check).
"""
import csv
import math
import os

import numpy as np
import pandas as pd
import sklearn
import statsmodels
import statsmodels.api as sm
from sklearn.naive_bayes import GaussianNB

os.makedirs("out", exist_ok=True)
ROWS = []


def put(sec, key, val, desc=""):
    vals = list(np.ravel(val)) if np.ndim(val) else [val]
    for i, v in enumerate(vals):
        k = key if len(vals) == 1 and np.ndim(val) == 0 else f"{key}[{i}]"
        ROWS.append((sec, k, repr(float(v)), desc))


# ------------------------------------------------------------ Gaussian naive Bayes
iris = pd.read_csv("iris.csv")
features = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
X = iris[features].to_numpy()
y = iris["species"].to_numpy()
nb = GaussianNB(var_smoothing=0).fit(X, y)
classes = list(nb.classes_)  # sorted levels: setosa, versicolor, virginica
put("nb", "mean", nb.theta_, "GaussianNB.theta_ (class x feature), classes " + ",".join(classes))
put("nb", "sd", np.sqrt(nb.var_), "sqrt(GaussianNB.var_): per-class SD dividing by n_k")
put("nb", "prior", nb.class_prior_, "GaussianNB.class_prior_")
flower = np.array([[6.1, 2.9, 4.7, 1.4]])
put("nb", "posterior", nb.predict_proba(flower)[0], "predict_proba of the flower (6.1, 2.9, 4.7, 1.4)")
# numpy, by hand: the same numbers and the joint log-likelihood of the fitted model.
ll = 0.0
for k, c in enumerate(classes):
    rows = X[y == c]
    mu = rows.mean(axis=0)
    sd = rows.std(axis=0)  # divides by n_k
    assert np.allclose(mu, nb.theta_[k], rtol=1e-14) and np.allclose(sd**2, nb.var_[k], rtol=1e-12)
    ll += np.sum(-np.log(sd) - 0.5 * np.log(2 * np.pi) - (rows - mu) ** 2 / (2 * sd**2))
    ll += len(rows) * np.log(len(rows) / len(X))
put("nb", "loglik", ll, "numpy: sum of the four Normal terms and the Categorical class term at the MLE")

# ------------------------------------------------------------ multinomial logit (MNLogit)
def mnlogit(ycodes, design):
    fit = sm.MNLogit(ycodes, design).fit(method="newton", tol=1e-14, maxiter=200, disp=False)
    return fit


codes = pd.Categorical(iris["species"]).codes
fit = mnlogit(codes, sm.add_constant(iris[["sepal_length"]].to_numpy()))
put("mnlogit_iris", "coef", fit.params.T, "MNLogit params by category (versicolor, virginica): const, slope")
put("mnlogit_iris", "se", fit.bse.T, "MNLogit bse (analytic Hessian)")
put("mnlogit_iris", "loglik", fit.llf, "MNLogit llf")
bw = pd.read_csv("birthwt.csv")
fit = mnlogit(bw["race"].to_numpy() - 1, sm.add_constant(bw[["age", "lwt", "smoke"]].to_numpy()))
put("mnlogit_birthwt", "coef", fit.params.T, "MNLogit params by category (race 2, race 3): const, age, lwt, smoke")
put("mnlogit_birthwt", "se", fit.bse.T, "MNLogit bse")
put("mnlogit_birthwt", "loglik", fit.llf, "MNLogit llf")

# ------------------------------------------------------------ bigram language model
TRAIN = """the cat sat on the mat .
the dog sat on the log .
a cat saw the dog .
the dog saw a cat on the mat .
a dog sat on a log .
the cat ran to the dog .
a bird sang on the log .
the bird saw the cat .
the dog ran to the mat .
a cat sang to a bird ."""
TEST = """the cat saw a dog .
a bird sat on the mat .
the dog ran to a cat ."""


def bigrams(text):
    out = []
    for line in text.splitlines():
        tokens = ["<s>"] + line.split() + ["</s>"]
        out += list(zip(tokens[:-1], tokens[1:]))
    return out


for name, text in (("bigram-train.csv", TRAIN), ("bigram-test.csv", TEST)):
    with open(name, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["prev", "next"])
        w.writerows(bigrams(text))
train, test = bigrams(TRAIN), bigrams(TEST)
rows = sorted({a for a, _ in train})  # levels sorted by code point, as mle sorts them
cols = sorted({b for _, b in train})
R, C = {t: i for i, t in enumerate(rows)}, {t: j for j, t in enumerate(cols)}
counts = np.zeros((len(rows), len(cols)))
for a, b in train:
    counts[R[a], C[b]] += 1
totals = counts.sum(axis=1, keepdims=True)


def loglik(P, pairs):
    with np.errstate(divide="ignore"):
        return float(sum(np.log(P[R[a], C[b]]) for a, b in pairs))


mle = counts / totals
put("bigram", "size", [len(rows), len(cols), len(train), len(test)], "rows (prev levels), columns (next levels), train and test bigrams")
put("bigram", "train_loglik", loglik(mle, train), "sum log count(i->j)/count(i->.) over the training bigrams")
put("bigram", "train_cross_entropy", -loglik(mle, train) / len(train) / math.log(2), "bits per token: -l/(n log 2)")
put("bigram", "P_the_cat", mle[R["the"], C["cat"]], "P[the, cat] = count(the->cat)/count(the->.)")
put("bigram", "se_P_the_cat", math.sqrt(mle[R["the"], C["cat"]] * (1 - mle[R["the"], C["cat"]]) / totals[R["the"], 0]), "sqrt(p(1-p)/n_the)")
alpha = 2.0  # Dirichlet(2): MAP (count + 1)/(total + V), add-one smoothing
V = len(cols)
smooth = (counts + alpha - 1) / (totals + V * (alpha - 1))
put("bigram", "map_P_the_cat", smooth[R["the"], C["cat"]], "(count + 1)/(total + V) with V = 15")
put("bigram", "map_P_bird_sat", smooth[R["bird"], C["sat"]], "(0 + 1)/(count(bird->.) + 15)")
put("bigram", "map_train_loglik", loglik(smooth, train), "training l at the MAP")
put("bigram", "map_test_loglik", loglik(smooth, test), "held-out l at the MAP")
put("bigram", "map_test_perplexity", math.exp(-loglik(smooth, test) / len(test)), "exp(-l/n) over the 23 test bigrams")
put("bigram", "mle_test_loglik_finite_part", sum(math.log(mle[R[a], C[b]]) for a, b in test if mle[R[a], C[b]] > 0), "(the MLE gives bird->sat probability 0: l = -inf)")

with open("out/indexed_py.tsv", "w") as f:
    for r in ROWS:
        f.write("\t".join(r) + "\n")
versions = f"numpy {np.__version__}, scikit-learn {sklearn.__version__}, statsmodels {statsmodels.__version__}"
print(versions)

# INDEXED.md: every value, R's and Python's, as the scripts 35-39 assert them.
with open("INDEXED.md", "w") as md:
    md.write("# Reference values: params indexed by data\n\n")
    md.write("Generated by `scripts/indexed_reference.R` then `scripts/indexed_reference.py` (run from this folder).\n")
    md.write(f"Python side: {versions}. R side: see the header of out/indexed_r.tsv's script (R 4.2.2, nnet 7.3-18).\n\n")
    sources = [("R", "out/indexed_r.tsv")] + [("Python", None)]
    r_rows = [line.rstrip("\n").split("\t") for line in open("out/indexed_r.tsv")] if os.path.exists("out/indexed_r.tsv") else []
    for origin, table in (("R", r_rows), ("Python", [list(r) for r in ROWS])):
        section = None
        for sec, key, value, desc in table:
            if sec != section:
                md.write(f"\n## {sec} ({origin})\n\n| key | value | how |\n|---|---|---|\n")
                section = sec
            md.write(f"| {key} | {value} | {desc} |\n")
