// UTF-8 helpers for text whose length is counted in characters (code points), as
// column limits and masks count it. Malformed input is counted byte by byte, never
// rejected. Pure functions.
#pragma once

#include <cstddef>
#include <string_view>

namespace veil {

// A byte that continues a multi-byte UTF-8 sequence (10xxxxxx).
inline bool IsUtf8Continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// The number of code points in `text`.
inline size_t CountCodePoints(std::string_view text) {
  size_t count = 0;
  for (char c : text) count += !IsUtf8Continuation(c);
  return count;
}

}  // namespace veil
