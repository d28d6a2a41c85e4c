// ClassTable: equivalence classes — groups of records that share one combination of
// quasi-identifier codes — with each class's size and, when a sensitive attribute is
// tracked, how many of its records hold each sensitive value.
//
// Regroup() turns the classes of one generalisation into those of a coarser one by
// mapping every code and merging classes whose codes become equal: the cost follows the
// number of classes, not of records. Class order is first-seen order of the input.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace veil {

struct SensitiveCount {
  int32_t value;  // the sensitive attribute's code
  int64_t records;
};

struct ClassTable {
  size_t width = 0;                  // codes per class (quasi-identifiers)
  std::vector<int32_t> keys;         // width codes per class
  std::vector<int64_t> sizes;        // records per class
  std::vector<uint32_t> hist_begin;  // classes + 1 offsets into hist; empty: no sensitive
  std::vector<SensitiveCount> hist;  // per class, sorted by value

  size_t Classes() const { return sizes.size(); }
  bool HasSensitive() const { return !hist_begin.empty(); }
  std::span<const int32_t> Key(size_t c) const { return {keys.data() + c * width, width}; }
  std::span<const SensitiveCount> Histogram(size_t c) const {
    return {hist.data() + hist_begin[c], hist.data() + hist_begin[c + 1]};
  }
};

// code_maps[d][code] is the new code of an old code in column d.
using CodeMaps = std::vector<std::vector<int32_t>>;

// `radices[d]` is the number of codes column d can have after mapping (or empty when
// unknown): it bounds the classes and lets keys be packed into one number.
ClassTable Regroup(const ClassTable& from, const CodeMaps& code_maps,
                   const std::vector<uint64_t>& radices = {});

// Builds classes from counted tuples of width + 1 codes whose last code is the
// sensitive value (with_sensitive) or of width codes (without).
ClassTable ClassesFromTuples(const std::vector<int32_t>& tuples, const std::vector<int64_t>& counts,
                             size_t width, bool with_sensitive);

}  // namespace veil
