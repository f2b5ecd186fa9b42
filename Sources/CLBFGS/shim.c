/* The C target needs a translation unit; everything used is in <lbfgs.h>. */
#include "CLBFGS.h"
