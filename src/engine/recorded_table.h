// A table read once and kept for a second pass: RecordingReader passes another reader's
// batches through and keeps copies while they fit in a byte budget; ReplayReader gives
// the kept batches again. The privacy stage reads a table to choose its generalisation
// and then writes it: a small table is replayed from memory instead of being read (and
// parsed) twice, a large one is read again from its source.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "io/source.h"

namespace veil {

class RecordingReader : public TableReader {
 public:
  RecordingReader(TableReader& inner, size_t budget_bytes) : inner_(inner), budget_(budget_bytes) {}

  const TableSchema& schema() const override { return inner_.schema(); }
  int64_t EstimatedRows() const override { return inner_.EstimatedRows(); }
  Result<bool> Next(Batch& batch) override;

  // The whole table, if it was read to the end within the budget.
  std::optional<std::vector<Batch>> TakeRecording();

 private:
  TableReader& inner_;
  size_t budget_;
  size_t used_ = 0;
  bool over_budget_ = false;
  bool finished_ = false;
  std::vector<Batch> batches_;
};

class ReplayReader : public TableReader {
 public:
  ReplayReader(TableSchema schema, std::shared_ptr<const std::vector<Batch>> batches)
      : schema_(std::move(schema)), batches_(std::move(batches)) {}

  const TableSchema& schema() const override { return schema_; }
  int64_t EstimatedRows() const override;
  Result<bool> Next(Batch& batch) override;

 private:
  TableSchema schema_;
  std::shared_ptr<const std::vector<Batch>> batches_;
  size_t next_ = 0;
};

}  // namespace veil
