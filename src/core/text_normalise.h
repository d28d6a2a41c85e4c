// Text normalisation for leak scanning: the one transformation applied to both the
// original values looked for and the output text searched, so that spellings of the same
// value that differ only in case, accents, Unicode composition or punctuation style
// compare equal byte for byte.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace veil {

// Normalises `text` for leak scanning, as applied to both patterns and cells:
//   * UTF-8 is decoded; bytes that are not valid UTF-8 are kept as they are.
//   * ASCII letters are lower-cased.
//   * Latin-1 Supplement and Latin Extended-A letters (U+00C0-U+017F) become their
//     lower-case ASCII base letter(s): "É"->"e", "Ø"->"o", "Ł"->"l", "ß"->"ss",
//     "Æ"->"ae", "Œ"->"oe", "Þ"->"th", "Ĳ"->"ij". (No German transliteration:
//     "Müller" becomes "muller", not "mueller".)
//   * Combining marks (U+0300-U+036F, U+1AB0-U+1AFF, U+1DC0-U+1DFF, U+20D0-U+20FF,
//     U+FE20-U+FE2F) are dropped, so decomposed (NFD) accented Latin letters end up like
//     the precomposed (NFC) ones.
//   * ª, º, ¹, ², ³ become "a", "o", "1", "2", "3"; fullwidth ASCII forms (U+FF01-U+FF5E)
//     become ASCII.
//   * Invisible characters (soft hyphen, zero-width spaces and joiners, direction marks,
//     U+2060-U+206F, byte order mark) are dropped; Unicode dashes (U+2010-U+2015) become
//     "-", single quotes (U+2018-U+201B) "'", double quotes (U+201C-U+201F) '"'; other
//     Latin-1 symbols (U+00A0-U+00BF, ×, ÷), General Punctuation (U+2000-U+206F) and the
//     ideographic space become a space.
//   * Everything else (other scripts, including their upper case) is kept unchanged.
// The result is never longer than `text`, and never contains an upper-case ASCII letter
// (see kLeakCellSeparator).
std::string NormaliseForLeakScan(std::string_view text);

// The same, written to `out`, which must have room for text.size() bytes and must not
// overlap `text`; returns the number of bytes written. Does not allocate; runs of ASCII
// are lower-cased 8 bytes at a time.
size_t NormaliseForLeakScanInto(std::string_view text, char* out);

// A byte that normalised text never contains (ASCII upper case is always lower-cased)
// and that is not a word byte (below): put between normalised cells laid end to end, it
// ends the token before it and starts the one after it, and no normalised pattern can
// match across it.
inline constexpr char kLeakCellSeparator = 'Z';

// `text` without leading and trailing ASCII whitespace (space, \t, \n, \r, \f, \v).
inline std::string_view TrimLeakSpace(std::string_view text) {
  auto space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && space(text[begin])) ++begin;
  while (end > begin && space(text[end - 1])) --end;
  return text.substr(begin, end - begin);
}

// True for a byte of normalised text that belongs to a letter or digit: ASCII [a-z0-9]
// and every byte of a non-ASCII character (normalisation leaves only letters of other
// scripts, and undecodable bytes, outside ASCII).
inline bool IsLeakWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

}  // namespace veil
