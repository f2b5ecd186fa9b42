#ifndef CLBFGS_H
#define CLBFGS_H
/* liblbfgs (Debian liblbfgs-dev): limited-memory BFGS. Only the Solvers module imports this. */
#include <lbfgs.h>
#endif
