#include "verify/leak/strong_original.h"

#include <algorithm>
#include <limits>

#include "core/uk_identifiers.h"
#include "core/utf8.h"
#include "core/text_normalise.h"
#include "verify/leak/pattern_filter.h"

namespace veil {
namespace {

constexpr size_t kMinIdentifierLength = 6;

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

bool IsSpace(char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

// local@domain.tld: one '@', a non-empty local part, a domain with an inner dot, no
// whitespace.
bool IsEmailShape(std::string_view text) {
  const size_t at = text.find('@');
  if (at == 0 || at == std::string_view::npos) return false;
  const std::string_view domain = text.substr(at + 1);
  if (domain.find('@') != std::string_view::npos) return false;
  if (std::any_of(text.begin(), text.end(), IsSpace)) return false;
  const size_t dot = domain.find('.');
  if (dot == 0 || dot == std::string_view::npos || domain.back() == '.') return false;
  return std::all_of(domain.begin(), domain.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '.' ||
           u >= 0x80;
  });
}

// A UK number: 0 and 9 or 10 more digits (the second not 0), written with spaces, '-',
// '(' and ')' anywhere, "+44" or "0044" standing for the 0.
bool IsUkPhoneShape(std::string_view text) {
  char digits[16];
  size_t n = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (IsDigit(c)) {
      if (n == sizeof digits) return false;
      digits[n++] = c;
    } else if (c == '+' ? i != 0 : c != ' ' && c != '-' && c != '(' && c != ')') {
      return false;
    }
  }
  std::string_view national(digits, n);
  if (text.front() == '+' || national.starts_with("0044")) {
    const size_t country = text.front() == '+' ? 0 : 2;  // "44" starts here
    if (national.substr(country, 2) != "44") return false;
    // The 0 of the national number replaces the country code's last digit.
    digits[country + 1] = '0';
    national.remove_prefix(country + 1);
  }
  return national.size() >= 10 && national.size() <= 11 && national[0] == '0' && national[1] != '0';
}

// A postcode with its space or without it ("LS6 1AB", "LS61AB"); `upper` is upper case.
bool IsPostcodeShape(std::string_view upper, std::string& scratch) {
  if (IsWellFormedUkPostcode(upper)) return true;
  if (upper.size() < 5 || upper.size() > 7 || upper.find(' ') != std::string_view::npos) {
    return false;
  }
  scratch.assign(upper.substr(0, upper.size() - 3));
  scratch += ' ';
  scratch += upper.substr(upper.size() - 3);
  return IsWellFormedUkPostcode(scratch);
}

// The UK identifiers checked in upper case: UPN, NI number, postcode.
bool IsUpperCaseIdentifier(std::string_view text, std::string& scratch) {
  char buffer[16];  // the longest of them, "AB 12 34 56 C" or a UPN, has 13
  if (text.size() > sizeof buffer) return false;
  std::transform(text.begin(), text.end(), buffer, [](char c) {
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
  });
  const std::string_view upper(buffer, text.size());
  return IsValidUpn(upper) || IsValidNiNumberFormat(upper) || IsPostcodeShape(upper, scratch);
}

// One token of at least kMinIdentifierLength characters after normalisation, not a date,
// with a digit unless `letters_allowed`.
bool IsIdentifierToken(std::string_view text, bool letters_allowed, std::string& scratch) {
  scratch.resize(text.size());
  const size_t size = NormaliseForLeakScanInto(text, scratch.data());
  const std::string_view value = TrimLeakSpace(std::string_view(scratch.data(), size));
  if (std::any_of(value.begin(), value.end(), IsSpace)) return false;
  if (CountCodePoints(value) < kMinIdentifierLength) return false;
  if (!letters_allowed && std::none_of(value.begin(), value.end(), IsDigit)) return false;
  LeakScannerOptions dates_only;
  dates_only.min_length = 1;
  dates_only.min_digits = 0;
  dates_only.max_bytes = std::numeric_limits<size_t>::max();
  return ClassifyLeakPattern(value, dates_only) != LeakSkipReason::kDate;
}

}  // namespace

bool IsStrongOriginal(std::string_view value, bool identifier_column, std::string& scratch) {
  const std::string_view text = TrimLeakSpace(value);
  if (text.empty()) return false;
  bool ascii_digit = false, at_sign = false, non_ascii = false, space = false, separator = false;
  for (const char c : text) {
    ascii_digit |= IsDigit(c);
    at_sign |= c == '@';
    non_ascii |= static_cast<unsigned char>(c) >= 0x80;
    space |= IsSpace(c);
    separator |= c == '-' || c == '/' || c == '.';
  }
  // Names and words, the bulk of weak originals, end here.
  if (!ascii_digit && !at_sign && !non_ascii && !identifier_column) return false;
  // The bulk of strong ones, ids such as "C100123", here: ASCII normalises to itself but
  // for its case, so one token of 6+ bytes with a digit and no date separator is strong.
  if (!non_ascii && !space && !separator && text.size() >= kMinIdentifierLength &&
      (ascii_digit || identifier_column)) {
    return true;
  }
  if (at_sign && IsEmailShape(text)) return true;
  if (ascii_digit &&
      (IsUkPhoneShape(text) || IsValidNhsNumber(text) || IsUpperCaseIdentifier(text, scratch))) {
    return true;
  }
  return IsIdentifierToken(text, identifier_column, scratch);
}

}  // namespace veil
