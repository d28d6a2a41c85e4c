// LeakLiteralTable: the normalised texts of a leak scanner's patterns, found by their
// exact bytes. Patterns with equal texts form one "literal", named by its smallest
// pattern index; ForEachPattern lists all of a literal's patterns.
//
// A flat open-addressing table (linear probing, load at most ~0.67) of 64-bit slots, each
// holding a literal and 32 bits of its LeakHash as a tag; the bytes are compared only when
// the tag matches, so a lookup of text that is not a literal usually reads one slot. The
// slots sit on huge pages (verify/leak/huge_array.h); callers with many lookups to make
// hide the memory latency by calling Prefetch(hash) some lookups ahead.
//
// Built in two steps so that other build work can read entries() meanwhile: the
// constructor takes the texts, Index() builds the slots. Immutable after Index(): Find and
// the accessors may then be used from any number of threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "verify/leak/hash.h"
#include "verify/leak/huge_array.h"

namespace veil {

class LeakLiteralTable {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  // Pattern i's normalised, trimmed text and LeakHash of it; size 0 if pattern i is not
  // scanned for.
  struct Entry {
    const char* text;
    uint64_t hash;
    uint32_t size;
  };
  using Arena = LeakHugeArray<char>;

  LeakLiteralTable();
  // entries[0, count) has one entry per pattern index (count < kNone); their texts point
  // into `arenas`.
  LeakLiteralTable(LeakHugeArray<Entry> entries, size_t count, std::vector<Arena> arenas);

  // Builds the slots. Call once, before any Find.
  void Index();

  std::span<const Entry> entries() const { return {entries_.get(), count_}; }

  // Starts loading the slot where a lookup of `hash` begins.
  void Prefetch(uint64_t hash) const { __builtin_prefetch(slots_.get() + (hash & mask_)); }

  // The literal whose text is text[0, size) (hash == LeakHash(text, size)), or kNone.
  uint32_t Find(const char* text, size_t size, uint64_t hash) const {
    const auto tag = static_cast<uint32_t>(hash >> 32);
    for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const uint64_t slot = slots_[i];
      if (slot == 0) return kNone;
      if (static_cast<uint32_t>(slot >> 32) != tag) continue;
      const uint32_t literal = static_cast<uint32_t>(slot) - 1;
      const Entry& entry = entries_[literal];
      if (entry.size == size && std::memcmp(entry.text, text, size) == 0) return literal;
    }
  }
  uint32_t Find(std::string_view text) const {
    return Find(text.data(), text.size(), LeakHash(text.data(), text.size()));
  }

  // Calls f(pattern) for each pattern index of `literal`, ascending.
  template <typename F>
  void ForEachPattern(uint32_t literal, F&& f) const {
    for (uint32_t p = literal; p != kNone; p = next_pattern_[p]) f(p);
  }

 private:
  // Adds pattern `pattern`, which is smaller than every pattern added before.
  void Insert(uint32_t pattern);

  LeakHugeArray<Entry> entries_;
  size_t count_ = 0;
  std::vector<Arena> arenas_;
  LeakHugeArray<uint64_t> slots_;         // 0 = empty, else (tag << 32) | (literal + 1)
  size_t mask_ = 0;                       // slot count - 1, a power of two minus one
  LeakHugeArray<uint32_t> next_pattern_;  // per pattern index: the next with the same text
};

}  // namespace veil
