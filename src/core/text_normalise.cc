#include "core/text_normalise.h"

#include <cstdint>
#include <cstring>

namespace veil {
namespace {

// Base letters of U+00C0-U+00FF and U+0100-U+017F. Digits stand for two letters:
// '1' "ij", '2' "oe", '3' "ae", '4' "th", '5' "ss"; ' ' is a space (× and ÷).
constexpr std::string_view kLatin1Letters =
    "aaaaaa3ceeeeiiiidnooooo ouuuuy45"
    "aaaaaa3ceeeeiiiidnooooo ouuuuy4y";
constexpr std::string_view kLatinExtendedA =
    "aaaaaa"
    "cccccccc"
    "dddd"
    "eeeeeeeeee"
    "gggggggg"
    "hhhh"
    "iiiiiiiiii"
    "11"
    "jj"
    "kkk"
    "llllllllll"
    "nnnnnnnnn"
    "oooooo"
    "22"
    "rrrrrr"
    "ssssssss"
    "tttttt"
    "uuuuuuuuuuuu"
    "ww"
    "yyy"
    "zzzzzz"
    "s";
static_assert(kLatin1Letters.size() == 0x100 - 0xC0);
static_assert(kLatinExtendedA.size() == 0x180 - 0x100);

constexpr std::string_view kPairs[] = {"ij", "oe", "ae", "th", "ss"};

// Writes the replacement of a Latin letter table entry; returns bytes written.
size_t PutLetter(char letter, char* out) {
  if (letter >= '1' && letter <= '5') {
    std::string_view pair = kPairs[letter - '1'];
    out[0] = pair[0];
    out[1] = pair[1];
    return 2;
  }
  out[0] = letter;
  return 1;
}

bool IsCombiningMark(uint32_t cp) {
  return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
         (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
         (cp >= 0xFE20 && cp <= 0xFE2F);
}

constexpr char kDrop = 0;  // the character disappears
constexpr char kKeep = 1;  // the character is copied unchanged

// The ASCII replacement of a non-letter code point, kDrop or kKeep.
char MapOther(uint32_t cp) {
  if (cp >= 0xA0 && cp <= 0xBF) {
    switch (cp) {
      case 0xAA:
        return 'a';
      case 0xBA:
        return 'o';
      case 0xB9:
        return '1';
      case 0xB2:
        return '2';
      case 0xB3:
        return '3';
      case 0xAD:
        return kDrop;  // soft hyphen
      case 0xB5:
        return kKeep;  // micro sign, a Greek letter
      default:
        return ' ';
    }
  }
  if (cp >= 0x2000 && cp <= 0x206F) {
    if ((cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) || cp >= 0x2060) {
      return kDrop;
    }
    if (cp >= 0x2010 && cp <= 0x2015) return '-';
    if (cp >= 0x2018 && cp <= 0x201B) return '\'';
    if (cp >= 0x201C && cp <= 0x201F) return '"';
    return ' ';
  }
  if (cp == 0x3000) return ' ';
  if (cp == 0xFEFF) return kDrop;
  if (cp >= 0xFF01 && cp <= 0xFF5E) {
    char c = static_cast<char>(cp - 0xFF01 + '!');
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return kKeep;
}

bool IsContinuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

// Decodes one UTF-8 character at text[i]; returns its length, 0 if invalid.
size_t Decode(std::string_view text, size_t i, uint32_t& cp) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data()) + i;
  size_t left = text.size() - i;
  unsigned char c = p[0];
  if (c >= 0xC2 && c <= 0xDF) {
    if (left < 2 || !IsContinuation(p[1])) return 0;
    cp = ((c & 0x1Fu) << 6) | (p[1] & 0x3Fu);
    return 2;
  }
  if (c >= 0xE0 && c <= 0xEF) {
    if (left < 3 || !IsContinuation(p[1]) || !IsContinuation(p[2])) return 0;
    cp = ((c & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
    if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (left < 4 || !IsContinuation(p[1]) || !IsContinuation(p[2]) || !IsContinuation(p[3])) {
      return 0;
    }
    cp = ((c & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
    if (cp < 0x10000 || cp > 0x10FFFF) return 0;
    return 4;
  }
  return 0;
}

// Lower-cases 8 ASCII bytes at once: `word` has no byte >= 0x80. Adding 0x3F sets the
// top bit of bytes >= 'A', adding 0x25 that of bytes > 'Z'; no byte carries into the next.
uint64_t LowerAscii8(uint64_t word) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  const uint64_t at_least_a = word + kOnes * (0x80 - 'A');
  const uint64_t above_z = word + kOnes * (0x80 - 'Z' - 1);
  const uint64_t upper = (at_least_a & ~above_z) & (kOnes * 0x80);
  return word | (upper >> 2);  // 0x80 >> 2 == 0x20, the case bit
}

}  // namespace

size_t NormaliseForLeakScanInto(std::string_view text, char* out) {
  constexpr uint64_t kHighBits = 0x8080808080808080ull;
  size_t n = 0;
  size_t i = 0;
  while (i < text.size()) {
    // Fast path: 8 ASCII bytes. n <= i always, so out has room for them.
    if (i + 8 <= text.size()) {
      uint64_t word;
      std::memcpy(&word, text.data() + i, sizeof word);
      if ((word & kHighBits) == 0) {
        word = LowerAscii8(word);
        std::memcpy(out + n, &word, sizeof word);
        n += 8;
        i += 8;
        continue;
      }
    }
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out[n++] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
      ++i;
      continue;
    }
    uint32_t cp = 0;
    size_t length = Decode(text, i, cp);
    if (length == 0) {  // not UTF-8: keep the byte
      out[n++] = static_cast<char>(c);
      ++i;
      continue;
    }
    // Every replacement below is at most `length` bytes long, so out never overtakes text.
    if (cp >= 0xC0 && cp < 0x100) {
      n += PutLetter(kLatin1Letters[cp - 0xC0], out + n);
    } else if (cp >= 0x100 && cp < 0x180) {
      n += PutLetter(kLatinExtendedA[cp - 0x100], out + n);
    } else if (IsCombiningMark(cp)) {
      // dropped
    } else {
      char mapped = MapOther(cp);
      if (mapped == kKeep) {
        for (size_t k = 0; k < length; ++k) out[n++] = text[i + k];
      } else if (mapped != kDrop) {
        out[n++] = mapped;
      }
    }
    i += length;
  }
  return n;
}

std::string NormaliseForLeakScan(std::string_view text) {
  std::string out(text.size(), '\0');
  out.resize(NormaliseForLeakScanInto(text, out.data()));
  return out;
}

}  // namespace veil
