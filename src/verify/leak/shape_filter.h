// LeakShapeFilter: a 16-byte summary of a group of literals (normalised patterns) of one
// prefix and one length, that rejects most candidate occurrences that cannot be one of
// them without touching the (large, cache-missing) literal table.
//
// It holds the union of the byte classes that occur in the group's literals (a date
// "2024-05-12" holds '-', a 10-digit id does not), the same for their last bytes (a name
// does not end in a space), and a 64-bit Bloom filter (two bits per literal) of their
// last four bytes (addresses end in "street" or "road", not in "after"). MayMatch is never false
// for a literal of the group; it may be true for other text, which the table then rejects.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace veil {

class LeakShapeFilter {
 public:
  explicit LeakShapeFilter(uint32_t length) : length_(length) {}

  uint32_t length() const { return length_; }

  // Adds a literal of length() bytes.
  void Add(const char* text) {
    classes_ |= Classes(text, length_);
    last_classes_ |= ClassOf(text[length_ - 1]);
    ends_ |= EndBits(text, length_);
  }
  // Adds the literals added to `other`, of the same length.
  void Merge(const LeakShapeFilter& other) {
    classes_ |= other.classes_;
    last_classes_ |= other.last_classes_;
    ends_ |= other.ends_;
  }
  // False if text[0, length()) is surely none of the literals added. Cheapest test first.
  bool MayMatch(const char* text) const {
    if ((ClassOf(text[length_ - 1]) & last_classes_) == 0) return false;
    const uint64_t bits = EndBits(text, length_);
    return (ends_ & bits) == bits && (Classes(text, length_) & ~classes_) == 0;
  }

 private:
  // Byte classes: digit, letter, ASCII space, '-', '.', '@', other ASCII, non-ASCII.
  static constexpr std::array<uint8_t, 256> kClassOf = [] {
    std::array<uint8_t, 256> classes{};
    for (int c = 0; c < 256; ++c) {
      uint8_t bit = 1 << 6;  // other ASCII
      if (c >= '0' && c <= '9') bit = 1 << 0;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) bit = 1 << 1;
      if (c == ' ' || (c >= '\t' && c <= '\r')) bit = 1 << 2;
      if (c == '-') bit = 1 << 3;
      if (c == '.') bit = 1 << 4;
      if (c == '@') bit = 1 << 5;
      if (c >= 0x80) bit = 1 << 7;
      classes[static_cast<size_t>(c)] = bit;
    }
    return classes;
  }();

  static uint8_t ClassOf(char c) { return kClassOf[static_cast<unsigned char>(c)]; }
  static uint8_t Classes(const char* text, size_t size) {
    uint8_t classes = 0;
    for (size_t i = 0; i < size; ++i) classes |= ClassOf(text[i]);
    return classes;
  }
  // Two bits picked by a multiplicative hash of the last (up to) four bytes.
  static uint64_t EndBits(const char* text, size_t size) {
    uint32_t last = 0;
    const size_t n = size < 4 ? size : 4;
    std::memcpy(&last, text + size - n, n);
    const uint64_t h = (last | (static_cast<uint64_t>(size) << 32)) * 0x9e3779b97f4a7c15ull;
    return (uint64_t{1} << (h >> 58)) | (uint64_t{1} << ((h >> 52) & 63));
  }

  uint32_t length_;
  uint8_t classes_ = 0;       // of all bytes
  uint8_t last_classes_ = 0;  // of last bytes
  uint64_t ends_ = 0;
};

}  // namespace veil
