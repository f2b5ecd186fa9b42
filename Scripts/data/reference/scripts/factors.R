# Reference values for Scripts/32-factors.mle: Poisson regression with factors on
# R's warpbreaks (the number of warp breaks per loom, for two wools and three
# tensions, 9 looms per cell).
# Run from Scripts/data/reference:   Rscript scripts/factors.R
# Writes ../warpbreaks.csv (the data, as the script reads it) and prints every value
# the script asserts, with 17 significant digits. Only base R is used.

options(digits = 17)
write.csv(warpbreaks, "../warpbreaks.csv", row.names = FALSE, quote = FALSE)
wb <- read.csv("../warpbreaks.csv", stringsAsFactors = TRUE)  # fit on exactly what was exported
tight <- glm.control(epsilon = 1e-15, maxit = 200)
show <- function(title, fit) {
  cat("\n##", title, "\n")
  print(coef(summary(fit))[, 1:2])
  cat("logLik ", sprintf("%.17g", logLik(fit)), "\n")
  cat("AIC    ", sprintf("%.17g", AIC(fit)), "\n")
  cat("BIC    ", sprintf("%.17g", BIC(fit)), "\n")
}

# read.csv sorts the levels (C-locale order for these ASCII letters): tension is H, L, M,
# so H is the baseline.
cat("levels(tension) after read.csv:", levels(wb$tension), "\n")
show("breaks ~ wool + tension (levels sorted: baseline H)",
     glm(breaks ~ wool + tension, family = poisson, data = wb, control = tight))

# R's own warpbreaks orders tension L, M, H: the same model, baseline L.
wb$tension <- factor(wb$tension, levels = c("L", "M", "H"))
show("breaks ~ wool + tension (levels L, M, H: R's warpbreaks)",
     glm(breaks ~ wool + tension, family = poisson, data = wb, control = tight))
show("breaks ~ wool * tension (levels L, M, H)",
     glm(breaks ~ wool * tension, family = poisson, data = wb, control = tight))

# relevel(): baseline L, the other levels in sorted order (H, M).
wb$tension <- relevel(factor(as.character(wb$tension)), ref = "L")
cat("\nlevels after relevel(ref = \"L\"):", levels(wb$tension), "\n")
show("breaks ~ wool + tension (relevel ref L)",
     glm(breaks ~ wool + tension, family = poisson, data = wb, control = tight))

# The same additive model as a Normal linear model (least squares), for the
# closed-form path: lm's coefficients; the MLE of sigma divides by n.
wb <- read.csv("../warpbreaks.csv", stringsAsFactors = TRUE)
m <- lm(breaks ~ wool + tension, data = wb)
cat("\n## lm(breaks ~ wool + tension), levels sorted\n")
print(coef(summary(m))[, 1:2])
cat("sigma_mle ", sprintf("%.17g", sqrt(mean(resid(m)^2))), "\n")
cat("logLik    ", sprintf("%.17g", logLik(m)), "\n")
