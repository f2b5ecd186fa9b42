#ifndef CINTERRUPT_H
#define CINTERRUPT_H
/* The process-wide "stop the running statement" flag behind the Interrupt
   module. It is C so that a signal handler can set it: a lock-free atomic
   store is async-signal-safe, and any thread may poll it. */
void mle_interrupt_request(void);
int mle_interrupt_requested(void);
void mle_interrupt_reset(void);
#endif
