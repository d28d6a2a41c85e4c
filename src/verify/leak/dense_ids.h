// LeakDenseIds: numbers distinct non-zero 64-bit keys 0, 1, 2... in order of first
// appearance. A growing open-addressing table, for the leak scanner's small build-time
// groupings (thousands to a few hundred thousand keys). Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "verify/leak/hash.h"

namespace veil {

class LeakDenseIds {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  LeakDenseIds() : keys_(1024, 0), ids_(1024) {}

  // The id of `key`, or kNone if it has none.
  uint32_t Find(uint64_t key) const {
    const size_t mask = keys_.size() - 1;
    for (size_t i = Spread(key) & mask;; i = (i + 1) & mask) {
      if (keys_[i] == key) return ids_[i];
      if (keys_[i] == 0) return kNone;
    }
  }

  // The id of `key` (non-zero), a new one if it is new; `added` says which.
  uint32_t Get(uint64_t key, bool& added) {
    const size_t mask = keys_.size() - 1;
    for (size_t i = Spread(key) & mask;; i = (i + 1) & mask) {
      if (keys_[i] == key) {
        added = false;
        return ids_[i];
      }
      if (keys_[i] != 0) continue;
      added = true;
      keys_[i] = key;
      ids_[i] = static_cast<uint32_t>(count_++);
      if (2 * count_ > keys_.size()) Grow();
      return static_cast<uint32_t>(count_ - 1);
    }
  }
  size_t size() const { return count_; }

 private:
  static uint64_t Spread(uint64_t key) {
    return leak_hash_detail::Fold(key, leak_hash_detail::kStep);
  }
  void Grow() {
    std::vector<uint64_t> keys(2 * keys_.size(), 0);
    std::vector<uint32_t> ids(keys.size());
    const size_t mask = keys.size() - 1;
    for (size_t k = 0; k < keys_.size(); ++k) {
      if (keys_[k] == 0) continue;
      size_t i = Spread(keys_[k]) & mask;
      while (keys[i] != 0) i = (i + 1) & mask;
      keys[i] = keys_[k];
      ids[i] = ids_[k];
    }
    keys_.swap(keys);
    ids_.swap(ids);
  }

  std::vector<uint64_t> keys_;  // 0 = empty
  std::vector<uint32_t> ids_;
  size_t count_ = 0;
};

}  // namespace veil
