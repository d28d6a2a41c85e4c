#include "engine/table_runner.h"

#include <fmt/format.h>

namespace veil {
namespace {

// Builds the output batch: transformed columns from their rules, kept columns moved
// over once every rule (some read other columns, e.g. an entity's key) has run.
Status TransformBatch(TablePlan& plan, Batch& input, Batch& output) {
  output.first_row = input.first_row;
  output.Reset(plan.output.columns.size());
  size_t out = 0;
  for (size_t c = 0; c < plan.columns.size(); ++c) {
    ColumnPlan& column = plan.columns[c];
    if (column.kind == ColumnPlan::Kind::kDrop) continue;
    if (column.kind == ColumnPlan::Kind::kTransform) {
      Status status = column.rule->Apply(input, c, output.columns[out]);
      if (!status.ok()) {
        return status.WithContext(fmt::format("table {}, column {} ({})", plan.input.name,
                                              plan.input.columns[c].name, column.rule_kind));
      }
    }
    ++out;
  }
  out = 0;
  for (size_t c = 0; c < plan.columns.size(); ++c) {
    if (plan.columns[c].kind == ColumnPlan::Kind::kDrop) continue;
    if (plan.columns[c].kind == ColumnPlan::Kind::kKeep) {
      std::swap(output.columns[out], input.columns[c]);
    }
    ++out;
  }
  return Status::Ok();
}

}  // namespace

Result<int64_t> RunTable(TablePlan& plan, TableReader& reader, TableWriter& writer,
                         const RowsDone& on_batch) {
  Batch input;
  Batch output;
  int64_t rows = 0;
  while (true) {
    VEIL_ASSIGN_OR_RETURN(bool more, reader.Next(input));
    if (!more) break;
    rows += static_cast<int64_t>(input.rows());
    VEIL_RETURN_IF_ERROR(TransformBatch(plan, input, output));
    VEIL_RETURN_IF_ERROR(writer.Write(output));
    if (on_batch) on_batch(rows);
  }
  VEIL_RETURN_IF_ERROR(writer.Finish());
  return rows;
}

}  // namespace veil
