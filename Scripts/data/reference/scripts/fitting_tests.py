"""Reference values for Tests/FittingTests (the Fitting stage's unit tests).

Logistic regression of y = [0, 0, 1, 0, 1, 1] on x = [1, …, 6] with an
intercept, by Newton's method in numpy (50 iterations: converged to machine
precision; the Hessian is exact), and the standard errors from the observed
information. Run: python3 fitting_tests.py
"""
import numpy as np

x = np.array([1, 2, 3, 4, 5, 6.0])
y = np.array([0, 0, 1, 0, 1, 1.0])
X = np.c_[np.ones(6), x]
b = np.zeros(2)
for _ in range(50):
    p = 1 / (1 + np.exp(-X @ b))
    g = X.T @ (y - p)
    H = -(X.T * (p * (1 - p))) @ X
    b = b - np.linalg.solve(H, g)
p = 1 / (1 + np.exp(-X @ b))
H = -(X.T * (p * (1 - p))) @ X
print("coefficients", [repr(v) for v in b])
print("standard errors", [repr(v) for v in np.sqrt(np.diag(np.linalg.inv(-H)))])
print("loglik", repr(np.sum(y * np.log(p) + (1 - y) * np.log(1 - p))))
# coefficients ['-4.249096550479971', '1.2140275858514202']
# standard errors ['3.3878502206095225', '0.9125855598847554']
# loglik -2.4779868350496126
