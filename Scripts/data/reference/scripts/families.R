# Reference values for the family scripts (Scripts/22-… to 27-…), R 4.2.2.
# Run from this folder: Rscript families.R   (writes the CSVs into Scripts/data/ and
# prints every value with 17 significant digits).
suppressMessages({ library(survival); library(MASS); library(numDeriv) })
p <- function(label, x) cat(sprintf("%-34s %s\n", label, paste(sprintf("%.17g", x), collapse = " ")))
data_dir <- "../.."

# --- Weibull AFT with right censoring: survival::lung, Surv(time, status) ~ age + sex -------------
lung_csv <- data.frame(time = lung$time, censored = as.integer(lung$status == 1), one = 1,
                       age = lung$age, sex = lung$sex)
write.csv(lung_csv, file.path(data_dir, "lung.csv"), row.names = FALSE, quote = FALSE)
m <- survreg(Surv(time, status) ~ age + sex, data = lung, dist = "weibull",
             control = survreg.control(rel.tolerance = 1e-13, iter.max = 100))
p("lung coef", coef(m)); p("lung scale", m$scale); p("lung loglik", m$loglik[2])
p("lung se(coef, log scale)", sqrt(diag(vcov(m))))
# se(σ) by the delta method: σ·se(log σ)
p("lung se(scale)", m$scale * sqrt(diag(vcov(m)))[4])

# --- Negative binomial regression: MASS::quine, Days ~ Eth + Sex + Age + Lrn --------------------
q <- quine
X <- model.matrix(~ Eth + Sex + Age + Lrn, data = q)
quine_csv <- data.frame(Days = q$Days, one = 1, EthN = X[, "EthN"], SexM = X[, "SexM"],
                        AgeF1 = X[, "AgeF1"], AgeF2 = X[, "AgeF2"], AgeF3 = X[, "AgeF3"], LrnSL = X[, "LrnSL"])
write.csv(quine_csv, file.path(data_dir, "quine.csv"), row.names = FALSE, quote = FALSE)
nb <- glm.nb(Days ~ Eth + Sex + Age + Lrn, data = q, control = glm.control(epsilon = 1e-14, maxit = 100))
p("quine coef", coef(nb)); p("quine theta", nb$theta); p("quine loglik", as.numeric(logLik(nb)))
p("quine glm.nb se(coef) (theta fixed)", sqrt(diag(vcov(nb)))); p("quine glm.nb SE.theta", nb$SE.theta)
# Full observed information: numDeriv's Richardson Hessian of the NB2 log-likelihood in (β, θ),
# then the exact analytic Hessian (below) as the value compared with.
nbll <- function(par) { b <- par[1:ncol(X)]; th <- par[ncol(X) + 1]; mu <- exp(X %*% b)
  sum(dnbinom(q$Days, size = th, mu = mu, log = TRUE)) }
est <- c(coef(nb), nb$theta)
H <- hessian(nbll, est)
p("quine numDeriv full se", sqrt(diag(solve(-H))))
# Exact Hessian: ℓᵢ = lgamma(y+θ) − lgamma(θ) − lgamma(y+1) + θ log θ + y η − (θ + y) log(θ + μ), μ = e^η
eta <- as.vector(X %*% coef(nb)); mu <- exp(eta); y <- q$Days; th <- nb$theta
w_eta <- -(th + y) * mu * th / (th + mu)^2                         # ∂²ℓ/∂η²
w_eta_th <- -(mu / (th + mu)) + (th + y) * mu / (th + mu)^2        # ∂²ℓ/∂η∂θ
h_th <- sum(trigamma(y + th) - trigamma(th) + 1 / th - 2 / (th + mu) + (th + y) / (th + mu)^2)
Hx <- rbind(cbind(t(X) %*% (X * w_eta), t(X) %*% w_eta_th), c(t(w_eta_th) %*% X, h_th))
p("quine exact full se", sqrt(diag(solve(-Hx))))

