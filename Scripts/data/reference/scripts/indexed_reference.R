# Reference values for params indexed by data (naive Bayes, per-group rates, multinomial
# logit) -- R side. Run from Scripts/data/reference:   Rscript scripts/indexed_reference.R
# Writes: iris.csv, insectsprays.csv, birthwt.csv (data exports, copied to Scripts/data)
#         out/indexed_r.tsv (section <TAB> key <TAB> value(%.17g) <TAB> description)
# Packages: base R, MASS (birthwt), nnet (multinom).

suppressPackageStartupMessages({ library(MASS); library(nnet) })
dir.create("out", showWarnings = FALSE)
g17 <- function(x) sprintf("%.17g", x)
rows <- list()
put <- function(sec, key, val, desc = "") {
  val <- unname(val)
  for (i in seq_along(val)) {
    k <- if (length(val) == 1) key else paste0(key, "[", i - 1, "]")
    rows[[length(rows) + 1]] <<- c(sec, k, g17(val[i]), desc)
  }
}

## ------------------------------------------------------------------ data exports
ir <- iris
names(ir) <- c("sepal_length", "sepal_width", "petal_length", "petal_width", "species")
write.csv(ir, "iris.csv", row.names = FALSE, quote = FALSE)
ins <- InsectSprays
write.csv(ins, "insectsprays.csv", row.names = FALSE, quote = FALSE)
bw <- birthwt[, c("race", "age", "lwt", "smoke")]
write.csv(bw, "birthwt.csv", row.names = FALSE, quote = FALSE)

## ------------------------------------------------- Poisson rate per spray (glm)
# count ~ spray - 1 with a log link: exp(coef) is each spray's mean count, and by the
# delta method se(lambda_k) = lambda_k * se(log lambda_k) = sqrt(lambda_k / n_k).
g <- glm(count ~ spray - 1, family = poisson, data = ins, control = glm.control(epsilon = 1e-15, maxit = 100))
lam <- exp(coef(g))
put("insects", "lambda", lam, "exp(coef(glm(count ~ spray - 1, poisson)))")
put("insects", "se_lambda", lam * sqrt(diag(vcov(g))), "delta method: lambda * se(log lambda)")
put("insects", "loglik", as.numeric(logLik(g)), "logLik(glm)")
put("insects", "aic", AIC(g), "AIC(glm)")

## ------------------------------------------------------- multinomial logit (nnet)
# nnet::multinom fits by BFGS; tolerances pushed to the limit so its estimates agree
# with a Newton fit (statsmodels MNLogit, in indexed_reference.py) to ~1e-8.
mn <- function(formula, data) {
  multinom(formula, data = data, reltol = 1e-16, abstol = 1e-300, maxit = 100000, trace = FALSE, Hess = TRUE)
}
f <- mn(species ~ sepal_length, ir)
put("multinom_iris", "coef", t(coef(f)), "coef(multinom(species ~ sepal_length)), by category: intercept, slope")
put("multinom_iris", "se", sqrt(diag(solve(f$Hessian))), "sqrt(diag(solve(Hessian)))")
put("multinom_iris", "loglik", as.numeric(logLik(f)), "logLik(multinom)")
put("multinom_iris", "aic", AIC(f), "AIC(multinom)")
f <- mn(factor(race) ~ age + lwt + smoke, bw)
put("multinom_birthwt", "coef", t(coef(f)), "coef(multinom(race ~ age + lwt + smoke)), by category")
put("multinom_birthwt", "se", sqrt(diag(solve(f$Hessian))), "sqrt(diag(solve(Hessian)))")
put("multinom_birthwt", "loglik", as.numeric(logLik(f)), "logLik(multinom)")

out <- do.call(rbind, rows)
write.table(out, "out/indexed_r.tsv", sep = "\t", quote = FALSE, row.names = FALSE, col.names = FALSE)
cat(R.version.string, "; nnet", as.character(packageVersion("nnet")), "\n")
