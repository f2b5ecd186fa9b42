#ifndef CGSL_H
#define CGSL_H
/* GSL's special functions, CDFs and random variates. Only headers that do not
   pull in gsl_cblas.h (its CBLAS enums clash with OpenBLAS's cblas.h). */
#include <gsl/gsl_sf_psi.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_errno.h>

/* Switches GSL's abort-on-error handler off (call once; idempotent). */
void mle_gsl_init(void);
/* A Mersenne Twister generator seeded with `seed`; free with gsl_rng_free. */
gsl_rng *mle_gsl_rng(unsigned long seed);

/* From gsl_randist.h, declared by hand because that header includes gsl_cblas.h. */
double gsl_ran_gaussian(const gsl_rng *r, double sigma);
double gsl_ran_exponential(const gsl_rng *r, double mu);
double gsl_ran_beta(const gsl_rng *r, double a, double b);
double gsl_ran_gamma(const gsl_rng *r, double a, double b);
unsigned int gsl_ran_poisson(const gsl_rng *r, double mu);
unsigned int gsl_ran_bernoulli(const gsl_rng *r, double p);
unsigned int gsl_ran_binomial(const gsl_rng *r, double p, unsigned int n);
double gsl_ran_laplace(const gsl_rng *r, double a);
double gsl_ran_lognormal(const gsl_rng *r, double zeta, double sigma);
double gsl_ran_tdist(const gsl_rng *r, double nu);
double gsl_ran_weibull(const gsl_rng *r, double a, double b);
unsigned int gsl_ran_negative_binomial(const gsl_rng *r, double p, double n);
unsigned int gsl_ran_geometric(const gsl_rng *r, double p);
double gsl_ran_cauchy(const gsl_rng *r, double a);
double gsl_ran_flat(const gsl_rng *r, double a, double b);
double gsl_ran_chisq(const gsl_rng *r, double nu);
#endif
