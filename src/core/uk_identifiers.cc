#include "core/uk_identifiers.h"

#include <arpa/inet.h>

#include <array>
#include <cstring>

namespace veil {
namespace {

constexpr std::string_view kUpnAlphabet = "ABCDEFGHJKLMNPQRTUVWXYZ";
constexpr std::string_view kInwardLetters = "ABDEFGHJLNPQRSTUWXYZ";

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}
bool IsUpper(char c) {
  return c >= 'A' && c <= 'Z';
}
char ToLower(char c) {
  return IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}
bool Contains(std::string_view set, char c) {
  return set.find(c) != std::string_view::npos;
}

bool AllDigits(std::string_view text) {
  for (char c : text) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (ToLower(a[i]) != ToLower(b[i])) return false;
  }
  return true;
}

bool EndsWithIgnoringCase(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         EqualsIgnoringCase(text.substr(text.size() - suffix.size()), suffix);
}

// Copies the ten digits of a compact or 3-3-4 spaced NHS number into `digits`.
bool NhsDigits(std::string_view text, std::array<char, 10>& digits) {
  if (text.size() == 12) {
    if (text[3] != ' ' || text[7] != ' ') return false;
    std::memcpy(digits.data(), text.data(), 3);
    std::memcpy(digits.data() + 3, text.data() + 4, 3);
    std::memcpy(digits.data() + 6, text.data() + 8, 4);
  } else if (text.size() == 10) {
    std::memcpy(digits.data(), text.data(), 10);
  } else {
    return false;
  }
  return AllDigits(std::string_view(digits.data(), digits.size()));
}

// Copies the nine characters of a compact or "AB 12 34 56 C" NI number into `compact`.
bool NiCompact(std::string_view text, std::array<char, 9>& compact) {
  if (text.size() == 13) {
    if (text[2] != ' ' || text[5] != ' ' || text[8] != ' ' || text[11] != ' ') return false;
    const size_t from[9] = {0, 1, 3, 4, 6, 7, 9, 10, 12};
    for (size_t i = 0; i < 9; ++i) compact[i] = text[from[i]];
  } else if (text.size() == 9) {
    std::memcpy(compact.data(), text.data(), 9);
  } else {
    return false;
  }
  return true;
}

bool IsNeverIssuedNiPrefix(char first, char second) {
  constexpr std::string_view kPairs[] = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"};
  for (std::string_view pair : kPairs) {
    if (pair[0] == first && pair[1] == second) return true;
  }
  return Contains("DFIQUV", first) || Contains("DFIOQUV", second);
}

// Writes the national digits of a phone number ("0" + subscriber digits) into `out`,
// dropping spaces and turning a leading +44 into 0. Returns the digit count, or 0.
size_t NationalDigits(std::string_view text, std::array<char, 16>& out) {
  size_t n = 0;
  size_t i = 0;
  while (i < text.size() && text[i] == ' ') ++i;
  if (text.substr(i, 3) == "+44") {
    out[n++] = '0';
    i += 3;
  }
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ') continue;
    if (!IsDigit(c) || n == out.size()) return 0;
    out[n++] = c;
  }
  return n;
}

// True when `domain` is made of non-empty dot-separated labels.
bool HasNonEmptyLabels(std::string_view domain) {
  if (domain.empty() || domain.front() == '.' || domain.back() == '.') return false;
  return domain.find("..") == std::string_view::npos;
}

bool IsReservedDomain(std::string_view domain) {
  for (std::string_view base : {"example.com", "example.org", "example.net"}) {
    if (EqualsIgnoringCase(domain, base)) return true;
    if (domain.size() > base.size() && EndsWithIgnoringCase(domain, base) &&
        domain[domain.size() - base.size() - 1] == '.') {
      return true;
    }
  }
  const size_t dot = domain.rfind('.');
  const std::string_view tld = dot == std::string_view::npos ? domain : domain.substr(dot + 1);
  return EqualsIgnoringCase(tld, "test") || EqualsIgnoringCase(tld, "example") ||
         EqualsIgnoringCase(tld, "invalid");
}

bool IsOutwardCode(std::string_view code) {
  if (code.size() < 2 || code.size() > 4 || !IsUpper(code[0])) return false;
  size_t i = IsUpper(code[1]) ? 2 : 1;
  if (i >= code.size() || !IsDigit(code[i])) return false;
  ++i;
  if (i == code.size()) return true;
  if (i + 1 != code.size()) return false;
  return IsDigit(code[i]) || IsUpper(code[i]);
}

}  // namespace

