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
// - A database that does not exist is created under a temporary name, with a guardian
//   process that drops it if veil dies (see sink_staging.h); the load is
//   committed there in Prepare(), OpenStaged() reads it as a PostgreSQL source, and
//   Commit() renames it to the target (a ConflictError, dropping it, if another run
//   created the target meanwhile). Into an existing database, all DDL and rows go into
//   one transaction that Prepare() completes and Commit() commits; OpenStaged() then
//   refuses (InvalidArgument): the uncommitted load cannot be read from outside. A sink
//   destroyed without a successful Commit() (or whose Commit() failed) rolls back and
//   drops the database it created: a failed run leaves no new database and no tables.
// - Names resolve as the PostgreSQL source prints them (search_path = public): a table
//   is `table` (schema public) or `schema.table` (split at the first dot), as are type
//   and sequence names. CreateTable() creates a missing schema, then, once per run, the
//   user types (TableSchema::types) that the output's columns need, each in its schema,
//   before the table: a type the target already has is used as it is (with `force`, the
//   schema's old types are dropped first), one the server refuses (error class 42) is
//   left out. Then the table, its columns ordered by position when every position is
//   known (generated ones among them), with declared types verbatim, collations the
//   target has, identity (GENERATED ... AS IDENTITY with the sequence's options), NOT
//   NULL, DEFAULT (verbatim, parenthesised), PARTITION BY and its
//   partitions at every level, and the comments of the table and columns. A generated
//   column is created GENERATED ALWAYS AS (...) STORED and is neither written nor given
//   rows: it is omitted when it reads a column the output lacks. A partition key over a
//   column the output lacks (an error of class 42) leaves that table or partition plain.
//   A type the target does not know becomes text, without its DEFAULT, identity or
//   collation (a generated column of that type is omitted); an empty declared type
//   becomes text and "BLOB" bytea. A DEFAULT calling nextval('seq') gets its sequence
//   created with the options TableSchema::sequences gives (else AS integer/smallint for
//   such columns) and owned by the column the schema names (else by its first column,
//   if the sequence is in the table's schema).
// - Prepare() then adds, after the load: the named primary key, indexes (create_sql verbatim; else
// the UNIQUE
//   or EXCLUDE constraint as its definition states it, else a UNIQUE constraint for a
//   unique index and a plain index otherwise), CHECK constraints, then foreign keys
//   under their names and definitions when known, with their actions (validating the
//   rows), and moves each sequence past the highest value of the integer columns whose
//   DEFAULT is exactly its nextval(), and each identity sequence past its column's (not
//   if the sequence descends, or that value is below its start or above its maximum). An index or
//   foreign key whose columns, referenced table or referenced columns are not in the
//   output is omitted, as is any of these objects the server rejects with an error of
//   class 42 (e.g. a CHECK naming a dropped column).
// - Rows are streamed with one COPY ... FROM STDIN (text format) per table, in session
//   TimeZone UTC, into the table's written columns (not its generated ones). Cells are
//   sent as their bytes; NULL as NULL; a blob cell as bytea hex. A row of a partitioned
//   table that fits no partition fails the load, saying so.
// - Error messages name the database, the table and, when the server says, the column,
//   source row and constraint; never a cell's content (io/postgres/errors.h).
// Tables are written one at a time (CreateTable, Write..., Finish). A writer may outlive
// its sink; after Commit() or the sink's destruction its Write() fails. Not thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "io/sink.h"
#include "veil/status.h"

namespace veil {

Result<std::unique_ptr<Sink>> OpenPostgresSink(const std::string& conninfo, bool force);

}  // namespace veil
