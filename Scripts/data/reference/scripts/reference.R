# Reference values for the MLE tool test suite -- R side.
# Run from Scripts/data/reference:   Rscript scripts/reference.R
# Writes: mtcars.csv, discoveries.csv, rivers.csv, cars.csv, gauss10.csv (data exports)
#         out/r_values.tsv  (section <TAB> key <TAB> value(%.17g) <TAB> description)
# Only base R + the recommended package MASS are used.

suppressPackageStartupMessages(library(MASS))
dir.create("out", showWarnings = FALSE)

g17 <- function(x) sprintf("%.17g", x)
rows <- list()
put <- function(sec, key, val, desc = "") {
  val <- unname(val)
  if (length(val) == 1) {
    rows[[length(rows) + 1]] <<- c(sec, key, g17(val), desc)
  } else {
    for (i in seq_along(val)) {
      rows[[length(rows) + 1]] <<- c(sec, paste0(key, "[", i - 1, "]"), g17(val[i]), desc)
    }
  }
}
tight <- glm.control(epsilon = 1e-15, maxit = 200)

## ---------------------------------------------------------------- 2. NIST LLS
lon <- read.csv("longley.csv")
m <- lm(y ~ x1 + x2 + x3 + x4 + x5 + x6, data = lon)
s <- summary(m)
put("nist", "longley.coef", coef(m), "lm() estimates B0..B6")
put("nist", "longley.se", sqrt(diag(vcov(m))), "lm() std errors B0..B6")
put("nist", "longley.resid_sd", s$sigma, "lm() residual standard deviation")
put("nist", "longley.r2", s$r.squared, "lm() R-squared")
put("nist", "longley.rss", sum(resid(m)^2), "lm() residual sum of squares")

nor <- read.csv("norris.csv")
m <- lm(y ~ x, data = nor)
s <- summary(m)
put("nist", "norris.coef", coef(m), "lm() estimates B0,B1")
put("nist", "norris.se", sqrt(diag(vcov(m))), "lm() std errors B0,B1")
put("nist", "norris.resid_sd", s$sigma, "lm() residual standard deviation")
put("nist", "norris.r2", s$r.squared, "lm() R-squared")
put("nist", "norris.rss", sum(resid(m)^2), "lm() residual sum of squares")

## ---------------------------------------------------------------- 3. logistic, mtcars
mt <- data.frame(model = rownames(mtcars), am = mtcars$am, hp = mtcars$hp, wt = mtcars$wt)
write.csv(mt, "mtcars.csv", row.names = FALSE, quote = FALSE)
mt <- read.csv("mtcars.csv")  # fit on exactly what was exported
z <- qnorm(0.975)
put("logit", "qnorm975", z, "qnorm(0.975)")
for (spec in list(list(name = "am_hp_wt", f = am ~ hp + wt), list(name = "am_wt", f = am ~ wt))) {
  fit <- glm(spec$f, family = binomial, data = mt, control = tight)
  # NB: vcov(glm) uses the IRLS weights of the *penultimate* iterate, so it is only
  # good to ~7-8 significant digits here. The SE at the MLE is recomputed from fitted():
  X <- model.matrix(fit); pr <- fitted(fit)
  se <- sqrt(diag(solve(crossprod(X, X * (pr * (1 - pr))))))
  se_vcov <- sqrt(diag(vcov(fit)))
  k <- length(coef(fit)); n <- nrow(mt)
  p <- paste0("logit.", spec$name, ".")
  put("logit", paste0(p, "coef"), coef(fit), "glm(binomial) coefficients (Intercept first)")
  put("logit", paste0(p, "se"), se, "SE at the MLE: sqrt(diag(solve(X'W X))), W = p(1-p) from fitted(glm)")
  put("logit", paste0(p, "se_vcov_glm"), se_vcov, "sqrt(diag(vcov(glm))) as R reports it (weights from penultimate IRLS iterate)")
  put("logit", paste0(p, "glm_iter"), fit$iter, "IRLS iterations used by glm")
  put("logit", paste0(p, "loglik"), as.numeric(logLik(fit)), "logLik(glm)")
  put("logit", paste0(p, "aic"), AIC(fit), "AIC(glm) = -2ll + 2k")
  put("logit", paste0(p, "bic"), BIC(fit), "BIC(glm) = -2ll + log(n) k")
  put("logit", paste0(p, "k"), k, "number of estimated parameters used in AIC/BIC")
  put("logit", paste0(p, "n"), n, "n used in BIC")
  put("logit", paste0(p, "deviance"), deviance(fit), "residual deviance (= -2 ll for 0/1 data)")
  put("logit", paste0(p, "null_deviance"), fit$null.deviance, "null deviance")
  put("logit", paste0(p, "ci_lo"), coef(fit) - z * se, "Wald 95% lower = est - qnorm(.975) se")
  put("logit", paste0(p, "ci_hi"), coef(fit) + z * se, "Wald 95% upper = est + qnorm(.975) se")
  cd <- confint.default(fit)
  put("logit", paste0(p, "confint_default_lo"), cd[, 1], "confint.default() lower (uses vcov(glm))")
  put("logit", paste0(p, "confint_default_hi"), cd[, 2], "confint.default() upper (uses vcov(glm))")
}