int NhsCheckDigit(std::string_view nine_digits) {
  if (nine_digits.size() != 9 || !AllDigits(nine_digits)) return -1;
  int sum = 0;
  for (size_t i = 0; i < 9; ++i) sum += (nine_digits[i] - '0') * static_cast<int>(10 - i);
  const int check = 11 - sum % 11;
  if (check == 11) return 0;
  return check == 10 ? -1 : check;
}

bool IsValidNhsNumber(std::string_view text) {
  std::array<char, 10> digits;
  if (!NhsDigits(text, digits)) return false;
  const int check = NhsCheckDigit(std::string_view(digits.data(), 9));
  return check >= 0 && digits[9] - '0' == check;
}

bool IsNeverIssuedNhsNumber(std::string_view text) {
  return IsValidNhsNumber(text) && text.substr(0, 3) == "999";
}

char UpnCheckLetter(std::string_view twelve_chars) {
  if (twelve_chars.size() != 12 || !AllDigits(twelve_chars.substr(0, 11))) return '\0';
  int sum = 0;
  for (size_t i = 0; i < 12; ++i) {
    const char c = twelve_chars[i];
    size_t value = 0;
    if (IsDigit(c)) {
      value = static_cast<size_t>(c - '0');
    } else {
      value = kUpnAlphabet.find(c);  // only the final (serial) character can be a letter
      if (value == std::string_view::npos) return '\0';
    }
    sum += static_cast<int>(value) * static_cast<int>(i + 2);
  }
  return kUpnAlphabet[static_cast<size_t>(sum % 23)];
}

bool IsValidUpn(std::string_view text) {
  if (text.size() != 13) return false;
  const char check = UpnCheckLetter(text.substr(1));
  return check != '\0' && check == text[0];
}

bool IsValidNiNumberFormat(std::string_view text) {
  std::array<char, 9> c;
  if (!NiCompact(text, c)) return false;
  return IsUpper(c[0]) && IsUpper(c[1]) && AllDigits(std::string_view(c.data() + 2, 6)) &&
         c[8] >= 'A' && c[8] <= 'D';
}

bool IsNeverIssuedNiNumber(std::string_view text) {
  std::array<char, 9> c;
  return IsValidNiNumberFormat(text) && NiCompact(text, c) && IsNeverIssuedNiPrefix(c[0], c[1]);
}

bool IsOfcomDramaNumber(std::string_view text) {
  // Each reserved range is an 8-digit national prefix followed by 3 free digits.
  constexpr std::string_view kPrefixes[] = {
      "07700900", "01632960", "02079460", "01134960", "01144960", "01154960",
      "01164960", "01174960", "01184960", "01214960", "01314960", "01414960",
      "01514960", "01614960", "01914980", "02896496", "02920180"};
  std::array<char, 16> digits;
  if (NationalDigits(text, digits) != 11) return false;
  const std::string_view national(digits.data(), 11);
  for (std::string_view prefix : kPrefixes) {
    if (national.substr(0, 8) == prefix) return true;
  }
  return false;
}

bool IsReservedEmailDomain(std::string_view email) {
  const size_t at = email.find('@');
  if (at == 0 || at == std::string_view::npos) return false;
  const std::string_view domain = email.substr(at + 1);
  if (domain.find('@') != std::string_view::npos || !HasNonEmptyLabels(domain)) return false;
  return IsReservedDomain(domain);
}

bool IsDocumentationIp(std::string_view text) {
  char buffer[64];
  if (text.empty() || text.size() >= sizeof buffer) return false;
  std::memcpy(buffer, text.data(), text.size());
  buffer[text.size()] = '\0';
  unsigned char bytes[16];
  if (inet_pton(AF_INET, buffer, bytes) == 1) {
    const unsigned char blocks[3][3] = {{192, 0, 2}, {198, 51, 100}, {203, 0, 113}};
    for (const auto& block : blocks) {
      if (std::memcmp(bytes, block, 3) == 0) return true;
    }
    return false;
  }
  const unsigned char v6_block[4] = {0x20, 0x01, 0x0d, 0xb8};
  return inet_pton(AF_INET6, buffer, bytes) == 1 && std::memcmp(bytes, v6_block, 4) == 0;
}

bool IsWellFormedUkPostcode(std::string_view text) {
  const size_t space = text.find(' ');
  if (space == std::string_view::npos || text.size() != space + 4) return false;
  const std::string_view inward = text.substr(space + 1);
  return IsOutwardCode(text.substr(0, space)) && IsDigit(inward[0]) &&
         Contains(kInwardLetters, inward[1]) && Contains(kInwardLetters, inward[2]);
}

}  // namespace veil
