// Counter-based randomness for constructed rows: every draw is a pure function of the
// seed, a salt naming what is drawn (a table, a column, a foreign key) and a row number,
// so any row of any table can be constructed alone, in any order, on any thread, and
// comes out the same. Not cryptographic (nothing secret depends on it: the seed is not a
// secret, and constructed values hold nothing real).
#pragma once

#include <cstdint>
#include <string_view>

#include "core/keyed_prf.h"  // UniformBelow: a draw mapped to [0, n)

namespace veil {

// SplitMix64's finaliser: a bijection on 64-bit words with good avalanche.
inline uint64_t MixBits(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// A 64-bit salt for `name` under `parent` (FNV-1a, then mixed).
inline uint64_t SaltOf(uint64_t parent, std::string_view name) {
  uint64_t h = 0xcbf29ce484222325ULL ^ parent;
  for (const char c : name) h = (h ^ static_cast<uint8_t>(c)) * 0x100000001b3ULL;
  return MixBits(h);
}

// The draw for `row` under `salt`; `lane` separates several draws of one cell.
inline uint64_t DrawFor(uint64_t salt, int64_t row, uint64_t lane = 0) {
  return MixBits(salt ^ MixBits(static_cast<uint64_t>(row) + (lane << 48)));
}

}  // namespace veil