## ---------------------------------------------------------------- 4. Poisson, discoveries
disc <- data.frame(year = as.integer(time(discoveries)), count = as.integer(discoveries))
disc$t <- disc$year - 1860L
write.csv(disc, "discoveries.csv", row.names = FALSE, quote = FALSE)
disc <- read.csv("discoveries.csv")
x <- disc$count; n <- length(x)
lam <- mean(x)
put("pois", "rate.n", n, "n")
put("pois", "rate.sum", sum(x), "sum of counts")
put("pois", "rate.lambda", lam, "lambda_hat = mean")
put("pois", "rate.se", sqrt(lam / n), "sqrt(lambda_hat/n)")
put("pois", "rate.loglik", sum(dpois(x, lam, log = TRUE)), "sum(dpois(x, lambda_hat, log=TRUE))")
put("pois", "rate.loglik_kernel", sum(x) * log(lam) - n * lam, "loglik without -sum(log(x!)) term")
put("pois", "rate.sum_lfactorial", sum(lfactorial(x)), "sum(log(x!))")
fd <- fitdistr(x, "Poisson")
put("pois", "rate.fitdistr_est", fd$estimate, "MASS::fitdistr(x,'Poisson') estimate")
put("pois", "rate.fitdistr_sd", fd$sd, "MASS::fitdistr sd")
put("pois", "rate.fitdistr_loglik", fd$loglik, "MASS::fitdistr loglik")
put("pois", "rate.aic", -2 * sum(dpois(x, lam, log = TRUE)) + 2, "AIC, k=1")
put("pois", "rate.bic", -2 * sum(dpois(x, lam, log = TRUE)) + log(n), "BIC, k=1")
for (spec in list(list(name = "year", f = count ~ year), list(name = "t", f = count ~ t))) {
  fit <- glm(spec$f, family = poisson, data = disc, control = tight)
  p <- paste0("pois.glm_", spec$name, ".")
  put("pois", paste0(p, "coef"), coef(fit), "glm(poisson) coefficients (Intercept first)")
  X <- model.matrix(fit)
  put("pois", paste0(p, "se"), sqrt(diag(solve(crossprod(X, X * fitted(fit))))), "SE at the MLE: sqrt(diag(solve(X'W X))), W = mu from fitted(glm)")
  put("pois", paste0(p, "se_vcov_glm"), sqrt(diag(vcov(fit))), "sqrt(diag(vcov(glm))) as R reports it")
  put("pois", paste0(p, "loglik"), as.numeric(logLik(fit)), "logLik(glm)")
  put("pois", paste0(p, "aic"), AIC(fit), "AIC, k=2")
  put("pois", paste0(p, "bic"), BIC(fit), "BIC = -2ll + log(100)*2")
  put("pois", paste0(p, "deviance"), deviance(fit), "residual deviance")
}

## ---------------------------------------------------------------- 5. Exponential, rivers
write.csv(data.frame(length = rivers), "rivers.csv", row.names = FALSE, quote = FALSE)
x <- read.csv("rivers.csv")$length; n <- length(x)
rate <- 1 / mean(x)
put("expo", "n", n, "n")
put("expo", "sum", sum(x), "sum x")
put("expo", "rate", rate, "1/mean")
put("expo", "se", rate / sqrt(n), "rate/sqrt(n)")
ll <- n * log(rate) - rate * sum(x)
put("expo", "loglik", ll, "n log(rate) - rate sum(x)")
put("expo", "loglik_dexp", sum(dexp(x, rate, log = TRUE)), "sum(dexp(x, rate, log=TRUE))")
fd <- fitdistr(x, "exponential")
put("expo", "fitdistr_rate", fd$estimate, "MASS::fitdistr(x,'exponential') rate")
put("expo", "fitdistr_sd", fd$sd, "MASS::fitdistr sd")
put("expo", "fitdistr_loglik", fd$loglik, "MASS::fitdistr loglik")
put("expo", "aic", -2 * ll + 2, "AIC, k=1")
put("expo", "bic", -2 * ll + log(n), "BIC, k=1")
o <- optimize(function(r) -sum(dexp(x, r, log = TRUE)), c(1e-5, 1e-2), tol = 1e-15)
put("expo", "optimize_rate", o$minimum, "numerical check: optimize() on the rate")

