#include "verify/checks/column_statistics.h"

#include <algorithm>
#include <functional>
#include <string_view>

namespace veil {
namespace {

// Hashes every non-NULL cell of `batch` into `hashes[column]`; sorts out duplicates when
// a column's list grows large, to bound memory by distinct values.
void HashCells(const Batch& batch, std::vector<std::vector<uint64_t>>& hashes) {
  hashes.resize(batch.columns.size());
  const std::hash<std::string_view> hash;
  for (size_t c = 0; c < batch.columns.size(); ++c) {
    const Column& column = batch.columns[c];
    auto& out = hashes[c];
    for (size_t i = 0; i < column.size(); ++i) {
      if (!column.IsNull(i)) out.push_back(hash(column.Text(i)));
    }
    if (out.size() > (1u << 22) && out.size() > 2 * out.capacity() / 3) {
      std::sort(out.begin(), out.end());
      out.erase(std::unique(out.begin(), out.end()), out.end());
    }
  }
}

int64_t Distinct(std::vector<uint64_t>& hashes) {
  std::sort(hashes.begin(), hashes.end());
  return std::unique(hashes.begin(), hashes.end()) - hashes.begin();
}

}  // namespace

Status DistinctCounter::OnOriginal(const VerifiedTable& /*table*/, const Batch& batch) {
  HashCells(batch, before_);
  return Status::Ok();
}

Status DistinctCounter::OnCopy(const VerifiedTable& /*table*/, const Batch& batch) {
  HashCells(batch, after_);
  return Status::Ok();
}

void DistinctCounter::OnTableEnd(const VerifiedTable& table, int64_t /*original_rows*/,
                                 int64_t /*copy_rows*/) {
  for (size_t c = 0; c < table.columns.size(); ++c) {
    DistinctCounts& counts = counts_[{table.id, c}];
    counts.before = c < before_.size() ? Distinct(before_[c]) : 0;
    const int index = table.columns[c].copy_index;
    if (index < 0) continue;
    const auto i = static_cast<size_t>(index);
    counts.after = i < after_.size() ? Distinct(after_[i]) : 0;
  }
  before_.clear();
  after_.clear();
}

DistinctCounts DistinctCounter::Counts(size_t table, size_t column) const {
  const auto it = counts_.find({table, column});
  return it == counts_.end() ? DistinctCounts{} : it->second;
}

}  // namespace veil
