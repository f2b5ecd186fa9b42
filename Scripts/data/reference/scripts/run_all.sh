#!/bin/sh
# Regenerate every data file and reference value in Scripts/data/reference.
# Needs: apt-get install -y r-base-core (brings MASS as recommended pkg); pip install statsmodels (numpy, scipy, pandas, mpmath)
set -e
cd "$(dirname "$0")/.."
python3 scripts/make_nist_csv.py          # longley.csv, norris.csv (transcribed NIST data)
Rscript scripts/reference.R               # exports mtcars/discoveries/rivers/cars/gauss10/numacc*.csv, out/r_values.tsv
Rscript scripts/factors.R                 # ../warpbreaks.csv and the glm/lm values Scripts/32-factors.mle asserts
python3 scripts/reference.py              # out/py_values.tsv (statsmodels/scipy/numpy + exact)
python3 scripts/build_reference.py        # REFERENCE.md (exits 1 if exact LS != NIST certified)
(cd scripts && Rscript mixtures.R && python3 mixtures.py)   # MIXTURES.md's values (mixtools, numDeriv; mpmath)
(cd scripts && python3 mixtures_more.py)                  # script 49: three Normals on a simplex, two LogNormals (mpmath; scikit-learn)
Rscript scripts/indexed_reference.R       # iris/insectsprays/birthwt.csv, out/indexed_r.tsv (nnet::multinom, glm)
python3 scripts/indexed_reference.py      # bigram-*.csv, out/indexed_py.tsv, INDEXED.md (GaussianNB, MNLogit, numpy)
