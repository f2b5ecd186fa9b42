# Reference values for inference (issue 10): Wald tests, profile-likelihood
# intervals, likelihood-ratio tests, predictions with standard errors, held-out
# log-likelihood. Run from Scripts/data/reference:  Rscript scripts/inference.R
# Writes out/inference_r.tsv (key <TAB> value(%.17g) <TAB> how it was computed).
# Base R and the recommended package MASS only.
suppressPackageStartupMessages(library(MASS))
dir.create("out", showWarnings = FALSE)
rows <- list()
put <- function(key, val, how) {
  val <- unname(val)
  for (i in seq_along(val)) {
    k <- if (length(val) == 1) key else paste0(key, "[", i, "]")
    rows[[length(rows) + 1]] <<- c(k, sprintf("%.17g", val[i]), how)
  }
}
tight <- glm.control(epsilon = 1e-15, maxit = 200)
qc <- qchisq(0.95, 1)

## mtcars: am ~ hp + wt (logistic), R's summary, confint, anova, predict
d <- read.csv("../mtcars.csv")
m2 <- glm(am ~ hp + wt, family = binomial, data = d, control = tight)
m1 <- glm(am ~ hp, family = binomial, data = d, control = tight)
m0 <- glm(am ~ 1, family = binomial, data = d, control = tight)
cf <- summary(m2)$coefficients
put("mtcars.z", cf[, 3], "summary(glm(am ~ hp + wt, binomial))$coefficients[, 'z value']")
put("mtcars.p", cf[, 4], "summary(glm(am ~ hp + wt, binomial))$coefficients[, 'Pr(>|z|)']")
ci <- suppressMessages(confint(m2))
put("mtcars.confint.lower", ci[, 1], "MASS confint(glm): profile on a grid, spline-interpolated")
put("mtcars.confint.upper", ci[, 2], "MASS confint(glm): profile on a grid, spline-interpolated")
ci99 <- suppressMessages(confint(m2, level = 0.99))
put("mtcars.confint99.lower", ci99[, 1], "MASS confint(glm, level = 0.99)")
put("mtcars.confint99.upper", ci99[, 2], "MASS confint(glm, level = 0.99)")

# The exact ends: the profile log-likelihood l_p(v) (the other coefficients refitted by a
# damped Newton iteration with coefficient j fixed at v; glm.fit's IRLS, started from its
# default, diverges at the far ends of this profile) solved for 2(l̂ - l_p(v)) = χ²₁(level)
# by uniroot to 1e-14 relative.
X <- cbind(1, d$hp, d$wt)
loglik_logit <- function(b) { eta <- drop(X %*% b); sum(d$am * eta - log1p(exp(-abs(eta))) - pmax(eta, 0)) }
restricted <- function(j, v, start) {
  b <- start; b[j] <- v; free <- setdiff(1:3, j)
  for (it in 1:200) {
    eta <- drop(X %*% b); p <- 1 / (1 + exp(-eta))
    g <- crossprod(X[, free, drop = FALSE], d$am - p)
    H <- crossprod(X[, free, drop = FALSE] * (p * (1 - p)), X[, free, drop = FALSE])
    step <- tryCatch(drop(solve(H, g)), error = function(e) drop(solve(H + diag(1e-6 * max(diag(H)), length(free)), g)))
    t <- 1; l0 <- loglik_logit(b)
    repeat { bt <- b; bt[free] <- b[free] + t * step; if (loglik_logit(bt) >= l0 - 1e-12 || t < 1e-10) break; t <- t / 2 }
    b <- bt
    if (max(abs(t * step)) < 1e-13 * max(1, max(abs(b)))) break
  }
  b
}
lhat <- loglik_logit(coef(m2))
exact_end <- function(j, side, level) {
  est <- coef(m2)[j]; se <- sqrt(vcov(m2)[j, j])
  warm <- coef(m2)
  # Each restricted fit starts where the previous one ended, walking to v in steps of se/4
  # (continuation along the profile: a far start saturates every fitted probability).
  f <- function(v) {
    path <- seq(warm[j], v, length.out = 2 + ceiling(abs(v - warm[j]) / (se / 4)))[-1]
    for (u in path) warm <<- restricted(j, u, warm)
    2 * (lhat - loglik_logit(warm)) - qchisq(level, 1)
  }
  far <- est + side * 3 * se
  while (f(far) < 0) far <- est + 2 * (far - est)
  uniroot(f, sort(c(est, far)), tol = 1e-14 * max(1, abs(est)))$root
}
for (level in c(0.95, 0.99)) {
  tag <- if (level == 0.95) "" else "99"
  put(paste0("mtcars.profile", tag, ".lower"), sapply(1:3, exact_end, side = -1, level = level),
      paste0("uniroot of the deviance profile (glm.fit with an offset), level ", level))
  put(paste0("mtcars.profile", tag, ".upper"), sapply(1:3, exact_end, side = 1, level = level),
      paste0("uniroot of the deviance profile (glm.fit with an offset), level ", level))
}
put("mtcars.loglik", logLik(m2), "logLik(glm(am ~ hp + wt))")
put("mtcars.null.loglik", logLik(m0), "logLik(glm(am ~ 1)) = -null.deviance/2")
put("mtcars.mcfadden", 1 - logLik(m2) / logLik(m0), "1 - logLik(m2)/logLik(m0)")
a <- anova(m0, m1, m2, test = "Chisq")
put("mtcars.anova.lr", a$Deviance[2:3], "anova(glm(am~1), glm(am~hp), glm(am~hp+wt), test='Chisq')$Deviance")
put("mtcars.anova.p", a[2:3, "Pr(>Chi)"], "anova(..., test = 'Chisq')$'Pr(>Chi)'")
a02 <- anova(m0, m2, test = "Chisq")
put("mtcars.anova02.lr", a02$Deviance[2], "anova(glm(am~1), glm(am~hp+wt), test='Chisq')$Deviance")
put("mtcars.anova02.p", a02[2, "Pr(>Chi)"], "anova(glm(am~1), glm(am~hp+wt), test='Chisq')")
put("mtcars.aicc", AIC(m2) + 2 * 3 * 4 / (32 - 3 - 1), "AIC(m2) + 2k(k+1)/(n-k-1), k = 3, n = 32")
put("mtcars.m1.loglik", logLik(m1), "logLik(glm(am ~ hp))")

