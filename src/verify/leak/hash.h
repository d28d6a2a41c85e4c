// LeakHash: the 64-bit hash of a byte string used by the leak scanner's exact-confirm
// table (verify/leak/literal_table.h), computed once per pattern at build time and once
// per candidate occurrence at scan time, so it must be fast on short strings.
//
// Not cryptographic and not seeded: equal bytes give equal hashes across runs and
// threads; different bytes rarely collide, and a collision only costs the table a byte
// comparison. The low bits pick a table slot and the high 32 bits serve as a tag, so
// both halves are mixed from every input byte.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace veil {
namespace leak_hash_detail {

constexpr uint64_t kSeed = 0x8a5cd789635d2dffull;
constexpr uint64_t kStep = 0x9e3779b97f4a7c15ull;
constexpr uint64_t kLane = 0xd6e8feb86659fd93ull;

// Multiplies as 128 bits and folds the halves together: every input bit reaches many
// output bits.
inline uint64_t Fold(uint64_t a, uint64_t b) {
  const unsigned __int128 product = static_cast<unsigned __int128>(a) * b;
  return static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64);
}

inline uint64_t Load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline uint64_t Load32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

}  // namespace leak_hash_detail

inline uint64_t LeakHash(const char* data, size_t size) {
  using namespace leak_hash_detail;
  uint64_t h = kSeed ^ (size * kStep);
  const char* p = data;
  size_t left = size;
  while (left > 8) {
    h = Fold(Load64(p) ^ kLane, h ^ kStep) ^ h;
    p += 8;
    left -= 8;
  }
  uint64_t tail = 0;
  if (left >= 4) {  // two 4-byte reads that may overlap cover 4..8 bytes
    tail = (Load32(p) << 32) | Load32(p + left - 4);
  } else if (left > 0) {
    tail = (static_cast<uint64_t>(static_cast<unsigned char>(p[0])) << 16) |
           (static_cast<uint64_t>(static_cast<unsigned char>(p[left / 2])) << 8) |
           static_cast<unsigned char>(p[left - 1]);
  }
  h = Fold(tail ^ kLane ^ left, h ^ kStep) ^ h;
  return Fold(h ^ kSeed, kLane) ^ h;
}

}  // namespace veil
