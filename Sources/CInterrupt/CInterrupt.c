#include "CInterrupt.h"
#include <stdatomic.h>

_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "a signal handler may only store to a lock-free atomic");

/* Relaxed ordering is enough: the flag guards no other data, and a poll
   that misses a store sees it at the next poll. */
static atomic_int requested = 0;

void mle_interrupt_request(void) { atomic_store_explicit(&requested, 1, memory_order_relaxed); }
int mle_interrupt_requested(void) { return atomic_load_explicit(&requested, memory_order_relaxed); }
void mle_interrupt_reset(void) { atomic_store_explicit(&requested, 0, memory_order_relaxed); }