## ---------------------------------------------------------------- 6. cars: lm + ridge MAP
write.csv(cars, "cars.csv", row.names = FALSE, quote = FALSE)
cr <- read.csv("cars.csv")
m <- lm(dist ~ speed, data = cr)
n <- nrow(cr); p <- length(coef(m))
se_lm <- sqrt(diag(vcov(m)))
rss <- sum(resid(m)^2)
sig_ml <- sqrt(rss / n)
put("cars", "n", n, "n"); put("cars", "p", p, "number of regression coefficients")
put("cars", "coef", coef(m), "lm coefficients (Intercept, speed)")
put("cars", "se_lm", se_lm, "lm (unbiased sigma) std errors")
put("cars", "se_ml", se_lm * sqrt((n - p) / n), "MLE std errors = se_lm*sqrt((n-p)/n)")
put("cars", "rss", rss, "residual sum of squares")
put("cars", "sigma_lm", summary(m)$sigma, "sqrt(RSS/(n-p))")
put("cars", "sigma_ml", sig_ml, "sqrt(RSS/n)")
put("cars", "se_sigma_ml", sig_ml / sqrt(2 * n), "sigma_ml/sqrt(2n) (observed information)")
put("cars", "loglik", as.numeric(logLik(m)), "logLik(lm) (uses MLE sigma)")
put("cars", "loglik_formula", -n / 2 * (log(2 * pi) + 2 * log(sig_ml) + 1), "-n/2 (log 2pi + log sigma^2 + 1)")
put("cars", "aic", AIC(m), "AIC(lm), df = p+1 = 3")
put("cars", "bic", BIC(m), "BIC(lm), df = p+1 = 3, n = 50")
put("cars", "df_logLik", attr(logLik(m), "df"), "df used by R")
# numerical check of the observed-information SEs with optimHess on (b0, b1, log? no: sigma)
nll <- function(th) -sum(dnorm(cr$dist, th[1] + th[2] * cr$speed, th[3], log = TRUE))
H <- optimHess(c(coef(m), sig_ml), nll, control = list(ndeps = c(1e-4, 1e-5, 1e-5)))
put("cars", "se_optimHess", sqrt(diag(solve(H))), "numerical check: sqrt(diag(solve(optimHess))) for b0,b1,sigma")
# ridge MAP, sigma fixed
X <- cbind(1, cr$speed); y <- cr$dist; sigma <- 15
map <- function(D) {
  A <- crossprod(X) / sigma^2 + D
  w <- solve(A, crossprod(X, y) / sigma^2)
  list(w = drop(w), se = sqrt(diag(solve(A))), A = A)
}
logpost_parts <- function(w, taus) {
  ll <- sum(dnorm(y, drop(X %*% w), sigma, log = TRUE))
  lp <- 0
  for (j in seq_along(w)) if (is.finite(taus[j])) lp <- lp + dnorm(w[j], 0, taus[j], log = TRUE)
  c(ll, lp, ll + lp)
}
r1 <- map(diag(c(0, 1 / 1^2)))
put("cars", "map1.w", r1$w, "MAP, sigma=15, slope ~ N(0,1), intercept flat: (Intercept, speed)")
put("cars", "map1.se", r1$se, "MAP posterior SE sqrt(diag(solve(A)))")
put("cars", "map1.logpost", logpost_parts(r1$w, c(Inf, 1)), "[loglik(sigma=15), log prior (normalized N(0,1) on slope), sum] at MAP")
r2 <- map(diag(c(1 / 10^2, 1 / 1^2)))
put("cars", "map2.w", r2$w, "MAP, sigma=15, intercept ~ N(0,10), slope ~ N(0,1)")
put("cars", "map2.se", r2$se, "MAP posterior SE")
put("cars", "map2.logpost", logpost_parts(r2$w, c(10, 1)), "[loglik(sigma=15), log prior, sum] at MAP")

