// PostgreSQL source: reads the user tables of a PostgreSQL database (version 12 or
// later), read-only, from one snapshot.
//
// Guarantees:
// - `conninfo` is a libpq connection string or URI; PG* environment variables and
//   ~/.pgpass apply. Describe() and every error name the database as
//   postgresql://user@host:port/db, never a password or the connection string.
// - Nothing is written: every session is read-only (default_transaction_read_only and a
//   READ ONLY transaction), and only SET, BEGIN, SELECT and COPY ... TO STDOUT are sent.
// - Every schema and row comes from one REPEATABLE READ snapshot taken when the source
//   is opened, however many readers are opened and in whatever order (readers after
//   the first import that snapshot on connections of their own).
// - TableNames() lists ordinary and partitioned tables outside the system schemas
//   (pg_*, information_schema) and the schema `veil`, ordered by schema then name
//   (bytewise). A table of schema public is named `table` (`public.table` if its name
//   holds a dot), any other `schema.table`. Partitions are not listed: their rows are
//   read through their partitioned table. Rows of inheritance children are read with
//   the child only. Views, materialized views, foreign tables and sequences are not
//   listed. A schema whose name holds a dot is refused when the source is opened.
// - Schema() reports columns in table order with declared_type as format_type() prints
//   it ("character varying(40)", "numeric(10,2)", "timestamp with time zone",
//   "integer[]"; user types outside public schema-qualified, e.g. "social.tier"),
//   NOT NULL, the DEFAULT expression as pg_get_expr() prints it, primary-key positions,
//   identity kind and sequence options, a collation other than the type's, comments and
//   attribute numbers as positions; generated columns apart, in generated_columns, with
//   their expressions and the columns they read (they are not read: their values derive
//   from other columns, so they need no policy entry); the enum, domain, composite and
//   range types the columns need, dependencies first, each with its CREATE statement
//   (types of extensions and ranges with a canonical function are not reported); the
//   sequences the defaults draw from, with their options and owning column; the primary
//   key's name; foreign keys ordered by constraint name, with their names and
//   pg_get_constraintdef() text, naming the referenced table as TableNames() does, with
//   ON DELETE / ON UPDATE as "CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT" or ""
//   (NO ACTION); indexes ordered by name: an index that backs no constraint with its
//   pg_get_indexdef() text as create_sql (for a partitioned table, without ONLY, so that
//   it covers the partitions), a UNIQUE or EXCLUDE constraint with empty create_sql and
//   its pg_get_constraintdef() text as definition (the primary key's index is not
//   listed); CHECK constraints as "CONSTRAINT name " + pg_get_constraintdef(); the
//   table's comment; and for a partitioned table its key (pg_get_partkeydef()) and its
//   partitions at every level with their bounds. Details are in io/postgres/catalog.h.
// - EstimatedRows() is the planner's figure: pg_class.reltuples of a table, the sum over
//   the leaf partitions of a partitioned one; -1 while any of them was never analysed.
// - Readers stream with COPY (text format) and hold at most one batch in memory. Cells of
//   smallint, integer and bigint columns (and domains over them) are CellKind::kInteger,
//   of real, double precision and numeric ones kReal, all others kText, each as the
//   server's text output with DateStyle ISO, TimeZone UTC, IntervalStyle postgres,
//   shortest exact floats and bytea in hex ("\x0aff"). NULL is NULL.
// - With `same_as` (the server an in-place sink admitted), every connection the source
//   opens is checked first (CheckSameServer, io/postgres/identity.h: same database,
//   system identifier, server address and port, and the admitted session's advisory
//   lock visible there) and refused with a kConflict error if it reached anything else,
//   e.g. because DNS, a service file or the environment changed since the sink connected.
// - Error messages name the database, table, column and row, never a cell's content
//   (io/postgres/errors.h).
// Not thread-safe: one thread may use the source and its readers at a time.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "io/reached_server.h"
#include "io/source.h"
#include "veil/status.h"

namespace veil {

Result<std::unique_ptr<Source>> OpenPostgresSource(
    const std::string& conninfo, std::optional<ReachedServer> same_as = std::nullopt);

}  // namespace veil
