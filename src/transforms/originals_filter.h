// OriginalsFilter: the original values that fakes must not reproduce, compared without
// regard to letter case.
//
// Holds a 64-bit hash of each case-folded value in a flat open-addressing table (8 bytes
// a distinct value, whatever its length). MayContain() has no false negatives; a false
// positive (two values with the same 64-bit hash, about n/2^64) only makes a fake be
// drawn again, so it can never let an original through. Not thread-safe for Add();
// MayContain() is safe to call concurrently once filling is done.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace veil {

class OriginalsFilter {
 public:
  void Add(std::string_view value);
  bool MayContain(std::string_view value) const;
  size_t size() const { return used_; }

 private:
  static uint64_t FoldedHash(std::string_view value);
  void Insert(uint64_t hash);
  void Grow();

  std::vector<uint64_t> slots_;  // 0 marks an empty slot
  size_t used_ = 0;
};

}  // namespace veil
