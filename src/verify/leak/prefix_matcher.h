// LeakPrefixMatcher: the Hyperscan stage of the leak scanner. Finds, in a LeakTextBatch,
// every occurrence of a literal of a LeakLiteralTable that starts and ends at a token
// boundary.
//
// Hyperscan's compile time grows with the number of distinct literals it is given (tens
// of microseconds each, more for long ones), so it gets only the prefixes of
// LeakPrefixGroups (at most 4 bytes of each literal, fewer where coarsened): millions of
// values share a few thousand prefixes. For every prefix the matcher keeps the distinct
// lengths of the literals that start with it, each with a LeakShapeFilter. A prefix match
// is then confirmed in steps, cheapest first: the byte before it must not be a letter or
// digit (when the prefix starts with one); for each length, the occurrence must fit in
// its cell, end at a token boundary and pass the length's shape filter; then the hash of
// those bytes must find the literal in the table, which compares the bytes.
//
// Token boundary: see verify/leak/scanner.h. Thread safety: immutable once built; each
// thread scans with its own Scratch.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "veil/status.h"
#include "verify/leak/literal_table.h"
#include "verify/leak/prefix_groups.h"
#include "verify/leak/shape_filter.h"
#include "verify/leak/text_batch.h"

struct hs_database;
struct hs_scratch;

namespace veil {

// A literal found in the cell of row `row`.
struct LeakFound {
  uint32_t row;
  uint32_t literal;
};

class LeakPrefixMatcher {
 public:
  static constexpr size_t kPrefixBytes = LeakPrefixGroups::kPrefixBytes;

  // Hyperscan scratch space for one thread.
  class Scratch {
   public:
    Scratch() = default;

   private:
    friend class LeakPrefixMatcher;
    struct Deleter {
      void operator()(hs_scratch* scratch) const;
    };
    std::unique_ptr<hs_scratch, Deleter> scratch_;
  };

  // Compiles the prefixes of `groups`, literals of `table`. Does not read `table` (it may
  // be indexed meanwhile on another thread), which must outlive the matcher and be
  // indexed before the first Find.
  // Errors: kInternal if Hyperscan refuses (the message names a pattern index, never text).
  static Result<std::unique_ptr<const LeakPrefixMatcher>> Build(const LeakPrefixGroups& groups,
                                                                const LeakLiteralTable& table);
  ~LeakPrefixMatcher();

  // Number of distinct prefixes compiled.
  size_t prefix_count() const { return prefix_info_.size(); }

  Result<Scratch> NewScratch() const;

  // Appends to `found` a (row, literal) for every occurrence in `batch` (repeats
  // included, in no particular order). Candidate occurrences are confirmed in a short
  // pipeline: each one's table slot is prefetched, and it is looked up a few candidates
  // later, so that the table's cache misses overlap.
  void Find(const LeakTextBatch& batch, Scratch& scratch, std::vector<LeakFound>& found) const;

 private:
  struct Context;
  struct Candidate;
  static int OnPrefix(unsigned int id, unsigned long long from, unsigned long long to,
                      unsigned int flags, void* context);
  explicit LeakPrefixMatcher(const LeakLiteralTable& table) : table_(table) {}

  // prefix_info_[p]: the prefix's size in the low bits, kCheckBefore if its first byte
  // is a letter or digit. The literals starting with prefix p are summarised by length,
  // ascending, in filters_[length_first_[p] .. length_first_[p + 1]).
  static constexpr uint8_t kSizeMask = 0x0F;
  static constexpr uint8_t kCheckBefore = 0x10;
  const LeakLiteralTable& table_;
  std::vector<uint8_t> prefix_info_;
  std::vector<uint32_t> length_first_;
  std::vector<LeakShapeFilter> filters_;
  struct DatabaseDeleter {
    void operator()(hs_database* database) const;
  };
  std::unique_ptr<hs_database, DatabaseDeleter> database_;
};

}  // namespace veil
