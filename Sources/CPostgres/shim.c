#include "CPostgres.h"
#include <stdlib.h>

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
