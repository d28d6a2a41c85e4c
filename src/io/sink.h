// Sink and TableWriter: where anonymised rows go.
//
// A Sink writes everything into a temporary sibling of its target and moves it into
// place only in Commit(). Destroying a Sink that was not committed removes every
// temporary file it made, so a failed run leaves neither a target nor a partial copy.
// Tables are created in the order the engine chooses (parents before children).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/batch.h"
#include "core/table_schema.h"
#include "core/view_schema.h"
#include "veil/status.h"

namespace veil {

class TableWriter {
 public:
  virtual ~TableWriter() = default;
  // Appends the batch's rows; the batch has one column per column of the schema given
  // to Sink::CreateTable, in that order.
  virtual Status Write(const Batch& batch) = 0;
  // Flushes the table. Must be called once after the last Write.
  virtual Status Finish() = 0;
};

class Sink {
 public:
  virtual ~Sink() = default;
  virtual std::string Describe() const = 0;
  // Creates an empty table shaped like `schema` (already stripped of dropped columns).
  virtual Result<std::unique_ptr<TableWriter>> CreateTable(const TableSchema& schema) = 0;
  // Records that the source table `name` is not part of the output (the policy drops
  // it). A sink writing a new output has nothing to do; an in-place sink drops it.
  virtual Status OmitTable(const std::string& /*name*/) { return Status::Ok(); }
  // Recreates the source's views over the written tables, as far as the sink can: a view
  // that needs something the output lacks (a dropped column or table) is left out.
  // Sinks without views ignore them. Called once, after the last table.
  virtual Status AddViews(const std::vector<ViewSchema>& /*views*/) { return Status::Ok(); }
  // Makes all written tables durable and moves the output into place atomically.
  virtual Status Commit() = 0;
};

}  // namespace veil
