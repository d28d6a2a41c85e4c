#include "privacy/key_index.h"

#include <algorithm>
#include <bit>

namespace veil {
namespace {

uint64_t Entry(uint64_t hash, uint32_t id) {
  return (hash & 0xffffffff00000000ULL) | (id + 1ULL);
}
uint32_t IdOf(uint64_t entry) {
  return static_cast<uint32_t>(entry) - 1;
}
bool SameTag(uint64_t entry, uint64_t hash) {
  return (entry ^ hash) >> 32 == 0;
}

}  // namespace

KeyIndex::KeyIndex(size_t width, size_t expected) : width_(width) {
  slots_.assign(std::bit_ceil(std::max<size_t>(16, expected * 2)), 0);
  keys_.reserve(expected * width);
}

uint64_t KeyIndex::Hash(const int32_t* key) const {
  uint64_t h = 0x9e3779b97f4a7c15ULL ^ width_;
  for (size_t i = 0; i < width_; ++i) {
    h = (h ^ static_cast<uint32_t>(key[i])) * 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 31;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h;
}

bool KeyIndex::Equal(uint32_t id, const int32_t* key) const {
  const int32_t* stored = Key(id);
  for (size_t i = 0; i < width_; ++i) {
    if (stored[i] != key[i]) return false;
  }
  return true;
}

std::pair<uint32_t, bool> KeyIndex::Insert(const int32_t* key) {
  if ((count_ + 1) * 2 > slots_.size()) Grow();
  const size_t mask = slots_.size() - 1;
  const uint64_t hash = Hash(key);
  for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    const uint64_t entry = slots_[slot];
    if (entry == 0) {
      const auto id = static_cast<uint32_t>(count_++);
      keys_.insert(keys_.end(), key, key + width_);
      slots_[slot] = Entry(hash, id);
      return {id, true};
    }
    if (SameTag(entry, hash) && Equal(IdOf(entry), key)) return {IdOf(entry), false};
  }
}

int64_t KeyIndex::Find(const int32_t* key) const {
  const size_t mask = slots_.size() - 1;
  const uint64_t hash = Hash(key);
  for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    const uint64_t entry = slots_[slot];
    if (entry == 0) return -1;
    if (SameTag(entry, hash) && Equal(IdOf(entry), key)) return IdOf(entry);
  }
}

std::vector<int32_t> KeyIndex::TakeKeys() {
  std::vector<int32_t> keys = std::move(keys_);
  keys_.clear();
  count_ = 0;
  slots_.assign(slots_.size(), 0);
  return keys;
}

void KeyIndex::Grow() {
  std::vector<uint64_t> old(slots_.size() * 2, 0);
  old.swap(slots_);
  const size_t mask = slots_.size() - 1;
  for (uint64_t entry : old) {
    if (entry == 0) continue;
    size_t slot = Hash(Key(IdOf(entry))) & mask;
    while (slots_[slot] != 0) slot = (slot + 1) & mask;
    slots_[slot] = entry;
  }
}

}  // namespace veil
