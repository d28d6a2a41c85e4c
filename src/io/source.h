// Source and TableReader: where rows come from.
//
// A Source lists tables and opens a streaming reader per table; a reader fills batches
// of at most kBatchRows rows and never holds a whole table in memory. Errors name the
// file or table, the line or row and the column, never a cell's content.
// Readers are single-threaded; a Source may open several readers one after another.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/batch.h"
#include "core/table_schema.h"
#include "core/view_schema.h"
#include "veil/status.h"

namespace veil {

class TableReader {
 public:
  virtual ~TableReader() = default;
  virtual const TableSchema& schema() const = 0;
  // Replaces `batch` with the next rows. Returns true when rows were read, false at the
  // end of the table (batch then empty), or an error.
  virtual Result<bool> Next(Batch& batch) = 0;
  // Best-effort estimate of the total rows, for progress display; -1 if unknown.
  virtual int64_t EstimatedRows() const { return -1; }
};

class Source {
 public:
  virtual ~Source() = default;
  // Human-readable description without secrets, e.g. "sqlite file data/x.db".
  virtual std::string Describe() const = 0;
  // Table names in a stable order (file name order for CSV, creation order for SQLite).
  virtual std::vector<std::string> TableNames() const = 0;
  virtual Result<TableSchema> Schema(const std::string& table) const = 0;
  virtual Result<std::unique_ptr<TableReader>> Open(const std::string& table) = 0;
  // The views over the source's tables, in an order that creates dependencies first
  // where the source knows it; none for sources without views.
  virtual Result<std::vector<ViewSchema>> Views() const { return std::vector<ViewSchema>{}; }

  // Optional capability: whether OpenWhere() evaluates SQL conditions (SQL databases).
  virtual bool SupportsWhere() const { return false; }
  // A reader over the rows of `table` for which the SQL boolean expression `condition`
  // is true, from the same snapshot as Open()'s readers, in an order that is the same
  // on every read of the same data (SQLite: rowid; PostgreSQL: the primary key, when
  // the table has one).
  // `condition` is the caller's text, placed in parentheses after WHERE; the caller
  // checks that it is one expression (no statement separator, comment or unbalanced
  // parenthesis), and the source reads only. On success the caller owns the reader. A
  // condition the database rejects is an InvalidArgument naming the table, with the
  // database's reason stripped of anything it quotes (it may quote the condition);
  // sources without the capability always return InvalidArgument.
  virtual Result<std::unique_ptr<TableReader>> OpenWhere(const std::string& table,
                                                         const std::string& condition);
  // With SupportsWhere(): a reader of only the columns `columns` (indexes into
  // Schema(table), in that order) of every row of `table`, in Open()'s order and
  // snapshot; its schema() lists just those columns. Sources without the capability
  // return InvalidArgument.
  virtual Result<std::unique_ptr<TableReader>> OpenColumns(const std::string& table,
                                                           const std::vector<int>& columns);
  // For conditions built from cells the source read: `cell` (of storage `kind`, not
  // NULL) as an SQL literal that equals it in this source's SQL, and a column name as a
  // quoted identifier. The defaults are standard SQL: a single-quoted string ('' for a
  // quote inside), a double-quoted name. A cell no literal can hold (a NUL byte in
  // text) is an InvalidArgument naming neither the cell nor its value.
  virtual Result<std::string> SqlLiteral(std::string_view cell, CellKind kind) const;
  virtual std::string SqlIdentifier(std::string_view name) const;
};

// `reason` (a database's message) with every piece in double or single quotes replaced
// by "...": what a database quotes from a condition may be a value the user typed.
std::string WithoutQuotedText(std::string_view reason);

// `schema` with only the columns `columns` (indexes), in that order; no keys or indexes.
TableSchema ProjectSchema(const TableSchema& schema, const std::vector<int>& columns);

// The schemas of every table of `source`, in its TableNames() order.
Result<std::vector<TableSchema>> ReadSchemas(const Source& source);

}  // namespace veil
