# Reference values for the mixture scripts (Scripts/46-… to 48-…), R 4.2.2 with mixtools 2.0.0
# and numDeriv 2016.8-1.1 (Debian r-cran-mixtools, r-cran-numderiv).
# Run from this folder: Rscript mixtures.R   (writes faithful.csv, nox.csv and deaths.csv into
# Scripts/data/ and prints every value with 17 significant digits).
#
# Each fit: the EM of mixtools (or, for the Poisson mixture, which mixtools lacks, the textbook
# EM written out below) from the scripts' start values, then Newton's method on the marginal
# log-likelihood from there, and the standard errors from numDeriv's Richardson
# Hessian of that log-likelihood in the scripts' parameters (p, μ1, σ1, μ2, σ2, …): the observed
# information of the marginal likelihood, which is what mle reports. mixtures.py recomputes every
# number with 50-digit arithmetic, independently of R.
suppressMessages({ library(mixtools); library(numDeriv) })
p <- function(label, x) cat(sprintf("%-28s %s\n", label, paste(sprintf("%.17g", x), collapse = " ")))
data_dir <- "../.."

# Newton's method on the marginal ℓ from EM's answer, with numDeriv's Richardson gradient and
# Hessian (EM stops short of the maximum: it converges linearly).
polish <- function(ll, start) {
  t <- start
  for (i in 1:6) t <- t - solve(hessian(ll, t), grad(ll, t))
  # numDeriv's default step (d = 0.1) is too coarse for the narrow components here: its
  # standard errors move in the 3rd digit; d = 1e-3, r = 6 agree with mixtures.py to ~5 digits.
  h <- hessian(ll, t, method.args = list(d = 1e-3, r = 6))
  list(par = t, se = sqrt(diag(solve(-h))), loglik = ll(t))
}

# --- Old Faithful eruption durations (R's faithful), two Normals ----------------------------------
write.csv(faithful, file.path(data_dir, "faithful.csv"), row.names = FALSE, quote = FALSE)
x <- faithful$eruptions
em <- normalmixEM(x, lambda = c(0.5, 0.5), mu = c(2, 4), sigma = c(1, 1), epsilon = 1e-12, maxit = 10000)
p("faithful mixtools lambda", em$lambda); p("faithful mixtools mu", em$mu)
p("faithful mixtools sigma", em$sigma); p("faithful mixtools loglik", em$loglik)
ll2 <- function(t) sum(log(t[1] * dnorm(x, t[2], t[3]) + (1 - t[1]) * dnorm(x, t[4], t[5])))
f <- polish(ll2, c(em$lambda[1], em$mu[1], em$sigma[1], em$mu[2], em$sigma[2]))
p("faithful estimate", f$par); p("faithful se", f$se); p("faithful loglik", f$loglik)

# --- London deaths of women aged 80+, 1910–1912 (Hasselblad 1969): days with k deaths ------------
deaths <- data.frame(deaths = 0:9, days = c(162, 267, 271, 185, 111, 61, 27, 8, 3, 1))
write.csv(deaths, file.path(data_dir, "deaths.csv"), row.names = FALSE, quote = FALSE)
k <- rep(deaths$deaths, deaths$days)
t <- c(0.5, 1, 3)
for (i in 1:100000) {
  a <- t[1] * dpois(k, t[2]); b <- (1 - t[1]) * dpois(k, t[3]); r <- a / (a + b)
  t <- c(mean(r), sum(r * k) / sum(r), sum((1 - r) * k) / sum(1 - r))
}
p("deaths EM estimate", t)
llp <- function(t) sum(log(t[1] * dpois(k, t[2]) + (1 - t[1]) * dpois(k, t[3])))
f <- polish(llp, t)
p("deaths estimate", f$par); p("deaths se", f$se); p("deaths loglik", f$loglik)

# --- NO emissions against the equivalence ratio (mixtools' NOdata): two regressions --------------
data(NOdata)
write.csv(NOdata, file.path(data_dir, "nox.csv"), row.names = FALSE, quote = FALSE)
y <- NOdata$NO; e <- NOdata$Equivalence
rm <- regmixEM(y, e, lambda = c(0.5, 0.5), beta = matrix(c(1, 1, 1, 2), 2), sigma = c(1, 1),
               epsilon = 1e-12, maxit = 10000)
p("nox mixtools lambda", rm$lambda); p("nox mixtools beta", rm$beta)
p("nox mixtools sigma", rm$sigma); p("nox mixtools loglik", rm$loglik)
llr <- function(t) sum(log(t[1] * dnorm(y, t[2] + t[3] * e, t[4]) + (1 - t[1]) * dnorm(y, t[5] + t[6] * e, t[7])))
f <- polish(llr, c(rm$lambda[1], rm$beta[, 1], rm$sigma[1], rm$beta[, 2], rm$sigma[2]))
p("nox estimate", f$par); p("nox se", f$se); p("nox loglik", f$loglik)
# From intercepts 0 the same EM reaches a second, higher local maximum.
rm <- regmixEM(y, e, lambda = c(0.5, 0.5), beta = matrix(c(0, 1, 0, 2), 2), sigma = c(1, 1),
               epsilon = 1e-12, maxit = 10000)
p("nox2 mixtools lambda", rm$lambda); p("nox2 mixtools beta", rm$beta)
p("nox2 mixtools sigma", rm$sigma); p("nox2 mixtools loglik", rm$loglik)
f <- polish(llr, c(rm$lambda[1], rm$beta[, 1], rm$sigma[1], rm$beta[, 2], rm$sigma[2]))
p("nox2 estimate", f$par); p("nox2 se", f$se); p("nox2 loglik", f$loglik)