## ---------------------------------------------------------------- 7. Gaussian sample
x <- c(4.8, 5.2, 3.9, 6.1, 5.0, 4.5, 5.7, 4.3, 5.5, 5.1)
write.csv(data.frame(x = x), "gauss10.csv", row.names = FALSE, quote = FALSE)
n <- length(x)
mu <- mean(x); sg <- sqrt(mean((x - mu)^2))
ll <- sum(dnorm(x, mu, sg, log = TRUE))
put("gauss", "mu", mu, "mean"); put("gauss", "sigma", sg, "sqrt(mean((x-mu)^2))")
put("gauss", "loglik", ll, "sum(dnorm(x, mu, sigma, log=TRUE))")
put("gauss", "loglik_formula", -n / 2 * (log(2 * pi) + 2 * log(sg) + 1), "-n/2 (log 2pi + 2 log sigma + 1)")
put("gauss", "se_mu", sg / sqrt(n), "sigma/sqrt(n)"); put("gauss", "se_sigma", sg / sqrt(2 * n), "sigma/sqrt(2n)")
put("gauss", "aic", -2 * ll + 4, "AIC k=2"); put("gauss", "bic", -2 * ll + 2 * log(n), "BIC k=2")
put("gauss", "loglik_mu4", sum(dnorm(x, 4.0, sg, log = TRUE)), "loglik at mu=4, sigma=sigma_hat")
fd <- fitdistr(x, "normal")
put("gauss", "fitdistr_est", fd$estimate, "MASS::fitdistr(x,'normal') mean, sd")
put("gauss", "fitdistr_sd", fd$sd, "MASS::fitdistr SEs")
put("gauss", "fitdistr_loglik", fd$loglik, "MASS::fitdistr loglik")
xs <- x + 1e7
put("gauss", "shift.mu_double", mean(xs), "R mean(x+1e7) in double")
put("gauss", "shift.sigma_double", sqrt(mean((xs - mean(xs))^2)), "R two-pass sigma in double")
put("gauss", "shift.sigma_naive", sqrt(mean(xs^2) - mean(xs)^2), "naive one-pass sqrt(E[x^2]-E[x]^2) in double (what NOT to do)")
for (k in 1:4) {
  # data written as the literal decimal strings of the NIST files
  ys <- if (k == 1) c("10000001", "10000003", "10000002") else {
    pre <- c("", "1.", "1000000.", "10000000.")[k]
    c(paste0(pre, "2"), rep(paste0(pre, c("1", "3")), 500))
  }
  writeLines(c("y", ys), sprintf("numacc%d.csv", k))
  y <- read.csv(sprintf("numacc%d.csv", k))$y
  put("numacc", sprintf("numacc%d.n", k), length(y), "n")
  put("numacc", sprintf("numacc%d.mean", k), mean(y), "R mean()")
  put("numacc", sprintf("numacc%d.sd", k), sd(y), "R sd() (n-1)")
}

## ---------------------------------------------------------------- 8. Beta-Bernoulli MAP
S <- 7; nn <- 10; a <- 2; b <- 2
pm <- (S + a - 1) / (nn + a + b - 2)
info <- (S + a - 1) / pm^2 + (nn - S + b - 1) / (1 - pm)^2
put("beta", "p_map", pm, "(S+a-1)/(n+a+b-2)")
put("beta", "obs_info", info, "-d2/dp2 log posterior at MAP")
put("beta", "se", 1 / sqrt(info), "1/sqrt(obs_info)")
lpost <- function(p) (S + a - 1) * log(p) + (nn - S + b - 1) * log(1 - p)
o <- optimize(function(p) -lpost(p), c(0, 1), tol = 1e-12)
put("beta", "optimize_p", o$minimum, "optimize() check")
put("beta", "optimHess_info", optimHess(pm, function(p) -lpost(p)), "optimHess() check")
put("beta", "logpost_kernel_at_map", lpost(pm), "(S+a-1)log p + (n-S+b-1) log(1-p) at MAP")
put("beta", "logpost_full_at_map", dbinom(S, nn, pm, log = TRUE) - lchoose(nn, S) + dbeta(pm, a, b, log = TRUE),
    "Bernoulli-sequence loglik + log Beta(2,2) density at MAP")
put("beta", "loglik_at_map", S * log(pm) + (nn - S) * log(1 - pm), "Bernoulli-sequence loglik at MAP")
put("beta", "logprior_at_map", dbeta(pm, a, b, log = TRUE), "log dbeta(p_map, 2, 2)")

tab <- do.call(rbind, rows)
colnames(tab) <- c("section", "key", "value", "desc")
write.table(tab, "out/r_values.tsv", sep = "\t", quote = FALSE, row.names = FALSE)
cat("R version:", R.version.string, "\n")
cat("MASS version:", as.character(packageVersion("MASS")), "\n")
cat("wrote", nrow(tab), "values to out/r_values.tsv\n")
