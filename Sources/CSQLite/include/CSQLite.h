#ifndef CSQLITE_H
#define CSQLITE_H
/* The system SQLite (Debian libsqlite3-dev), with the two things Swift cannot
   spell itself: SQLITE_TRANSIENT (a cast of -1 to a function pointer) and a
   progress handler that ends a statement at a deadline. */
#include <sqlite3.h>

/* Binds UTF-8 text to parameter `index`, copied by SQLite. */
int mle_sqlite_bind_text(sqlite3_stmt *statement, int index, const char *text);

/* Installs a progress handler that interrupts any statement still running
   `seconds` after the call (or after the last mle_sqlite_restart_clock), or
   when a stop is asked for (Ctrl-C, the Interrupt flag); a non-positive value
   removes the limit. */
void mle_sqlite_set_timeout(sqlite3 *db, double seconds);

/* Starts the timeout's clock again (call before each statement). */
void mle_sqlite_restart_clock(sqlite3 *db);

/* Whether the last statement was ended by the timeout (1) or not (0). */
int mle_sqlite_timed_out(sqlite3 *db);

/* Whether the last statement was ended by Ctrl-C (the Interrupt flag) (1) or not (0). */
int mle_sqlite_interrupted(sqlite3 *db);

/* Frees the timeout's state (call before sqlite3_close). */
void mle_sqlite_clear_timeout(sqlite3 *db);
#endif
