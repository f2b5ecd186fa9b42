#ifndef CLAPACK_H
#define CLAPACK_H
/* OpenBLAS's CBLAS and LAPACKE. Only the LinearAlgebra module imports this. */
#include <cblas.h>
#include <lapacke.h>
/* The number of threads OpenBLAS uses (1 suits MLE-sized matrices and parallel tests). */
void mle_blas_set_threads(int n);
#endif
