// PostgreSQL sink: copies tables into a PostgreSQL database in one transaction that is
// committed only when everything succeeded.
//
// Guarantees:
// - `conninfo` is a libpq connection string or URI (PG* variables and ~/.pgpass apply).
//   A database that does not exist is created, through the `postgres` maintenance
//   database of the same server with the same credentials. An existing database that
//   holds a table, view or foreign table outside the system schemas (extensions' own
//   excepted) is refused with a ConflictError naming it, unless `force`: then each schema
//   the output uses is emptied, just before its first use, of the tables, views,
//   sequences and types it held when the sink was opened; other schemas are untouched.
// - All DDL and rows go into one transaction, committed by Commit(). A sink destroyed
//   without a successful Commit() (or whose Commit() failed) rolls back and, if it
//   created the database, drops it: a failed run leaves no new database and no tables.
// - Names resolve as the PostgreSQL source prints them (search_path = public): a table
//   is `table` (schema public) or `schema.table` (split at the first dot), as are type
//   and sequence names. CreateTable() creates a missing schema, then the table with its
//   declared types verbatim, NOT NULL, DEFAULT (verbatim, parenthesised) and primary key.
//   A type the target does not know (e.g. an enum or domain of the source: TableSchema
//   carries no type definitions) becomes text, without its DEFAULT; an empty declared
//   type becomes text and "BLOB" bytea. A DEFAULT calling nextval('seq') gets its
//   sequence created (AS integer/smallint for such columns) and owned by the column.
// - Commit() then adds, after the load: indexes (create_sql verbatim, else a UNIQUE
//   constraint for a unique index and a plain index otherwise), CHECK constraints, then
//   foreign keys with their actions (validating the rows), and moves each sequence past
//   the highest value of the integer columns whose DEFAULT is exactly its nextval().
//   An index or foreign key whose columns, referenced table or referenced columns are not
//   in the output is omitted, as is any of these objects the server rejects with an
//   error of class 42 (e.g. a CHECK naming a dropped column). Identity columns are not
//   recreated (TableSchema does not report them).
// - Rows are streamed with one COPY ... FROM STDIN (text format) per table, in session
//   TimeZone UTC. Cells are sent as their bytes; NULL as NULL; a blob cell as bytea hex.
// - Error messages name the database (postgresql://user@host:port/db, never a
//   password), the table and, when the server says, the column, source row and
//   constraint; never a cell's content (data errors are described in veil's own words).
// Tables are written one at a time (CreateTable, Write..., Finish). A writer may outlive
// its sink; after Commit() or the sink's destruction its Write() fails. Not thread-safe.
#pragma once

#include <memory>
#include <string>

#include "io/sink.h"
#include "veil/status.h"

namespace veil {

Result<std::unique_ptr<Sink>> OpenPostgresSink(const std::string& conninfo, bool force);

}  // namespace veil
