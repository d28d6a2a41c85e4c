// Sink and TableWriter: where anonymised rows go.
//
// A Sink writes everything aside (a temporary sibling of its target, or a temporary
// database) and publishes it only in Commit(). In between, Prepare() makes the output
// complete and durable where it stands, and OpenStaged() reads it back exactly as it
// will be published, so that a copy can be checked before anyone can see it. Destroying
// a Sink that was not committed removes everything it made, so a failed run leaves
// neither a target nor a partial copy. Tables are created in the order the engine
// chooses (parents before children).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/batch.h"
#include "core/schema_text.h"
#include "core/table_schema.h"
#include "core/view_schema.h"
#include "io/source.h"
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
  // Leaves out of the output the schema text at `texts` (column defaults and table,
  // column and view comments: core/schema_text.h) because it holds an original value.
  // Called at most once, after AddViews() and before Prepare() or Commit(). Texts the
  // sink does not write are ignored, so a sink that writes no schema text (CSV) has
  // nothing to do. On failure the sink is unusable.
  virtual Status RemoveSchemaText(const std::vector<SchemaText>& /*texts*/) { return Status::Ok(); }
  // Ok if OpenStaged() will be able to read this output once it is prepared; otherwise
  // the error OpenStaged() would give, so that a caller needing it (--verify) can refuse
  // before anything is written.
  virtual Status CheckStageable() const {
    return InvalidArgument(Describe() + ": this output cannot be read before it is published");
  }
  // Finishes the output under its staged name: every table finished, indexes and
  // constraints added, everything durable; nothing is visible at the target yet. After
  // it, no table can be created. Fails if a table was not finished or the output fails
  // the sink's own checks (the sink is then unusable: destroy it). A second call is an
  // InternalError. Sinks that cannot stage (writing in place) return InvalidArgument.
  virtual Status Prepare() {
    return InvalidArgument(Describe() + ": this output cannot be staged before it is published");
  }
  // After a successful Prepare(): a Source reading the staged output exactly as Commit()
  // would publish it, and describing itself as the published target (not by a temporary
  // name). The Source borrows what the sink staged: destroy it before
  // Commit() or the sink. Before Prepare(), or for a sink that cannot stage, an error.
  virtual Result<std::unique_ptr<Source>> OpenStaged() {
    return InvalidArgument(Describe() + ": this output cannot be read before it is published");
  }
  // Publishes the output atomically (calling Prepare() first if it was not called). On
  // failure nothing is published and the sink is unusable.
  virtual Status Commit() = 0;
};

}  // namespace veil
