#include "scan/value_profile.h"

#include <bit>
#include <cctype>
#include <cstring>
#include <functional>
#include <utility>

#include "core/text_normalise.h"
#include "scan/cell_hash.h"
#include "scan/value_kinds.h"

namespace veil::scan {

void ValueProfile::DistinctHashes::Grow() {
  std::vector<uint64_t> old(std::max<size_t>(1024, 2 * slots_.size()), 0);
  old.swap(slots_);
  const size_t mask = slots_.size() - 1;
  for (uint64_t h : old) {
    if (h == 0) continue;
    size_t i = h & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = h;
  }
}

void ValueProfile::DistinctHashes::Flush() {
  if (waiting_ == 0) return;
  if (2 * (used_ + waiting_) > slots_.size()) Grow();  // at most half full
  const size_t mask = slots_.size() - 1;
  for (size_t w = 0; w < waiting_; ++w) __builtin_prefetch(&slots_[pending_[w] & mask]);
  for (size_t w = 0; w < waiting_; ++w) {
    const uint64_t hash = pending_[w];
    if (used_ + (has_zero_ ? 1 : 0) >= limit_) break;
    if (hash == 0) {
      has_zero_ = true;
      continue;
    }
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      if (slots_[i] == hash) break;
      if (slots_[i] == 0) {
        slots_[i] = hash;
        ++used_;
        break;
      }
    }
  }
  waiting_ = 0;
  full_ = used_ + (has_zero_ ? 1 : 0) >= limit_;
}

ValueProfile::ValueProfile(const ReferenceSets& references)
    : references_(references), kind_matches_(ValueKinds().size(), 0) {}

void ValueProfile::Add(std::string_view raw) {
  ++values_;
  max_length_ = std::max(max_length_, raw.size());
  const uint64_t hash = CellHash(raw);
  distinct_.Add(hash);
  if (raw.size() > kMaxMemoLength || !UseMemo()) {
    Count(ExamineCell(raw, references_));
    Track(raw, TrimLeakSpace(raw));
    return;
  }
  // A short value seen before has the same facts: they are counted again, not found again.
  if (memo_.empty()) memo_.resize(kMemoSlots);
  MemoSlot& slot = memo_[(hash >> 7) & (memo_.size() - 1)];
  if (slot.hash != hash || slot.length != raw.size() ||
      std::memcmp(slot.bytes, raw.data(), raw.size()) != 0) {
    ++memo_misses_;
    slot.hash = hash;
    slot.length = static_cast<uint32_t>(raw.size());
    std::memcpy(slot.bytes, raw.data(), raw.size());
    slot.facts = ExamineCell(raw, references_);
    slot.tracked = Track(raw, TrimLeakSpace(raw));
  } else if (slot.tracked != nullptr && !too_many_tracked_) {
    ++*slot.tracked;
  } else {
    slot.tracked = Track(raw, TrimLeakSpace(raw));
  }
  Count(slot.facts);
}

bool ValueProfile::UseMemo() {
  if (--window_left_ == 0) AdaptMemo();
  return resting_windows_ == 0;
}

void ValueProfile::AdaptMemo() {
  window_left_ = kMemoWindow;
  const size_t misses = std::exchange(memo_misses_, 0);
  if (resting_windows_ > 0) {
    --resting_windows_;
    return;
  }
  if (misses < kMemoWindow / 8) return;
  // Values seen twice on average, few enough to fit twice over in kMaxMemoSlots.
  const size_t distinct = distinct_.size();
  if (2 * distinct > static_cast<size_t>(values_) || 2 * distinct > kMaxMemoSlots ||
      memo_.size() >= kMaxMemoSlots) {
    // Too many values to remember: when nearly every one missed, the memo rests.
    if (misses > kMemoWindow - kMemoWindow / 64) resting_windows_ = kMemoRestWindows;
    return;
  }
  size_t slots = memo_.size();
  while (slots < 2 * distinct) slots *= 2;
  if (slots > memo_.size()) memo_.assign(slots, MemoSlot{});
}

void ValueProfile::Count(const CellFacts& facts) {
  for (uint32_t bits = facts.kinds; bits != 0; bits &= bits - 1) {
    ++kind_matches_[static_cast<size_t>(std::countr_zero(bits))];
  }
  known_outward_ += facts.known_outward;
  dates_ += facts.date;
  integers_ += facts.integer;
  numbers_ += facts.number;
  json_ += facts.json;
  broken_json_ += facts.broken_json;
  first_names_ += facts.first_name;
  last_names_ += facts.last_name;
  full_names_ += facts.full_name;
  words_ += facts.words;
  multi_word_ += facts.words >= 2;
}

int64_t* ValueProfile::Track(std::string_view raw, std::string_view text) {
  if (too_many_tracked_) return nullptr;
  if (raw.size() > kMaxTrackedLength) {
    too_many_tracked_ = true;
    return nullptr;
  }
  if (const auto it = tracked_.find(text); it != tracked_.end()) {
    ++it->second;
    return &it->second;
  }
  if (tracked_.size() < kMaxTrackedValues) {
    return &tracked_.emplace(std::string(text), 1).first->second;
  }
  too_many_tracked_ = true;
  return nullptr;
}

double ValueProfile::mean_words() const {
  return values_ == 0 ? 0.0 : static_cast<double>(words_) / static_cast<double>(values_);
}

ValueProfile::CodeListMatch ValueProfile::BestCodeList() const {
  CodeListMatch best;
  if (too_many_tracked_ || tracked_.empty()) return best;
  for (const CodeListSet& list : references_.code_lists) {
    CodeListMatch match{&list, 0, 0, false};
    for (const auto& [value, count] : tracked_) {
      if (!list.codes.count(value)) continue;
      match.matching += count;
      ++match.distinct_matching;
      for (char c : value) match.has_letter |= std::isalpha(static_cast<unsigned char>(c)) != 0;
    }
    const bool better =
        best.list == nullptr || match.matching > best.matching ||
        (match.matching == best.matching && (match.distinct_matching > best.distinct_matching ||
                                             (match.distinct_matching == best.distinct_matching &&
                                              list.codes.size() < best.list->codes.size())));
    if (match.matching > 0 && better) best = match;
  }
  return best;
}

}  // namespace veil::scan
