// KeyIndex: dense ids for fixed-width integer keys (a row's codes, a class's codes).
//
// Insert() returns the id of a key, adding it with the next id if it is new; ids count
// up from 0 in first-seen order and Key(id) gives the key back. Open addressing over
// the keys themselves: no per-key allocation, so millions of keys stay cheap.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace veil {

class KeyIndex {
 public:
  explicit KeyIndex(size_t width, size_t expected = 1024);

  // Returns {id, added}.
  std::pair<uint32_t, bool> Insert(const int32_t* key);
  // The id of `key`, or -1 when absent.
  int64_t Find(const int32_t* key) const;

  size_t size() const { return count_; }
  size_t width() const { return width_; }
  const int32_t* Key(uint32_t id) const { return keys_.data() + size_t{id} * width_; }
  const std::vector<int32_t>& keys() const { return keys_; }
  // Moves the keys out (the index is empty afterwards).
  std::vector<int32_t> TakeKeys();

 private:
  uint64_t Hash(const int32_t* key) const;
  bool Equal(uint32_t id, const int32_t* key) const;
  void Grow();

  size_t width_;
  size_t count_ = 0;
  std::vector<int32_t> keys_;
  // Per slot: high 32 bits a tag from the key's hash, low 32 bits id + 1 (0 = empty).
  std::vector<uint64_t> slots_;
};

}  // namespace veil
