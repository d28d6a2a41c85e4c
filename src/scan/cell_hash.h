// CellHash: a fast 64-bit hash of a cell's bytes, for counting distinct values and finding
// a value's memo slot. It reads eight bytes at a time and mixes with 128-bit products
// (after wyhash); every bit of the result depends on every byte. Not for security: the
// distinct count of a column is a count of distinct hashes, and with 64 bits two of a
// million values share one with odds of about 1 in 30 million. Pure; safe from any thread.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace veil::scan {

namespace cell_hash_internal {

inline uint64_t Mix(uint64_t a, uint64_t b) {
  const unsigned __int128 product = static_cast<unsigned __int128>(a) * b;
  return static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64);
}

inline uint64_t Load(const char* p, size_t n) {  // n <= 8 bytes, little-endian order
  uint64_t word = 0;
  std::memcpy(&word, p, n);
  return word;
}

inline constexpr uint64_t kSeed0 = 0xa0761d6478bd642fULL;
inline constexpr uint64_t kSeed1 = 0xe7037ed1a0b428dbULL;
inline constexpr uint64_t kSeed2 = 0x8ebc6af09c88c6e3ULL;

}  // namespace cell_hash_internal

inline uint64_t CellHash(std::string_view bytes) {
  using namespace cell_hash_internal;
  const char* p = bytes.data();
  size_t n = bytes.size();
  uint64_t h = kSeed0 ^ Mix(n ^ kSeed1, kSeed2);
  for (; n > 16; n -= 16, p += 16) {
    h = Mix(Load(p, 8) ^ kSeed1, Load(p + 8, 8) ^ h);
  }
  const uint64_t a = n > 8 ? Load(p, 8) : Load(p, n);
  const uint64_t b = n > 8 ? Load(p + 8, n - 8) : 0;
  return Mix(Mix(a ^ kSeed1, b ^ h) ^ kSeed2, h ^ kSeed0);
}

}  // namespace veil::scan
