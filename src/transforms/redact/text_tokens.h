// TextTokens: free text cut into words the way the leak search sees them, with the byte
// range of each word in the original text, so a redaction can replace whole words and
// keep every other byte.
//
// A word is a maximal run of characters that normalise (core/text_normalise.h) to
// letters or digits: ASCII [A-Za-z0-9] and every non-ASCII character normalisation keeps
// or maps to a letter ("É", "ß", Greek, CJK); invisible characters and combining marks
// inside a word belong to it; everything else separates words. Each word carries a
// 64-bit hash of its normalised text, so "José", "JOSE" and "jose" hash alike, and a
// sequence of words hashes by CombineWordHashes, whatever separates them: "Jane Smith",
// "jane-smith" and "JANE  SMITH" are the same sequence.
//
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace veil {

struct TextWord {
  uint32_t begin = 0;  // byte offsets in the text: [begin, end)
  uint32_t end = 0;
  uint64_t hash = 0;         // of the normalised word
  bool capitalised = false;  // starts with an ASCII capital or a Latin-1/Extended-A capital
  bool all_digits = false;   // ASCII digits only
};

// Replaces `words` with the words of `text` in order. Text of 4 GiB or more is cut at
// 4 GiB (callers bound cells far below that).
void SplitWords(std::string_view text, std::vector<TextWord>& words);

// The hash of the word sequence that `sequence` (the hash of the words before, or 0 for
// none) followed by a word of hash `word` makes.
inline uint64_t CombineWordHashes(uint64_t sequence, uint64_t word) {
  uint64_t x = (sequence ^ 0x9E3779B97F4A7C15ull) * 0xBF58476D1CE4E5B9ull + word;
  x ^= x >> 31;
  x *= 0x94D049BB133111EBull;
  x ^= x >> 29;
  return x == 0 ? 1 : x;  // 0 stands for "no words"
}

// The hash of the whole word sequence of `text` (0 when it has no word) and the number
// of its words.
struct WordSequence {
  uint64_t hash = 0;
  size_t words = 0;
};
WordSequence HashWords(std::string_view text);

}  // namespace veil
