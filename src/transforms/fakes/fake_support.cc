#include "transforms/fakes/fake_support.h"

#include <openssl/evp.h>

#include <algorithm>
#include <stdexcept>

namespace veil {

void FakeRandom::Refill() {
  unsigned int length = 0;
  Digest next;
  if (EVP_Digest(block_.data(), block_.size(), next.data(), &length, EVP_sha256(), nullptr) != 1 ||
      length != next.size()) {
    throw std::runtime_error("libcrypto failure in EVP_Digest");
  }
  block_ = next;
  next_ = 0;
}

Result<WeightedIndex> WeightedIndex::Make(const std::vector<uint64_t>& weights) {
  constexpr uint64_t kLimit = uint64_t{1} << 63;
  WeightedIndex index;
  uint64_t total = 0;
  for (uint64_t w : weights) {
    if (w >= kLimit - total) return InternalError("fake weights overflow");
    total += w;
    index.cumulative_.push_back(total);
  }
  if (total == 0) return InternalError("fake weights are empty or all zero");
  return index;
}

size_t WeightedIndex::Pick(FakeRandom& random) const {
  const uint64_t target = random.Below(cumulative_.back());
  // The first entry whose running total exceeds the target owns it.
  const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), target);
  return static_cast<size_t>(it - cumulative_.begin());
}

void AppendDigits(uint64_t value, int width, std::string& out) {
  char digits[20];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  for (int i = n; i < width; ++i) out.push_back('0');
  while (n > 0) out.push_back(digits[--n]);
}

}  // namespace veil
