// TextShape: which classes of bytes a text holds, and its length, found in one pass over
// it; ShapeFilter: the shapes a value kind can have at all. A kind's check is asked only
// of texts its filter admits, so a filter must admit every text its kind matches (it may
// admit more: the check decides). Pure functions and plain values, safe from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>

namespace veil::scan {

// One bit per class of byte; every byte is in exactly one class.
enum ByteClass : uint32_t {
  kDigit = 1u << 0,        // 0-9
  kHexLetter = 1u << 1,    // a-f, A-F
  kOtherLetter = 1u << 2,  // g-z, G-Z
  kSpace = 1u << 3,        // ' '
  kAt = 1u << 4,           // @
  kDot = 1u << 5,          // .
  kColon = 1u << 6,        // :
  kDash = 1u << 7,         // -
  kPlus = 1u << 8,         // +
  kParen = 1u << 9,        // ( )
  kEmailMark = 1u << 10,   // _ % ' and NUL
  kWordBreak = 1u << 11,   // \t \n (with ' ': what separates the words of a cell)
  kOther = 1u << 12,       // every other byte, non-ASCII included
};
inline constexpr uint32_t kLetter = kHexLetter | kOtherLetter;
inline constexpr uint32_t kAlnum = kDigit | kLetter;

struct TextShape {
  uint32_t classes = 0;  // the ByteClass bits of the bytes present
  size_t size = 0;
};

TextShape ShapeOf(std::string_view text);

struct ShapeFilter {
  size_t min_size = 0;
  size_t max_size = std::numeric_limits<size_t>::max();
  uint32_t allowed = ~0u;  // classes a matching text may hold
  uint32_t needs_any = 0;  // a matching text holds at least one of these (0: no need)
  uint32_t needs_all = 0;  // ... and a byte of each of these classes

  bool Admits(const TextShape& shape) const {
    return shape.size >= min_size && shape.size <= max_size && (shape.classes & ~allowed) == 0 &&
           (needs_any == 0 || (shape.classes & needs_any) != 0) &&
           (shape.classes & needs_all) == needs_all;
  }
};

}  // namespace veil::scan
