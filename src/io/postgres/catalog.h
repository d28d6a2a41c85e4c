// The PostgreSQL source's catalog queries (io/postgres/source.h): which tables there are,
// what shape each has, and how many rows the planner thinks it holds. Read-only: only
// SELECTs are sent, on the connection given (which holds the source's snapshot).
//
// ReadShape() fills every TableSchema field the PostgreSQL sink can recreate:
// - columns in table order (generated columns apart, in generated_columns), with
//   format_type() types, NOT NULL, pg_get_expr() defaults, primary-key positions,
//   identity kind and sequence options, a collation other than the type's, comments and
//   attribute numbers as positions;
// - the user types the columns need (enums, domains, composite and range types, through
//   arrays, domains, composite attributes and ranges), dependencies first, each with its
//   CREATE statement and the columns needing it; types of extensions and range types
//   with a canonical function are not listed;
// - the sequences the columns' defaults draw from, with their options and owning column;
// - the primary key's name, foreign keys (name and pg_get_constraintdef()), indexes and
//   UNIQUE constraints, named CHECK constraints, and the table's comment.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/column.h"
#include "core/table_schema.h"
#include "core/view_schema.h"
#include "io/postgres/connection.h"
#include "veil/status.h"

namespace veil::postgres {

struct Relation {
  std::string name;  // as the source's TableNames() gives it
  std::string schema;
  std::string table;
  std::string oid;  // decimal, for binding
  bool partitioned = false;
  std::string comment;
};

// A table's schema and the kind of each column's cells.
struct TableShape {
  TableSchema schema;
  std::vector<CellKind> kinds;
};

// The ordinary and partitioned tables, as the source lists them (source.h).
Result<std::vector<Relation>> ReadRelations(const Connection& conn);

Result<TableShape> ReadShape(const Connection& conn, const Relation& rel);

// Views and materialized views (pg_get_viewdef() definitions), oldest first.
Result<std::vector<ViewSchema>> ReadViews(const Connection& conn);

// The planner's row count: pg_class.reltuples of a plain table, the sum over the leaf
// partitions of a partitioned one (0 if it has none); -1 if any is unknown (never
// vacuumed or analysed) or the query fails.
int64_t EstimateRows(const Connection& conn, const Relation& rel);

}  // namespace veil::postgres
