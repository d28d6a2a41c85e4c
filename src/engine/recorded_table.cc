#include "engine/recorded_table.h"

namespace veil {

Result<bool> RecordingReader::Next(Batch& batch) {
  VEIL_ASSIGN_OR_RETURN(const bool more, inner_.Next(batch));
  if (!more) {
    finished_ = true;
    return false;
  }
  if (over_budget_) return true;
  size_t bytes = 0;
  for (const Column& column : batch.columns) bytes += column.byte_size() + column.size() * 5;
  if (used_ + bytes > budget_) {
    over_budget_ = true;
    batches_.clear();
    batches_.shrink_to_fit();
    return true;
  }
  used_ += bytes;
  batches_.push_back(batch);
  return true;
}

std::optional<std::vector<Batch>> RecordingReader::TakeRecording() {
  if (!finished_ || over_budget_) return std::nullopt;
  return std::move(batches_);
}

int64_t ReplayReader::EstimatedRows() const {
  int64_t rows = 0;
  for (const Batch& batch : *batches_) rows += static_cast<int64_t>(batch.rows());
  return rows;
}

Result<bool> ReplayReader::Next(Batch& batch) {
  if (next_ >= batches_->size()) {
    batch.Reset(batch.columns.size());
    return false;
  }
  batch = (*batches_)[next_++];
  return true;
}

}  // namespace veil
