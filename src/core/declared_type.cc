#include "core/declared_type.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string>

namespace veil {
namespace {

std::string LowerCase(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

}  // namespace

std::optional<size_t> DeclaredTextLength(std::string_view declared_type) {
  const std::string type = LowerCase(declared_type);
  const size_t open = type.find('(');
  if (type.find("char") == std::string::npos || open == std::string::npos) return std::nullopt;
  size_t length = 0;
  const char* first = type.data() + open + 1;
  const char* last = type.data() + type.size();
  const auto [end, error] = std::from_chars(first, last, length);
  if (error != std::errc() || end == first || end == last || *end != ')') return std::nullopt;
  return length;
}

bool IsIntegerType(std::string_view declared_type) {
  return LowerCase(declared_type).find("int") != std::string::npos;
}

std::optional<size_t> DeclaredIntegerDigits(std::string_view declared_type) {
  const std::string type = LowerCase(declared_type);
  if (declared_type == "smallint" || type == "int2") return size_t{4};
  if (declared_type == "integer" || type == "int4") return size_t{9};
  return std::nullopt;
}

bool IsBinaryType(std::string_view declared_type) {
  return LowerCase(declared_type) == "bytea";
}

}  // namespace veil
