#include "CSQLite.h"
#include "CInterrupt.h"
#include <stdlib.h>
#include <time.h>

int mle_sqlite_bind_text(sqlite3_stmt *statement, int index, const char *text) {
    return sqlite3_bind_text(statement, index, text, -1, SQLITE_TRANSIENT);
}

/* One per connection, found again through the progress handler's argument. */
struct mle_sqlite_clock {
    sqlite3 *db;
    double limit;
    double start;
    int timed_out;
    int interrupted;
    struct mle_sqlite_clock *next;
};

/* Connections are opened and closed on the interpreter's thread; the list is short. */
static struct mle_sqlite_clock *clocks = NULL;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static struct mle_sqlite_clock *clock_of(sqlite3 *db) {
    for (struct mle_sqlite_clock *c = clocks; c; c = c->next)
        if (c->db == db) return c;
    return NULL;
}

static int on_progress(void *argument) {
    struct mle_sqlite_clock *c = argument;
    if (mle_interrupt_requested()) {
        c->interrupted = 1;
        return 1;
    }
    if (now() - c->start > c->limit) {
        c->timed_out = 1;
        return 1;
    }
    return 0;
}

void mle_sqlite_set_timeout(sqlite3 *db, double seconds) {
    struct mle_sqlite_clock *c = clock_of(db);
    if (seconds <= 0) {
        sqlite3_progress_handler(db, 0, NULL, NULL);
        return;
    }
    if (!c) {
        c = calloc(1, sizeof *c);
        if (!c) return;
        c->db = db;
        c->next = clocks;
        clocks = c;
    }
    c->limit = seconds;
    c->start = now();
    c->timed_out = 0;
    c->interrupted = 0;
    /* Every 10,000 virtual-machine instructions: a few hundred microseconds. */
    sqlite3_progress_handler(db, 10000, on_progress, c);
}

void mle_sqlite_restart_clock(sqlite3 *db) {
    struct mle_sqlite_clock *c = clock_of(db);
    if (c) {
        c->start = now();
        c->timed_out = 0;
        c->interrupted = 0;
    }
}

int mle_sqlite_interrupted(sqlite3 *db) {
    struct mle_sqlite_clock *c = clock_of(db);
    return c ? c->interrupted : 0;
}

int mle_sqlite_timed_out(sqlite3 *db) {
    struct mle_sqlite_clock *c = clock_of(db);
    return c ? c->timed_out : 0;
}

void mle_sqlite_clear_timeout(sqlite3 *db) {
    struct mle_sqlite_clock **link = &clocks;
    while (*link) {
        if ((*link)->db == db) {
            struct mle_sqlite_clock *gone = *link;
            *link = gone->next;
            free(gone);
            return;
        }
        link = &(*link)->next;
    }
}
