#include "CLapack.h"
#include <dlfcn.h>

/* Only a change is passed on: openblas_set_num_threads starts the worker threads again
   whenever they are stopped (its re-initialisation after a fork), even to set one. */
void mle_blas_set_threads(int n) {
    if (openblas_get_num_threads() != n) openblas_set_num_threads(n);
}

/* The pthread build of OpenBLAS starts its worker threads when the library loads, and
   each spins on sched_yield for about 2^28 cycles (~0.1 s) waiting for work before it
   sleeps: on a 2-core machine that takes time from mle's own threads (the CSV reader,
   the likelihood's row blocks). mle runs BLAS on one thread (BLAS.configure), so they
   would never get work: stop them here, when the program is loaded and before any
   thread of its own can be inside BLAS (stopping them later would race with one that
   is). Only in the pthread build (the OpenMP build's threads are OpenMP's); the
   function is looked up rather than linked because only OpenBLAS's threaded builds
   have it. mle_blas_set_threads(n > 1) starts them again. */
__attribute__((constructor)) static void mle_blas_single_threaded(void) {
    openblas_set_num_threads(1);
    if (openblas_get_parallel() != 1) return; /* 1: pthreads (0 serial, 2 OpenMP) */
    int (*shutdown)(void) = (int (*)(void))dlsym(RTLD_DEFAULT, "blas_thread_shutdown_");
    if (shutdown) shutdown();
}
