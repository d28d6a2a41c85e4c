#include "scan/value_kinds.h"

#include <arpa/inet.h>

#include <array>
#include <cstring>
#include <limits>

#include "core/uk_identifiers.h"

namespace veil::scan {
namespace {

bool IsAsciiDigit(char c) {
  return c >= '0' && c <= '9';
}
bool IsAsciiAlnum(char c) {
  return IsAsciiDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Applies an upper-case-only check to `text` in upper case (identifiers are often
// stored in lower case); anything longer than the longest such identifier fails.
template <bool (*Check)(std::string_view)>
bool UpperCased(std::string_view text) {
  std::array<char, 16> upper{};
  if (text.size() > upper.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    upper[i] = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return Check(std::string_view(upper.data(), text.size()));
}

// Each check refuses other lengths itself; asking first saves the upper-case copy.
bool Upn(std::string_view text) {
  return text.size() == 13 && UpperCased<IsValidUpn>(text);
}
bool Nhs(std::string_view text) {
  return IsValidNhsNumber(text);
}
bool NiNumber(std::string_view text) {  // "AB123456C" or "AB 12 34 56 C"
  return (text.size() == 9 || text.size() == 13) && UpperCased<IsValidNiNumberFormat>(text);
}
bool Postcode(std::string_view text) {  // a 2-4 character outward code, a space, 3 more
  return text.size() >= 6 && text.size() <= 8 && UpperCased<IsWellFormedUkPostcode>(text);
}

// The shapes the checks accept: each names the lengths and bytes its check allows.
// UPNs, NI numbers and postcodes hold letters (a check letter, a prefix, an outward code).
constexpr ShapeFilter kNhsShape{10, 12, kDigit | kSpace, 0, kDigit};
constexpr ShapeFilter kUpnShape{13, 13, kAlnum, kLetter, kDigit};
constexpr ShapeFilter kNiShape{9, 13, kAlnum | kSpace, kLetter, kDigit};
// LooksLikeEmail admits a NUL byte in the local part (strchr finds the terminator), so
// kEmailMark holds NUL too.
constexpr ShapeFilter kEmailShape{3, 254, kAlnum | kDot | kEmailMark | kPlus | kDash | kAt, kAt, 0};
constexpr ShapeFilter kPhoneShape{10, std::numeric_limits<size_t>::max(),
                                  kDigit | kSpace | kDash | kParen | kPlus, 0, kDigit};
constexpr ShapeFilter kPostcodeShape{6, 8, kAlnum | kSpace, kLetter, kSpace | kDigit};
constexpr ShapeFilter kIpShape{2, 45, kDigit | kHexLetter | kDot | kColon, kDot | kColon, 0};

constexpr std::array<ValueKind, 7> kKinds = {{
    {"nhs_number", "pass NHS mod-11", "nhs_number", Nhs, kNhsShape},
    {"upn", "are UPNs with a correct check letter", "upn", Upn, kUpnShape},
    {"ni_number", "have the NI number format", "ni_number", NiNumber, kNiShape},
    {"email", "are e-mail addresses", "email", LooksLikeEmail, kEmailShape},
    {"phone", "are UK phone numbers", "phone", LooksLikeUkPhone, kPhoneShape},
    {"postcode", "are UK postcodes", "postcode", Postcode, kPostcodeShape},
    {"ip", "are IP addresses", "ip", LooksLikeIpAddress, kIpShape},
}};
static_assert(kKinds.size() <= 32, "CellFacts::kinds holds one bit per kind");

}  // namespace

std::span<const ValueKind> ValueKinds() {
  return kKinds;
}

bool LooksLikeEmail(std::string_view text) {
  const auto at = text.find('@');
  if (at == 0 || at == std::string_view::npos || text.size() > 254) return false;
  const std::string_view local = text.substr(0, at);
  const std::string_view domain = text.substr(at + 1);
  for (char c : local) {
    if (!IsAsciiAlnum(c) && std::strchr("._%+-'", c) == nullptr) return false;
  }
  const auto dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || domain.size() - dot < 3) return false;
  for (char c : domain) {
    if (!IsAsciiAlnum(c) && c != '.' && c != '-') return false;
  }
  return domain.find("..") == std::string_view::npos;
}

bool LooksLikeUkPhone(std::string_view text) {
  // Digits with the usual separators; +44 (or 0044) stands for the leading 0.
  std::array<char, 16> digits{};
  size_t count = 0;
  size_t i = 0;
  if (text.substr(0, 3) == "+44") {
    digits[count++] = '0';
    i = 3;
  }
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (IsAsciiDigit(c)) {
      if (count == digits.size()) return false;
      digits[count++] = c;
    } else if (c != ' ' && c != '-' && c != '(' && c != ')') {
      return false;
    }
  }
  const std::string_view number(digits.data(), count);
  if (number.substr(0, 4) == "0044") return count == 13 && number[4] != '0';
  // UK numbers: 0 then 9 or 10 digits, the first of them 1, 2, 3, 5, 7, 8 or 9.
  if ((count != 10 && count != 11) || number[0] != '0') return false;
  return std::strchr("1235789", number[1]) != nullptr;
}

bool LooksLikeIpAddress(std::string_view text) {
  if (text.size() < 2 || text.size() > 45) return false;
  // inet_pton reads hex digits, dots and colons only: an IPv4 address is four decimal
  // numbers and three dots, an IPv6 address holds at least two colons. Anything else is
  // no address, and only the one family it may be is asked.
  size_t dots = 0, colons = 0;
  bool letters = false;
  for (char c : text) {
    const bool hex_letter = (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!IsAsciiDigit(c) && !hex_letter && c != '.' && c != ':') return false;
    letters |= hex_letter;
    dots += c == '.';
    colons += c == ':';
  }
  if (colons == 0 ? (dots != 3 || letters) : colons < 2) return false;
  char buffer[46];
  std::memcpy(buffer, text.data(), text.size());
  buffer[text.size()] = '\0';
  unsigned char address[16];
  return inet_pton(colons == 0 ? AF_INET : AF_INET6, buffer, address) == 1;
}

}  // namespace veil::scan
