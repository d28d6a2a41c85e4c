#include "engine/table_runner.h"

#include <fmt/format.h>

#include <memory>
#include <mutex>
#include <thread>

#include "core/bounded_queue.h"
#include "engine/schema_text_screen.h"
#include "privacy/release.h"

namespace veil {
namespace {

// Builds the output batch: transformed columns from their rules, kept columns moved
// over once every rule (some read other columns, e.g. an entity's key) has run.
// Writes the quasi-identifiers through the table's Release.
void GeneraliseColumn(const Release& release, const ColumnPlan& column, size_t rows, Column& out) {
  for (size_t r = 0; r < rows; ++r) release.Append(column.quasi_identifier, r, out);
}

// Leaves out the rows the Release suppressed (suppress: remove).
void RemoveSuppressed(const Release& release, Batch& output) {
  for (Column& column : output.columns) {
    Column kept;
    for (size_t r = 0; r < column.size(); ++r) {
      if (!release.Suppressed(r)) kept.AppendFrom(column, r);
    }
    column = std::move(kept);
  }
}

// Shows the schema text screen the original cells of every column the policy changes.
void ScreenOriginals(const TablePlan& plan, const Batch& input) {
  for (size_t c = 0; c < plan.columns.size(); ++c) {
    if (plan.columns[c].kind != ColumnPlan::Kind::kKeep)
      plan.schema_text->Observe(input.columns[c]);
  }
}

Status TransformBatch(TablePlan& plan, Batch& input, Batch& output) {
  output.first_row = input.first_row;
  output.Reset(plan.output.columns.size());
  if (plan.release) VEIL_RETURN_IF_ERROR(plan.release->Classify(input));
  if (plan.schema_text) ScreenOriginals(plan, input);
  size_t out = 0;
  for (size_t c = 0; c < plan.columns.size(); ++c) {
    ColumnPlan& column = plan.columns[c];
    if (column.kind == ColumnPlan::Kind::kDrop) continue;
    if (column.kind == ColumnPlan::Kind::kGeneralise) {
      GeneraliseColumn(*plan.release, column, input.rows(), output.columns[out]);
    } else if (column.kind == ColumnPlan::Kind::kTransform) {
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
  if (plan.release && plan.release->RemovesSuppressed()) RemoveSuppressed(*plan.release, output);
  return Status::Ok();
}

using BatchQueue = BoundedQueue<std::unique_ptr<Batch>>;

// Batches in flight per stage: enough to keep every thread busy, few enough to bound
// memory (a batch holds at most kBatchRows rows).
constexpr size_t kBatchesInFlight = 3;

// The three-stage form of RunTable. Batches circulate: spare inputs → reader → rules →
// spare inputs; spare outputs → rules → writer → spare outputs.
class TablePipeline {
 public:
  TablePipeline(TablePlan& plan, TableReader& reader, TableWriter& writer)
      : plan_(plan), reader_(reader), writer_(writer) {
    for (size_t i = 0; i < kBatchesInFlight + 1; ++i) {
      (void)spare_inputs_.Push(std::make_unique<Batch>());
      (void)spare_outputs_.Push(std::make_unique<Batch>());
    }
  }

  Result<int64_t> Run(const RowsDone& on_batch) {
    std::thread reading([this] { Read(); });
    std::thread writing([this] { Write(); });
    int64_t rows = 0;
    Transform(rows, on_batch);
    reading.join();
    writing.join();
    if (!failure_.ok()) return failure_;
    return rows;
  }

 private:
  void Read() {
    while (auto batch = spare_inputs_.Pop()) {
      Result<bool> more = reader_.Next(**batch);
      if (!more.ok()) return Fail(more.status());
      if (!*more) break;
      if (!read_.Push(std::move(*batch))) return;
    }
    read_.Close();
  }

  void Transform(int64_t& rows, const RowsDone& on_batch) {
    while (auto input = read_.Pop()) {
      auto output = spare_outputs_.Pop();
      if (!output) return;
      rows += static_cast<int64_t>((*input)->rows());
      Status status = TransformBatch(plan_, **input, **output);
      if (!status.ok()) return Fail(status);
      (void)spare_inputs_.Push(std::move(*input));
      if (!transformed_.Push(std::move(*output))) return;
      if (on_batch) on_batch(rows);
    }
    transformed_.Close();
  }

  void Write() {
    while (auto batch = transformed_.Pop()) {
      Status status = writer_.Write(**batch);
      if (!status.ok()) return Fail(status);
      (void)spare_outputs_.Push(std::move(*batch));
    }
    if (!Failed()) {
      Status status = writer_.Finish();
      if (!status.ok()) Fail(status);
    }
  }

  bool Failed() {
    std::lock_guard lock(mutex_);
    return !failure_.ok();
  }

  // Keeps the first error and stops every stage.
  void Fail(const Status& status) {
    {
      std::lock_guard lock(mutex_);
      if (failure_.ok()) failure_ = status;
    }
    for (BatchQueue* queue : {&spare_inputs_, &read_, &spare_outputs_, &transformed_}) {
      queue->Abort();
    }
  }

  TablePlan& plan_;
  TableReader& reader_;
  TableWriter& writer_;
  BatchQueue spare_inputs_{kBatchesInFlight + 1};
  BatchQueue read_{kBatchesInFlight};
  BatchQueue spare_outputs_{kBatchesInFlight + 1};
  BatchQueue transformed_{kBatchesInFlight};
  std::mutex mutex_;
  Status failure_;
};

}  // namespace

Result<int64_t> RunTable(TablePlan& plan, TableReader& reader, TableWriter& writer,
                         const RowsDone& on_batch, int threads) {
  if (threads >= 2) return TablePipeline(plan, reader, writer).Run(on_batch);
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