# --- Student-t returns, ν estimated: 100 × daily log returns of the DAX (EuStockMarkets) ----------
r <- 100 * diff(log(as.numeric(EuStockMarkets[, "DAX"])))
write.csv(data.frame(r = sprintf("%.17g", r)), file.path(data_dir, "dax.csv"), row.names = FALSE, quote = FALSE)
r <- read.csv(file.path(data_dir, "dax.csv"))$r
tll <- function(par) sum(dt((r - par[1]) / par[2], df = par[3], log = TRUE) - log(par[2]))
f0 <- fitdistr(r, "t")
o <- optim(f0$estimate, function(par) -tll(par), method = "BFGS", control = list(reltol = 1e-16, maxit = 1000))
o <- optim(o$par, function(par) -tll(par), method = "Nelder-Mead", control = list(reltol = 1e-16, maxit = 5000))
o <- optim(o$par, function(par) -tll(par), method = "BFGS", control = list(reltol = 1e-16, maxit = 1000))
# optim stops with |∇ℓ| ~ 1e-5; five Newton steps on numDeriv's Richardson gradient and Hessian finish it.
par <- o$par
for (i in 1:5) par <- par - solve(hessian(tll, par), grad(tll, par))
o$par <- par; o$value <- -tll(par)
p("dax t estimate (m, s, df)", o$par); p("dax t loglik", -o$value)
p("dax t gradient at estimate", grad(tll, o$par))
p("dax t se (numDeriv)", sqrt(diag(solve(-hessian(tll, o$par)))))
p("dax fitdistr estimate", f0$estimate); p("dax fitdistr loglik", f0$loglik)

# --- LogNormal closed form: rivers -------------------------------------------------------------------
fl <- fitdistr(rivers, "lognormal")
p("rivers meanlog, sdlog", fl$estimate); p("rivers se", fl$sd); p("rivers loglik", fl$loglik)

# --- Zero-truncated Poisson: the years with at least one great discovery (datasets::discoveries) -----
k <- as.numeric(discoveries); k <- k[k > 0]
write.csv(data.frame(count = k), file.path(data_dir, "discoveries-positive.csv"), row.names = FALSE, quote = FALSE)
ztll <- function(l) sum(dpois(k, l, log = TRUE) - log(-expm1(-l)))
# Score: ȳ/λ − 1 − e^{−λ}/(1 − e^{−λ}) = 0
lam <- uniroot(function(l) mean(k) / l - 1 - exp(-l) / (-expm1(-l)), c(0.5, 10), tol = 1e-15)$root
info <- sum(k) / lam^2 - length(k) * exp(-lam) / (-expm1(-lam))^2   # −d²ℓ/dλ²
p("discoveries>0 n, sum", c(length(k), sum(k)))
p("zt poisson lambda", lam); p("zt poisson se", 1 / sqrt(info)); p("zt poisson loglik", ztll(lam))
p("zt poisson optimize check", optimize(ztll, c(0.5, 10), maximum = TRUE, tol = 1e-12)$maximum)

# --- Tobit (left-censored at 0): survreg with type = "left"; AER::tobit where installed ---------------
if (requireNamespace("AER", quietly = TRUE)) {
  data("Affairs", package = "AER")
  aff <- data.frame(affairs = Affairs$affairs, censored = as.integer(Affairs$affairs <= 0), one = 1,
                    age = Affairs$age, yearsmarried = Affairs$yearsmarried,
                    religiousness = Affairs$religiousness, occupation = Affairs$occupation, rating = Affairs$rating)
  write.csv(aff, file.path(data_dir, "affairs.csv"), row.names = FALSE, quote = FALSE)
  tb <- AER::tobit(affairs ~ age + yearsmarried + religiousness + occupation + rating, data = Affairs,
                   control = survreg.control(rel.tolerance = 1e-13, iter.max = 100))
  p("affairs tobit coef", coef(tb)); p("affairs tobit scale", tb$scale); p("affairs tobit loglik", tb$loglik[2])
  p("affairs tobit se(coef, log scale)", sqrt(diag(vcov(tb))))
  sv <- survreg(Surv(affairs, affairs > 0, type = "left") ~ age + yearsmarried + religiousness + occupation + rating,
                data = Affairs, dist = "gaussian", control = survreg.control(rel.tolerance = 1e-13, iter.max = 100))
  p("affairs survreg coef (check)", coef(sv))
}

# --- Cauchy location and scale (Scripts/30-): optim from the median, then Newton on numDeriv ------
y <- c(2.1, -0.4, 1.7, 3.9, 0.2, 1.1, 2.6, -1.3, 0.9)
cll <- function(par) sum(dcauchy(y, par[1], par[2], log = TRUE))
par <- optim(c(median(y), IQR(y) / 2), function(p) -cll(p), control = list(reltol = 1e-16))$par
for (i in 1:5) par <- par - solve(hessian(cll, par), grad(cll, par))
p("cauchy estimate", par); p("cauchy loglik", cll(par)); p("cauchy se", sqrt(diag(solve(-hessian(cll, par)))))
