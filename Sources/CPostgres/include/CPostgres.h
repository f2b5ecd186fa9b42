#ifndef CPOSTGRES_H
#define CPOSTGRES_H
/* PostgreSQL's client library, libpq (Debian libpq-dev). Its header lives in
   /usr/include/postgresql, whose own includes are relative to it. */
#include <postgresql/libpq-fe.h>

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
