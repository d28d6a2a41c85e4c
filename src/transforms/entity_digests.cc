#include "transforms/entity_digests.h"

#include <cstring>
#include <functional>
#include <string>

namespace veil {

const Digest& EntityDigests::Get(std::string_view value) {
  if (value.size() > kMaxCachedBytes) {
    uncached_ = prf_.Compute(value);
    return uncached_;
  }
  const uint64_t hash = std::hash<std::string_view>{}(value);
  Slot& slot = slots_[hash % slots_.size()];
  if (slot.length == value.size() && slot.hash == hash &&
      std::memcmp(slot.value, value.data(), value.size()) == 0) {
    return slot.digest;
  }
  slot.digest = prf_.Compute(value);
  slot.hash = hash;
  slot.length = static_cast<uint8_t>(value.size());
  std::memcpy(slot.value, value.data(), value.size());
  return slot.digest;
}

const std::vector<Digest>& EntityDigests::ForColumn(const Batch& batch, size_t column) {
  const Column& cells = batch.columns[column];
  if (memo_first_row_ == batch.first_row && memo_column_ == column && memo_rows_ == cells.size()) {
    return memo_;
  }
  memo_.resize(cells.size());
  for (size_t i = 0; i < cells.size(); ++i) {
    if (cells.IsNull(i) || cells.Text(i).empty()) {
      memo_[i] = Digest{};
    } else {
      memo_[i] = Get(cells.Text(i));
    }
  }
  memo_first_row_ = batch.first_row;
  memo_column_ = column;
  memo_rows_ = cells.size();
  return memo_;
}

Digest EntityDigests::Extend(const Digest& previous) const {
  std::string message = "more";
  message.append(reinterpret_cast<const char*>(previous.data()), previous.size());
  return prf_.Compute(message);
}

}  // namespace veil
