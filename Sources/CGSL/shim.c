#include "CGSL.h"

void mle_gsl_init(void) { gsl_set_error_handler_off(); }

gsl_rng *mle_gsl_rng(unsigned long seed) {
    gsl_set_error_handler_off();
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (r) gsl_rng_set(r, seed);
    return r;
}
