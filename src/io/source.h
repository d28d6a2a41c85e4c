// Source and TableReader: where rows come from.
//
// A Source lists tables and opens a streaming reader per table; a reader fills batches
// of at most kBatchRows rows and never holds a whole table in memory. Errors name the
// file or table, the line or row and the column, never a cell's content.
// Readers are single-threaded; a Source may open several readers one after another.
#pragma once

#include <memory>
#include <string>
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
};

// The schemas of every table of `source`, in its TableNames() order.
Result<std::vector<TableSchema>> ReadSchemas(const Source& source);

}  // namespace veil
