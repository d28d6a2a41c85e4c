// The in-place PostgreSQL sink: scrubs a database where it stands, all or nothing.
//
// Guarantees:
// - Admission first: after connecting, and before any statement that writes or locks
//   (only SELECTs are sent), the sink reads who the connection reached (ReachedServer:
//   the server's database, address, system identifier, libpq's host and the socket's
//   peer; io/postgres/identity.h) and asks `admit`. If `admit` fails, its error is
//   returned and the connection closed: nothing was changed or locked. Once admitted, it
//   takes veil's session advisory lock on the database (another veil run holding it:
//   a kConflict error "another veil run is scrubbing database ..."), held to the end.
// - Everything happens in one transaction on one connection, committed by Commit() only
//   when every step succeeded. A failure, a destroyed sink, a killed process or a lost
//   connection leaves every table exactly as it was (the server rolls back).
// - Opening takes a SHARE lock on every user table (system schemas and `veil` excepted),
//   so nobody else can change them during the run while readers (the run's own source
//   included, which must open its snapshot after this) can still read them. Waiting for a
//   lock gives up after `lock_timeout_ms`.
// - CreateTable(schema) stages the table's new rows in a temporary table (ON COMMIT DROP)
//   shaped like the live table's columns that `schema` keeps (types, enums and domains
//   included) and returns a COPY writer into it. OmitTable(name) marks a table to drop.
//   Tables never named are left alone.
// - Commit() needs ACCESS EXCLUSIVE locks, so every other transaction reading the tables,
//   the run's source included, must have ended first. It then: drops the foreign keys
//   that touch a staged or omitted table and disables those tables' enabled user
//   triggers; drops omitted tables; per staged table truncates it, drops the live columns
//   `schema` left out, and inserts the staged rows (identity values as staged); re-adds
//   every foreign key it dropped (validating all rows: a key the scrub broke is an error
//   naming the constraint) except those whose columns or tables no longer exist;
//   restores the triggers; moves the sequences of staged tables' columns past their
//   highest value; records the run in veil.veil_runs (created if missing); commits.
// - Errors name the database, the table, the constraint or the column, never a value
//   (io/postgres/errors.h).
#pragma once

#include <memory>
#include <string>

#include "io/connector.h"
#include "io/reached_server.h"
#include "io/sink.h"
#include "veil/status.h"

namespace veil {

// `record` (io/connector.h) is what veil.veil_runs records about the scrub.
Result<std::unique_ptr<Sink>> OpenPostgresInPlaceSink(const std::string& conninfo,
                                                      InPlaceRecord record,
                                                      const AdmitServer& admit,
                                                      int lock_timeout_ms = 60000);

}  // namespace veil
