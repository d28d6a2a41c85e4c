// EntityDigests: the keyed digest HMAC(K_entity, value) of an entity's identifiers,
// memoised, shared by the rules of one table that use the same entity.
//
// One digest per identifier serves every rule of that entity: words 0-2 make its
// pseudonym and word 3 its date-shift offset, so pseudonymising a child's id and
// shifting three of their dates costs one HMAC, not four. The pseudonym never uses
// word 3, so a pseudonym reveals nothing about its owner's date shift.
// Two memos, which never change a result, only how often it is computed: the digests of
// the last batch's key column by row (rules of one table read the same key column of
// the same batch), and a direct-mapped cache of recent identifiers (up to
// kMaxCachedBytes, one 64-byte cache line a slot) for ids that recur across batches.
// Not thread-safe: one per table.
#pragma once

#include <string_view>
#include <vector>

#include "core/batch.h"
#include "core/keyed_prf.h"

namespace veil {

class EntityDigests {
 public:
  static constexpr size_t kMaxCachedBytes = 23;
  static constexpr size_t kPseudonymWords = 3;    // words 0..2
  static constexpr size_t kShiftWordOffset = 24;  // word 3, in bytes

  explicit EntityDigests(KeyedPrf prf, size_t slots = 8192) : prf_(std::move(prf)), slots_(slots) {}

  // HMAC(K_entity, value).
  const Digest& Get(std::string_view value);
  // The digest of every row of `batch.columns[column]` (empty cells get an all-zero
  // digest, which callers must not use). Valid until the next call.
  const std::vector<Digest>& ForColumn(const Batch& batch, size_t column);
  // Drops the by-row memo, for a caller that reuses one batch position with other cells
  // (the json rule puts each path's values in the same column of the same rows).
  void ForgetRows() { memo_first_row_ = -1; }
  // A further digest for long pseudonyms: HMAC(K_entity, "more" || previous).
  Digest Extend(const Digest& previous) const;

 private:
  struct alignas(64) Slot {
    uint64_t hash = 0;
    uint8_t length = 0xff;  // 0xff: empty
    char value[kMaxCachedBytes];
    Digest digest;
  };
  static_assert(sizeof(Slot) == 64);

  KeyedPrf prf_;
  std::vector<Slot> slots_;
  Digest uncached_;
  // The by-row memo: which batch and column it holds.
  int64_t memo_first_row_ = -1;
  size_t memo_column_ = 0;
  size_t memo_rows_ = 0;
  std::vector<Digest> memo_;
};

}  // namespace veil