nd <- data.frame(hp = c(110, 175, 66), wt = c(2.62, 3.44, 1.835))
pl <- predict(m2, nd, se.fit = TRUE)
pr <- predict(m2, nd, se.fit = TRUE, type = "response")
put("mtcars.predict.link", pl$fit, "predict(m2, newdata, se.fit = TRUE)$fit")
put("mtcars.predict.link.se", pl$se.fit, "predict(m2, newdata, se.fit = TRUE)$se.fit")
put("mtcars.predict.response", pr$fit, "predict(m2, newdata, se.fit = TRUE, type = 'response')$fit")
put("mtcars.predict.response.se", pr$se.fit, "predict(..., type = 'response')$se.fit")

# Held out: fitted to rows 1-22, evaluated on rows 23-32.
mt <- glm(am ~ hp + wt, family = binomial, data = d[1:22, ], control = tight)
pt <- predict(mt, d[23:32, ], type = "response")
lt <- sum(dbinom(d$am[23:32], 1, pt, log = TRUE))
put("mtcars.train.coef", coef(mt), "glm(am ~ hp + wt, binomial, rows 1-22)")
put("mtcars.train.loglik", logLik(mt), "logLik of the training fit, rows 1-22")
put("mtcars.test.loglik", lt, "sum(dbinom(am[23:32], 1, predict(mt, rows 23-32, type='response'), log=TRUE))")
put("mtcars.test.perplexity", exp(-lt / 10), "exp(-loglik/10)")

## discoveries: Poisson, count ~ 1 against count ~ t
disc <- read.csv("../discoveries.csv")
p0 <- glm(count ~ 1, family = poisson, data = disc, control = tight)
p1 <- glm(count ~ t, family = poisson, data = disc, control = tight)
ap <- anova(p0, p1, test = "Chisq")
put("disc.anova.lr", ap$Deviance[2], "anova(glm(count~1, poisson), glm(count~t, poisson), test='Chisq')$Deviance")
put("disc.anova.p", ap[2, "Pr(>Chi)"], "anova(..., test = 'Chisq')$'Pr(>Chi)'")
put("disc.p1.z", summary(p1)$coefficients[, 3], "summary(glm(count ~ t, poisson))$coefficients[, 'z value']")
put("disc.p1.p", summary(p1)$coefficients[, 4], "summary(glm(count ~ t, poisson))$coefficients[, 'Pr(>|z|)']")
cp <- suppressMessages(confint(p1))
put("disc.confint.lower", cp[, 1], "MASS confint(glm(count ~ t, poisson))")
put("disc.confint.upper", cp[, 2], "MASS confint(glm(count ~ t, poisson))")

## Boundary: 3 heads in 3 flips
put("coin3.lr.lower", exp(-qc / 6), "exp(-qchisq(0.95, 1)/6): 3 log p = -qchisq(0.95,1)/2")
put("coin3.cp.lower", binom.test(3, 3)$conf.int[1], "binom.test(3, 3)$conf.int (Clopper-Pearson)")
put("coin7.cp", binom.test(7, 10)$conf.int, "binom.test(7, 10)$conf.int (Clopper-Pearson)")

## Student-t against Normal on the DAX returns: LR on the boundary ν = ∞
dax <- read.csv("../dax.csv")$r
n <- length(dax)
lN <- sum(dnorm(dax, mean(dax), sqrt(mean((dax - mean(dax))^2)), log = TRUE))
lt_fun <- function(p) -sum(dt((dax - p[1]) / exp(p[2]), exp(p[3]), log = TRUE) - p[2])
o <- optim(c(0.08, log(0.75), log(4.2)), lt_fun, method = "BFGS", control = list(reltol = 1e-15, maxit = 1000))
lT <- -o$value
put("dax.normal.loglik", lN, "sum(dnorm(r, mean(r), sqrt(mean((r - mean(r))^2)), log = TRUE))")
put("dax.t.loglik", lT, "-optim(BFGS, reltol 1e-15) of the t negative log-likelihood")
put("dax.lr", 2 * (lT - lN), "2 (loglik_t - loglik_Normal)")
put("dax.lr.p", 0.5 * pchisq(2 * (lT - lN), 1, lower.tail = FALSE), "½·pchisq(LR, 1, lower.tail = FALSE): χ̄² = ½χ²(0) + ½χ²(1)")

write.table(do.call(rbind, rows), "out/inference_r.tsv", sep = "\t", quote = FALSE, row.names = FALSE, col.names = FALSE)
