// LeakPrefixGroups: the literals (normalised patterns) of a leak scanner grouped by their
// prefix, the first kPrefixBytes bytes (all of a shorter literal), and within a prefix by
// length, each (prefix, length) group summarised by a LeakShapeFilter. What
// LeakPrefixMatcher compiles and checks candidates against.
//
// Built in parts, one per build thread over consecutive pattern ranges, then merged in
// pattern order and coarsened. Not thread-safe; parts are independent.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "verify/leak/dense_ids.h"
#include "verify/leak/shape_filter.h"

namespace veil {

class LeakPrefixGroups {
 public:
  static constexpr size_t kPrefixBytes = 4;
  static constexpr size_t kCoarsenAt = 8;
  static constexpr size_t kMaxPrefixes = 8192;

  struct Prefix {
    const char* text;  // the first literal with this prefix (kept alive by the caller)
    uint32_t size;     // 1 to kPrefixBytes
    uint32_t pattern;  // that literal's pattern index
  };
  // One (prefix, length) group.
  struct Group {
    uint32_t prefix;  // index into prefixes()
    LeakShapeFilter filter;
  };

  LeakPrefixGroups();

  // Adds literal text[0, size) (size > 0) of pattern `pattern`.
  void Add(const char* text, uint32_t size, uint32_t pattern);
  // Starts loading what Add(text, size, ...) will touch, if its prefix is known.
  void Prefetch(const char* text, uint32_t size) const;
  // Adds the groups of `later`, whose patterns all come after those added here.
  void Merge(const LeakPrefixGroups& later);
  // Shortens prefixes by their last byte, merging their groups, so that Hyperscan gets
  // few enough of them: its compile time grows with their number (about 50 us each for
  // random letters), and steeply for dense sets (the 9,000 four-digit prefixes of a
  // column of ids take ~0.6 s, their 900 three-digit stems ~0.02 s). First every
  // 4-byte prefix whose 3-byte stem begins at least kCoarsenAt prefixes (the stem matches
  // little more text than they do together); then, while there are more than
  // `max_prefixes`, the stems with the most extensions first, 4 bytes to 3, then 3 to 2,
  // then 2 to 1. Shorter prefixes only cost scan time (more candidates to reject).
  void Coarsen(size_t max_prefixes);
  const std::vector<Prefix>& prefixes() const { return prefixes_; }
  // Every group, by prefix index then ascending length.
  std::vector<Group> SortedGroups() const;

 private:
  // A slot of the group table: the group's key ((prefix << 32) | length, 0 if empty) and
  // its filter, side by side so that adding a literal touches one cache line.
  struct Slot {
    uint64_t key = 0;
    LeakShapeFilter filter{0};
  };
  // Shortens the `size`-byte prefixes of the stems chosen by ChooseStems (see Coarsen).
  void CoarsenSize(uint32_t size, size_t max_prefixes);
  // The slot of `key`, claimed for it (with an empty filter) if it was empty.
  Slot& GroupSlot(uint64_t key);
  void GrowGroups();

  LeakDenseIds prefix_ids_;  // prefix bytes and size -> index into prefixes_
  std::vector<Prefix> prefixes_;
  std::vector<Slot> groups_;  // open addressing, a power of two long
  size_t group_count_ = 0;
};

}  // namespace veil
