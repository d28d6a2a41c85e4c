// How veil names PostgreSQL connections and reports their errors: the error contract of
// the whole PostgreSQL wing (source, copy sink, in-place scrub), stated here once; the
// other headers of io/postgres/ refer to it.
//
// Guarantees:
// - A connection is named by its label, "postgresql://user@host:port/db": the database,
//   never a password or the connection string.
// - An error reads "PREFIX: REASON (SQLSTATE xxxxx)", PREFIX naming the connection and
//   what was being done (the table, and when known the column and source row); the
//   SQLSTATE is kept whenever the server sent one.
// - Never a value: server messages of class 22 (data exception) and 23 (integrity
//   violation) may quote a value, so their REASON is veil's own words (naming the
//   constraint, if any) and their code is kInput and kConflict; any other REASON is the
//   server's primary message (it names objects only), or libpq's message flattened to
//   one line, and the code kIo. DETAIL, HINT and CONTEXT are never shown.
#pragma once

#include <libpq-fe.h>

#include <string>

#include "veil/status.h"

namespace veil::postgres {

std::string PgConnectionLabel(const PGconn* conn);
// A diagnostic field of a result (PG_DIAG_...); "" if absent or `result` is null.
std::string PgErrorField(const PGresult* result, int field);
// The error `result` reports, or the connection's own if `result` is null.
Status PgServerError(const PGconn* conn, const PGresult* result, const std::string& prefix);
// `text` on one line: line breaks and tabs become single spaces.
std::string PgOneLine(const std::string& text);

}  // namespace veil::postgres
