#include "verify/leak/literal_table.h"

#include <algorithm>
#include <bit>
#include <utility>

namespace veil {
namespace {

// Inserts prefetch the slot of the entry this many places ahead.
constexpr size_t kPrefetchAhead = 16;

}  // namespace

LeakLiteralTable::LeakLiteralTable() : slots_(MakeLeakHugeArray<uint64_t>(1)) {
  slots_[0] = 0;
}

LeakLiteralTable::LeakLiteralTable(LeakHugeArray<Entry> entries, size_t count,
                                   std::vector<Arena> arenas)
    : LeakLiteralTable() {
  entries_ = std::move(entries);
  count_ = count;
  arenas_ = std::move(arenas);
}

void LeakLiteralTable::Index() {
  const std::span<const Entry> all = entries();
  const size_t count = static_cast<size_t>(
      std::count_if(all.begin(), all.end(), [](const Entry& e) { return e.size > 0; }));
  // At least 1.5 slots per entry keeps the load under 2/3 even if all texts differ.
  const size_t capacity = std::bit_ceil(std::max<size_t>(16, count + count / 2));
  slots_ = MakeLeakHugeArray<uint64_t>(capacity);
  std::fill_n(slots_.get(), capacity, 0);
  mask_ = capacity - 1;
  next_pattern_ = MakeLeakHugeArray<uint32_t>(std::max<size_t>(count_, 1));
  std::fill_n(next_pattern_.get(), count_, kNone);
  // Descending, so that each literal's chain of patterns comes out ascending.
  for (size_t k = count_; k-- > 0;) {
    if (k >= kPrefetchAhead) Prefetch(entries_[k - kPrefetchAhead].hash);
    if (entries_[k].size > 0) Insert(static_cast<uint32_t>(k));
  }
}

void LeakLiteralTable::Insert(uint32_t pattern) {
  const Entry& entry = entries_[pattern];
  const auto tag = static_cast<uint32_t>(entry.hash >> 32);
  const uint64_t mine = (static_cast<uint64_t>(tag) << 32) | (static_cast<uint64_t>(pattern) + 1);
  for (size_t i = entry.hash & mask_;; i = (i + 1) & mask_) {
    const uint64_t slot = slots_[i];
    if (slot == 0) {
      slots_[i] = mine;
      return;
    }
    if (static_cast<uint32_t>(slot >> 32) != tag) continue;
    const uint32_t head = static_cast<uint32_t>(slot) - 1;
    const Entry& other = entries_[head];
    if (other.size == entry.size && std::memcmp(other.text, entry.text, entry.size) == 0) {
      next_pattern_[pattern] = head;  // the same text: `pattern` becomes the literal's name
      slots_[i] = mine;
      return;
    }
  }
}

}  // namespace veil
