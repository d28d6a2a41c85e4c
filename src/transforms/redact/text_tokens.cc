#include "transforms/redact/text_tokens.h"

#include <algorithm>
#include <limits>

#include "core/text_normalise.h"

namespace veil {
namespace {

constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ull;
constexpr uint64_t kFnvPrime = 0x100000001b3ull;

// Bytes of the UTF-8 character starting with `lead` whose continuation bytes are all
// present and well formed; 1 otherwise (the byte stands alone, as normalisation keeps it).
size_t CharacterLength(std::string_view text, size_t at) {
  const auto lead = static_cast<unsigned char>(text[at]);
  size_t length = 1;
  if (lead >= 0xF0 && lead < 0xF8) {
    length = 4;
  } else if (lead >= 0xE0) {
    length = lead < 0xF0 ? 3 : 1;
  } else if (lead >= 0xC2) {
    length = 2;
  }
  if (at + length > text.size()) return 1;
  for (size_t k = 1; k < length; ++k) {
    if ((static_cast<unsigned char>(text[at + k]) & 0xC0) != 0x80) return 1;
  }
  return length;
}

// U+00C0-U+00DE (not ×) and the even code points of U+0100-U+017F are capitals.
bool IsLatinCapital(std::string_view character) {
  if (character.size() != 2) return false;
  const auto b0 = static_cast<unsigned char>(character[0]);
  const auto b1 = static_cast<unsigned char>(character[1]);
  const uint32_t cp = ((b0 & 0x1Fu) << 6) | (b1 & 0x3Fu);
  if (cp >= 0xC0 && cp <= 0xDE) return cp != 0xD7;
  return cp >= 0x100 && cp < 0x180 && cp % 2 == 0;
}

bool IsAsciiWordByte(unsigned char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

class WordBuilder {
 public:
  explicit WordBuilder(std::vector<TextWord>& words) : words_(words) {}

  // Adds one normalised byte of the character at [begin, end).
  void Add(char normalised, uint32_t begin, uint32_t end, bool capital) {
    const auto c = static_cast<unsigned char>(normalised);
    if (!IsLeakWordByte(c)) {
      Close();
      return;
    }
    if (!open_) {
      open_ = true;
      current_ = TextWord{begin, end, kFnvOffset, capital, true};
    }
    current_.end = end;
    current_.hash = (current_.hash ^ c) * kFnvPrime;
    current_.all_digits = current_.all_digits && c >= '0' && c <= '9' && begin + 1 == end;
  }

  // A run of ASCII letters and digits starting at byte `begin`.
  void AddAscii(std::string_view run, uint32_t begin) {
    if (!open_) {
      open_ = true;
      const auto first = static_cast<unsigned char>(run[0]);
      current_ = TextWord{begin, begin, kFnvOffset, first >= 'A' && first <= 'Z', true};
    }
    uint64_t hash = current_.hash;
    bool digits = current_.all_digits;
    for (char ch : run) {
      const auto b = static_cast<unsigned char>(ch);
      const bool digit = b <= '9';
      digits = digits && digit;
      hash = (hash ^ (digit ? b : (b | 0x20))) * kFnvPrime;
    }
    current_.hash = hash;
    current_.all_digits = digits;
    current_.end = begin + static_cast<uint32_t>(run.size());
  }

  // A character that normalises to nothing (a combining mark, an invisible character)
  // ending at `end` belongs to the open word, if any.
  void Extend(uint32_t end) {
    if (open_) current_.end = end;
  }

  void Close() {
    if (!open_) return;
    open_ = false;
    uint64_t h = current_.hash;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    current_.hash = h;
    words_.push_back(current_);
  }

 private:
  std::vector<TextWord>& words_;
  TextWord current_;
  bool open_ = false;
};

}  // namespace

void SplitWords(std::string_view text, std::vector<TextWord>& words) {
  words.clear();
  text = text.substr(0, std::min<size_t>(text.size(), std::numeric_limits<uint32_t>::max()));
  WordBuilder builder(words);
  char mapped[8];
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (!IsAsciiWordByte(c)) {
        builder.Close();
        ++i;
        continue;
      }
      // A run of ASCII letters and digits, the common case, without the per-byte checks.
      const size_t start = i;
      while (i < text.size() && IsAsciiWordByte(static_cast<unsigned char>(text[i]))) ++i;
      builder.AddAscii(text.substr(start, i - start), static_cast<uint32_t>(start));
      continue;
    }
    const auto begin = static_cast<uint32_t>(i);
    const size_t length = CharacterLength(text, i);
    const std::string_view character = text.substr(i, length);
    const size_t n = NormaliseForLeakScanInto(character, mapped);
    const auto end = static_cast<uint32_t>(i + length);
    const bool capital = IsLatinCapital(character);
    if (n == 0) builder.Extend(end);
    for (size_t k = 0; k < n; ++k) builder.Add(mapped[k], begin, end, capital);
    i += length;
  }
  builder.Close();
}

WordSequence HashWords(std::string_view text) {
  std::vector<TextWord> words;
  SplitWords(text, words);
  WordSequence sequence;
  for (const TextWord& word : words) sequence.hash = CombineWordHashes(sequence.hash, word.hash);
  sequence.words = words.size();
  return sequence;
}

}  // namespace veil
