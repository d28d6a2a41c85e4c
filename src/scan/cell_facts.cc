#include "scan/cell_facts.h"

#include <nlohmann/json.hpp>

#include <array>
#include <charconv>

#include "core/date_text.h"
#include "core/text_normalise.h"
#include "core/uk_identifiers.h"
#include "scan/text_shape.h"
#include "scan/value_kinds.h"
#include "transforms/fakes/reference_tables.h"

namespace veil::scan {
namespace {

constexpr size_t kMaxJsonBytes = 1 << 20;  // larger documents are not parsed

static_assert(sizeof(CellFacts::kinds) * 8 >= 8, "one bit per value kind");

bool IsInteger(std::string_view text) {
  int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size();
}

// from_chars reads a double only from a digit, '-', '.' or inf/nan: anything else fails
// at its first character, so it is not asked. Without a letter (an exponent's e, inf,
// nan) a '-' can only be the first character: a date fails there too.
bool IsNumber(std::string_view text, uint32_t classes) {
  if (text.empty()) return false;
  const char c = text.front();
  const bool may = (c >= '0' && c <= '9') || c == '-' || c == '.' || c == 'i' || c == 'I' ||
                   c == 'n' || c == 'N';
  if (!may) return false;
  if ((classes & kLetter) == 0 && text.find('-', 1) != std::string_view::npos) return false;
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size();
}

bool IsWordSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n';
}

// Each byte's lower-case ASCII letter, or 0 when it is no ASCII letter.
constexpr std::array<char, 256> kLowerLetters = [] {
  std::array<char, 256> table{};
  for (char c = 'a'; c <= 'z'; ++c) {
    table[static_cast<unsigned char>(c)] = c;
    table[static_cast<unsigned char>(c - 'a' + 'A')] = c;
  }
  return table;
}();

// A name list holds `word` reduced to lower-case ASCII letters (AsciiLowerLetters),
// without a copy; a word with more letters than the longest name is in no list.
bool Listed(const NameTable& names, std::string_view word) {
  std::array<char, 64> buffer;
  size_t n = 0;
  const size_t longest = names.longest();
  for (const char c : word) {
    const char letter = kLowerLetters[static_cast<unsigned char>(c)];
    if (letter == 0) continue;
    if (n == longest) return false;
    if (n == buffer.size()) return names.Contains(AsciiLowerLetters(word));
    buffer[n++] = letter;
  }
  return names.Contains(std::string_view(buffer.data(), n));
}

// A text without letters holds no name: its words are counted, not looked up. A text
// without a space, tab or newline is one word.
void CountNames(std::string_view text, uint32_t classes, const ReferenceSets& references,
                CellFacts& facts) {
  std::string_view first = text, last = text;
  if ((classes & (kSpace | kWordBreak)) == 0) {
    facts.words = text.empty() ? 0 : 1;
  } else {
    size_t i = 0;
    while (i < text.size()) {
      while (i < text.size() && IsWordSpace(text[i])) ++i;
      const size_t start = i;
      while (i < text.size() && !IsWordSpace(text[i])) ++i;
      if (i > start) {
        if (++facts.words == 1) first = text.substr(start, i - start);
        last = text.substr(start, i - start);
      }
    }
  }
  if ((classes & kLetter) == 0 || facts.words == 0 || facts.words > 4) return;
  if (facts.words == 1) {
    facts.first_name = Listed(references.first_names, first);
    facts.last_name = Listed(references.last_names, last);
  } else {
    facts.full_name = Listed(references.first_names, first) && Listed(references.last_names, last);
  }
}

// Whether `text` is a well-formed UK postcode whose outward code is listed.
bool KnownOutwardCode(std::string_view text, const ReferenceSets& references) {
  if (text.size() < 6 || text.size() > 8) return false;
  std::array<char, 8> upper{};
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    upper[i] = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  const std::string_view code(upper.data(), text.size());
  if (!IsWellFormedUkPostcode(code)) return false;
  return references.outward_codes.contains(code.substr(0, code.find(' ')));
}

}  // namespace

CellFacts ExamineCell(std::string_view raw, const ReferenceSets& references) {
  CellFacts facts;
  const std::string_view text = TrimLeakSpace(raw);
  const TextShape shape = ShapeOf(text);
  const auto kinds = ValueKinds();
  for (size_t k = 0; k < kinds.size(); ++k) {
    if (kinds[k].shape.Admits(shape) && kinds[k].matches(text)) facts.kinds |= 1u << k;
  }
  // A well-formed postcode holds a space.
  facts.known_outward = (shape.classes & kSpace) != 0 && KnownOutwardCode(text, references);
  facts.date = text.size() <= 40 && ParseDateText(text).has_value();
  facts.integer = IsInteger(text);
  facts.number = facts.integer || IsNumber(text, shape.classes);
  if (!text.empty() && (text.front() == '{' || text.front() == '[')) {
    facts.json = text.size() <= kMaxJsonBytes && nlohmann::json::accept(text);
    facts.broken_json = !facts.json;
  }
  CountNames(text, shape.classes, references, facts);
  return facts;
}

}  // namespace veil::scan
