#include "CLapack.h"
void mle_blas_set_threads(int n) { openblas_set_num_threads(n); }
