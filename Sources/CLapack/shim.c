#include "CLapack.h"
#include <dlfcn.h>

void mle_blas_set_threads(int n) {
    openblas_set_num_threads(n);
    if (n != 1) return;
    /* The pthread build of OpenBLAS starts its worker threads when the library loads,
       and each spins on sched_yield for about 2^28 cycles (~0.1 s) waiting for work
       before it sleeps: on a 2-core machine that takes time from mle's own threads
       (the CSV reader, the likelihood's row blocks). With one thread they will never
       get work, so stop them. The function is looked up rather than linked because
       only OpenBLAS's threaded builds have it; a parallel call after a later
       openblas_set_num_threads(n > 1) starts them again. */
    int (*shutdown)(void) = (int (*)(void))dlsym(RTLD_DEFAULT, "blas_thread_shutdown_");
    if (shutdown) shutdown();
}
