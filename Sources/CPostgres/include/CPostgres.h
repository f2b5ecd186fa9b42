#ifndef CPOSTGRES_H
#define CPOSTGRES_H
/* PostgreSQL's client library, libpq (Debian libpq-dev for the header, libpq5 to run).
   Its header lives in /usr/include/postgresql, whose own includes are relative to it.

   mle does not link libpq: it is loaded (dlopen) the first time a PostgreSQL table is
   opened, because libpq brings some twenty libraries (TLS, Kerberos, LDAP) whose loading
   would cost every run of mle several milliseconds whether it reads a database or not.
   The PQ functions mle calls are defined in shim.c, each forwarding to libpq's own. */
#include <postgresql/libpq-fe.h>

/* Loads libpq if it is not loaded yet: NULL once it is, else why it could not be (the
   same reason on every later call). Call it before any PQ function. */
const char *mle_pq_load(void);

/* Keeps the server's NOTICE and WARNING messages off standard error (libpq's
   default prints them). */
void mle_pq_quiet(PGconn *connection);

/* The SQLSTATE of a failed result ("42601" for a syntax error), or "" if none. */
const char *mle_pq_sqlstate(const PGresult *result);

/* The 1-based character position in the statement that an error points at, or 0. */
int mle_pq_error_position(const PGresult *result);

/* The primary message of a failed result, without the "ERROR:  " prefix and position. */
const char *mle_pq_primary_message(const PGresult *result);
#endif
