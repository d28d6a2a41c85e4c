#include "transforms/pseudonym_tracker.h"

#include <fmt/format.h>

namespace veil {
namespace {

uint64_t Mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  return x;
}

}  // namespace

Status PseudonymTracker::Record(const std::vector<Entry>& entries) {
  std::lock_guard lock(mutex_);
  // The table is far larger than the CPU caches; fetching slots a few entries ahead
  // hides most of the memory latency.
  constexpr size_t kLookahead = 12;
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i + kLookahead < entries.size() && !slots_.empty()) {
      __builtin_prefetch(&slots_[Mix(entries[i + kLookahead].pseudonym) & (slots_.size() - 1)]);
    }
    Entry entry = entries[i];
    if (!exhaustive_) return Status::Ok();
    if (used_ >= kExactLimit && space_bits_ >= kSafeSpaceBits) {
      exhaustive_ = false;
      slots_.clear();
      slots_.shrink_to_fit();
      return Status::Ok();
    }
    if (entry.pseudonym == 0) entry.pseudonym = 1;
    if (!Insert(entry)) {
      return ConflictError(
          fmt::format("two different values of entity '{}' received the same pseudonym; make the "
                      "pseudonym longer or its alphabet larger ({} distinct values so far)",
                      entity_, used_));
    }
  }
  return Status::Ok();
}

bool PseudonymTracker::Insert(Entry entry) {
  if ((used_ + 1) * 2 > slots_.size()) Grow();
  const size_t mask = slots_.size() - 1;
  for (size_t i = Mix(entry.pseudonym) & mask;; i = (i + 1) & mask) {
    Entry& slot = slots_[i];
    if (slot.pseudonym == 0) {
      slot = entry;
      ++used_;
      return true;
    }
    if (slot.pseudonym == entry.pseudonym) return slot.original == entry.original;
  }
}

void PseudonymTracker::Grow() {
  std::vector<Entry> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, Entry{});
  used_ = 0;
  for (const Entry& e : old) {
    if (e.pseudonym != 0) Insert(e);
  }
}

bool PseudonymTracker::exhaustive() const {
  std::lock_guard lock(mutex_);
  return exhaustive_;
}

size_t PseudonymTracker::distinct() const {
  std::lock_guard lock(mutex_);
  return used_;
}

}  // namespace veil
