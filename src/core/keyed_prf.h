// KeyedPrf: HMAC-SHA-256 under a fixed 256-bit key (OpenSSL libcrypto).
//
// Every random choice veil makes comes from a KeyedPrf, never from a clock or an
// unseeded generator, so a run with a fixed secret is a pure function of its input.
// Sub-keys for different purposes are derived with Derive(purpose), which gives
// independent PRFs (domain separation). The key is never printed.
// Compute() is const and thread-safe; the object is movable, not copyable (Clone()).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string_view>

namespace veil {

using Digest = std::array<uint8_t, 32>;

class KeyedPrf {
 public:
  explicit KeyedPrf(const Digest& key);
  ~KeyedPrf();
  KeyedPrf(KeyedPrf&&) noexcept;
  KeyedPrf& operator=(KeyedPrf&&) noexcept;
  KeyedPrf(const KeyedPrf&) = delete;
  KeyedPrf& operator=(const KeyedPrf&) = delete;

  // A PRF keyed with HMAC(key, "veil/" + purpose): independent of this one and of any
  // other purpose.
  KeyedPrf Derive(std::string_view purpose) const;
  KeyedPrf Clone() const;

  // HMAC-SHA-256(key, message).
  Digest Compute(std::string_view message) const;
  // The first 8 bytes of Compute(message), little-endian.
  uint64_t TEST_Compute64(std::string_view message) const;

  const Digest& key() const { return key_; }

 private:
  struct State;
  Digest key_;
  std::unique_ptr<State> state_;
};

// Maps 64 random bits to [0, n) with negligible bias (n > 0), by 128-bit multiplication.
inline uint64_t UniformBelow(uint64_t random, uint64_t n) {
  return static_cast<uint64_t>((static_cast<unsigned __int128>(random) * n) >> 64);
}

// Reads 8 bytes of a digest at `offset` (0, 8, 16 or 24) as a little-endian integer.
inline uint64_t DigestWord(const Digest& d, size_t offset) {
  uint64_t v = 0;
  for (size_t i = 0; i < 8; ++i) v |= static_cast<uint64_t>(d[offset + i]) << (8 * i);
  return v;
}

}  // namespace veil
