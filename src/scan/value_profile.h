// ValueProfile: what the sampled cells of one column look like, as counts only: how many
// were empty, matched each value kind, parsed as dates, numbers or JSON, were names from
// the bundled lists, how long and how many words they were, and how many were distinct.
// It keeps no cell beyond the short, frequent ones it needs to compare with the code
// lists (at most kMaxTrackedValues of at most kMaxTrackedLength bytes) and the last
// short values it examined (a memo of kMemoSlots values of at most kMaxMemoLength bytes,
// so a repeated value is examined once: the counts are still of every cell; it grows to
// up to kMaxMemoSlots for a column of a few thousand values that it keeps missing), and those
// never leave the scan module. Not thread-safe; one profile per column. Movable, not
// copyable (the memo points into the tracked values).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "scan/cell_facts.h"
#include "scan/reference_sets.h"

namespace veil::scan {

class alignas(64) ValueProfile {
 public:
  static constexpr size_t kMaxTrackedValues = 512;
  static constexpr size_t kMaxTrackedLength = 64;
  static constexpr size_t kMaxDistinct = 100000;  // distinct counting stops here
  static constexpr size_t kMemoSlots = 512;
  static constexpr size_t kMaxMemoSlots = 16384;
  static constexpr size_t kMemoWindow = 4096;     // values between looks at the memo's size
  static constexpr size_t kMemoRestWindows = 15;  // windows a memo that found nothing rests
  static constexpr size_t kMaxMemoLength = 48;

  explicit ValueProfile(const ReferenceSets& references);
  ValueProfile(const ValueProfile&) = delete;
  ValueProfile& operator=(const ValueProfile&) = delete;
  ValueProfile(ValueProfile&&) noexcept = default;
  ValueProfile& operator=(ValueProfile&&) = delete;

  void AddEmpty() { ++empty_; }
  // Counts one value that is not text (a BLOB): it holds a value but no shape.
  void AddOpaque() {
    ++values_;
    ++opaque_;
    too_many_tracked_ = true;
  }
  // Counts one non-empty cell (its text as stored, surrounding spaces included).
  void Add(std::string_view text);

  int64_t empty() const { return empty_; }
  int64_t values() const { return values_; }
  // How many values matched ValueKinds()[k].
  int64_t kind_matches(size_t k) const { return kind_matches_[k]; }
  int64_t dates() const { return dates_; }
  int64_t integers() const { return integers_; }
  int64_t numbers() const { return numbers_; }  // integers included
  int64_t json_documents() const { return json_; }
  // Values that open like JSON ('{' or '[') but do not parse (or exceed the parse limit).
  int64_t broken_json() const { return broken_json_; }
  int64_t opaque() const { return opaque_; }                      // BLOBs
  int64_t known_outward_codes() const { return known_outward_; }  // of matching postcodes
  int64_t first_names() const { return first_names_; }            // one word, a listed first name
  int64_t last_names() const { return last_names_; }              // one word, a listed surname
  int64_t full_names() const { return full_names_; }              // 2-4 words: first ... surname
  int64_t multi_word() const { return multi_word_; }
  size_t max_length() const { return max_length_; }
  double mean_words() const;
  // Distinct values (exact up to kMaxDistinct, which it then reports).
  size_t distinct() const { return distinct_.size(); }
  bool distinct_capped() const { return distinct() >= kMaxDistinct; }

  struct CodeListMatch {
    const CodeListSet* list = nullptr;  // null: no list matches
    int64_t matching = 0;               // values found in the list
    size_t distinct_matching = 0;
    bool has_letter = false;  // some matching code holds a letter (not just a number)
  };
  // The code list holding the most sampled values (ties: more distinct codes matched,
  // then the shorter list), or none when the column has too many distinct values.
  CodeListMatch BestCodeList() const;

 private:
  // The 64-bit hashes of distinct values, at most `limit`, in a flat open-addressing
  // table (0: empty). Hashes wait in a short queue so that their slots are fetched from
  // memory together; size() inserts the waiting ones first, in order.
  class DistinctHashes {
   public:
    explicit DistinctHashes(size_t limit) : limit_(limit) {}
    void Add(uint64_t hash) {
      if (full_) return;
      pending_[waiting_++] = hash;
      if (waiting_ == pending_.size()) Flush();
    }
    size_t size() {
      Flush();
      return used_ + (has_zero_ ? 1 : 0);
    }

   private:
    void Flush();
    void Grow();

    size_t limit_;
    std::vector<uint64_t> slots_;
    size_t used_ = 0;
    bool has_zero_ = false;
    bool full_ = false;  // at the limit: hashes are no longer queued
    std::array<uint64_t, 32> pending_{};
    size_t waiting_ = 0;
  };
  struct MemoSlot {
    uint64_t hash = 0;
    uint32_t length = 0;  // 0: empty (a value is never empty)
    char bytes[kMaxMemoLength];
    CellFacts facts;
    int64_t* tracked = nullptr;  // its count among tracked_, if it is tracked
  };

  void Count(const CellFacts& facts);
  // Whether this short value is looked up in the memo; counts the window's values.
  bool UseMemo();
  // Called every kMemoWindow short values: grows the memo (emptied) when it missed often
  // in the window and the column's values so far, repeated, would fit in a larger one;
  // rests it (values examined without it) for kMemoRestWindows when it missed nearly all
  // and cannot grow.
  void AdaptMemo();
  // Counts `raw` (trimmed: `text`) among the short values compared with the code lists;
  // its counter, or null when it is not tracked.
  int64_t* Track(std::string_view raw, std::string_view text);

  const ReferenceSets& references_;
  int64_t empty_ = 0;
  int64_t values_ = 0;
  std::vector<int64_t> kind_matches_;
  int64_t dates_ = 0;
  int64_t integers_ = 0;
  int64_t numbers_ = 0;
  int64_t json_ = 0;
  int64_t broken_json_ = 0;
  int64_t opaque_ = 0;
  int64_t known_outward_ = 0;
  int64_t first_names_ = 0;
  int64_t last_names_ = 0;
  int64_t full_names_ = 0;
  int64_t multi_word_ = 0;
  int64_t words_ = 0;
  size_t max_length_ = 0;
  mutable DistinctHashes distinct_{kMaxDistinct};  // mutable: reading it inserts the queue
  std::vector<MemoSlot> memo_;                     // allocated by the first Add
  size_t memo_misses_ = 0;                         // in the current window
  size_t window_left_ = kMemoWindow;
  size_t resting_windows_ = 0;
  std::unordered_map<std::string, int64_t, TextHash, std::equal_to<>> tracked_;
  bool too_many_tracked_ = false;
};

}  // namespace veil::scan
