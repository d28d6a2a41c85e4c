// How veil names PostgreSQL connections and reports their errors, shared by the source
// and both sinks.
//
// Guarantees: a label is "postgresql://user@host:port/db", never a password. An error
// reads "PREFIX: REASON (SQLSTATE xxxxx)". Server messages of class 22 (data exception)
// and 23 (integrity violation) may quote a value, so their REASON is veil's own words
// (naming the constraint, if any) and their code is kInput and kConflict; any other
// REASON is the server's primary message, or libpq's message flattened to one line, and
// the code kIo. DETAIL, HINT and CONTEXT are never shown.
#pragma once

#include <libpq-fe.h>

#include <string>

#include "veil/status.h"

namespace veil {

std::string PgConnectionLabel(const PGconn* conn);
// A diagnostic field of a result (PG_DIAG_...); "" if absent or `result` is null.
std::string PgErrorField(const PGresult* result, int field);
// The error `result` reports, or the connection's own if `result` is null.
Status PgServerError(const PGconn* conn, const PGresult* result, const std::string& prefix);
// `text` on one line: line breaks and tabs become single spaces.
std::string PgOneLine(const std::string& text);

}  // namespace veil
