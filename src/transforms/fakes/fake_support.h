// Building blocks shared by the built-in fake kinds (internal to src/transforms/fakes).
//
// FakeRandom turns the 32 random bytes of one fake into an unlimited, deterministic
// sequence of uniform choices. WeightedIndex picks an index with probability proportional
// to its weight. FakeKindBase holds a kind's name and length bound. All of them are pure
// functions of their inputs; none allocates per value.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/keyed_prf.h"
#include "transforms/fakes/fake_kind.h"
#include "veil/status.h"

namespace veil {

class FakeRandom {
 public:
  explicit FakeRandom(const Digest& random) : block_(random) {}

  // A uniform integer in [0, n) for n > 0. Each call uses 64 fresh random bits; after the
  // four words of the digest are spent, the digest is rehashed with SHA-256.
  uint64_t Below(uint64_t n) {
    if (next_ == 4) Refill();
    return UniformBelow(DigestWord(block_, 8 * next_++), n);
  }

 private:
  void Refill();

  Digest block_;
  size_t next_ = 0;
};

class WeightedIndex {
 public:
  WeightedIndex() = default;
  // Fails unless there is at least one weight, the total is positive and fits in 63 bits.
  static Result<WeightedIndex> Make(const std::vector<uint64_t>& weights);

  // An index in [0, size()), drawn with probability weight / total.
  size_t Pick(FakeRandom& random) const;
  size_t size() const { return cumulative_.size(); }

 private:
  std::vector<uint64_t> cumulative_;  // cumulative_[i] = weights[0] + ... + weights[i]
};

// Appends `value` in decimal, left-padded with zeros to `width` digits.
void AppendDigits(uint64_t value, int width, std::string& out);

// The length of the longest string in `values` (any range of strings or string views).
template <typename Range>
size_t LongestOf(const Range& values) {
  size_t longest = 0;
  for (const auto& v : values) longest = std::max(longest, std::string_view(v).size());
  return longest;
}

// A fake kind with a fixed name and length bound; subclasses implement Generate.
class FakeKindBase : public FakeKind {
 public:
  FakeKindBase(std::string_view name, size_t max_length) : name_(name), max_length_(max_length) {}
  std::string_view name() const override { return name_; }
  size_t TEST_MaxLength() const override { return max_length_; }

 private:
  std::string_view name_;  // always a string literal
  size_t max_length_;
};

}  // namespace veil
