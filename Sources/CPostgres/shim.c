/* The PQ functions mle calls, each forwarding to libpq's own, which mle_pq_load finds
   in the library it loads. They are hidden (not exported from mle), so that libpq's calls
   to its own functions still reach its own. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

/* After the system headers, so that only libpq's declarations (and mle's) are hidden. */
#pragma GCC visibility push(hidden)
#include "CPostgres.h"
#pragma GCC visibility pop

/* Every libpq function used, by name. */
#define MLE_PQ_FUNCTIONS(X)                                                                  \
    X(PQcancel) X(PQclear) X(PQconnectdbParams) X(PQconsumeInput) X(PQdescribePrepared)      \
    X(PQerrorMessage) X(PQexec) X(PQfinish) X(PQfname) X(PQfreeCancel) X(PQftype)           \
    X(PQgetCancel) X(PQgetResult) X(PQgetisnull) X(PQgetvalue) X(PQisBusy) X(PQnfields)     \
    X(PQntuples) X(PQprepare) X(PQresultErrorField) X(PQresultStatus) X(PQsendQueryParams)  \
    X(PQsetNoticeProcessor) X(PQsocket) X(PQstatus)

#define MLE_PQ_POINTER(name) static __typeof__(name) *libpq_##name;
MLE_PQ_FUNCTIONS(MLE_PQ_POINTER)

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static char load_problem[512];
static int loaded = 0;

static void load_library(void) {
    /* libpq5's soname, stable since PostgreSQL 8.0. */
    void *library = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        const char *reason = dlerror();
        snprintf(load_problem, sizeof load_problem, "%s", reason ? reason : "libpq.so.5 could not be loaded");
        return;
    }
#define MLE_PQ_RESOLVE(name)                                                                \
    if (!(libpq_##name = (__typeof__(name) *)dlsym(library, #name))) {                      \
        snprintf(load_problem, sizeof load_problem, "libpq.so.5 has no %s", #name);         \
        return;                                                                              \
    }
    MLE_PQ_FUNCTIONS(MLE_PQ_RESOLVE)
    loaded = 1;
}

const char *mle_pq_load(void) {
    pthread_once(&load_once, load_library);
    return loaded ? NULL : load_problem;
}

/* The forwarders. Only mle_pq_load's success lets a connection exist, and every other call
   takes a connection or one of its results, so none runs before the library is loaded. */
int PQcancel(PGcancel *cancel, char *buffer, int size) { return libpq_PQcancel(cancel, buffer, size); }
void PQclear(PGresult *result) { libpq_PQclear(result); }
PGconn *PQconnectdbParams(const char *const *keywords, const char *const *values, int expand) {
    return libpq_PQconnectdbParams(keywords, values, expand);
}
int PQconsumeInput(PGconn *connection) { return libpq_PQconsumeInput(connection); }
PGresult *PQdescribePrepared(PGconn *connection, const char *statement) {
    return libpq_PQdescribePrepared(connection, statement);
}
char *PQerrorMessage(const PGconn *connection) { return libpq_PQerrorMessage(connection); }
PGresult *PQexec(PGconn *connection, const char *query) { return libpq_PQexec(connection, query); }
void PQfinish(PGconn *connection) { libpq_PQfinish(connection); }
char *PQfname(const PGresult *result, int field) { return libpq_PQfname(result, field); }
void PQfreeCancel(PGcancel *cancel) { libpq_PQfreeCancel(cancel); }
Oid PQftype(const PGresult *result, int field) { return libpq_PQftype(result, field); }
PGcancel *PQgetCancel(PGconn *connection) { return libpq_PQgetCancel(connection); }
PGresult *PQgetResult(PGconn *connection) { return libpq_PQgetResult(connection); }
int PQgetisnull(const PGresult *result, int row, int field) { return libpq_PQgetisnull(result, row, field); }
char *PQgetvalue(const PGresult *result, int row, int field) { return libpq_PQgetvalue(result, row, field); }
int PQisBusy(PGconn *connection) { return libpq_PQisBusy(connection); }
int PQnfields(const PGresult *result) { return libpq_PQnfields(result); }
int PQntuples(const PGresult *result) { return libpq_PQntuples(result); }
PGresult *PQprepare(PGconn *connection, const char *name, const char *query, int count, const Oid *types) {
    return libpq_PQprepare(connection, name, query, count, types);
}
char *PQresultErrorField(const PGresult *result, int code) { return libpq_PQresultErrorField(result, code); }
ExecStatusType PQresultStatus(const PGresult *result) { return libpq_PQresultStatus(result); }
int PQsendQueryParams(
    PGconn *connection, const char *command, int count, const Oid *types, const char *const *values,
    const int *lengths, const int *formats, int resultFormat) {
    return libpq_PQsendQueryParams(connection, command, count, types, values, lengths, formats, resultFormat);
}
PQnoticeProcessor PQsetNoticeProcessor(PGconn *connection, PQnoticeProcessor processor, void *argument) {
    return libpq_PQsetNoticeProcessor(connection, processor, argument);
}
int PQsocket(const PGconn *connection) { return libpq_PQsocket(connection); }
ConnStatusType PQstatus(const PGconn *connection) { return libpq_PQstatus(connection); }

static void ignore_notice(void *argument, const char *message) {
    (void)argument;
    (void)message;
}

void mle_pq_quiet(PGconn *connection) { PQsetNoticeProcessor(connection, ignore_notice, NULL); }

const char *mle_pq_sqlstate(const PGresult *result) {
    const char *state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : NULL;
    return state ? state : "";
}

int mle_pq_error_position(const PGresult *result) {
    const char *position = result ? PQresultErrorField(result, PG_DIAG_STATEMENT_POSITION) : NULL;
    return position ? atoi(position) : 0;
}

const char *mle_pq_primary_message(const PGresult *result) {
    const char *message = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    return message ? message : "";
}
