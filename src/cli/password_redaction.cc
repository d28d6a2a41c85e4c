#include "cli/password_redaction.h"

#include <cctype>

namespace veil {
namespace {

bool IsSpace(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}

// Replaces the password of a URI's user information after every "://".
std::string RedactUserInfo(std::string_view text) {
  std::string out;
  size_t at = 0;
  for (size_t scheme = text.find("://"); scheme != std::string_view::npos;
       scheme = text.find("://", scheme + 3)) {
    const size_t start = scheme + 3;
    size_t end = start;  // the end of the authority: '/', '?', '#' or a space
    while (end < text.size() && text[end] != '/' && text[end] != '?' && text[end] != '#' &&
           !IsSpace(text[end])) {
      ++end;
    }
    const size_t user_end = text.rfind('@', end == start ? start : end - 1);
    if (user_end == std::string_view::npos || user_end < start) continue;
    const size_t colon = text.find(':', start);
    if (colon == std::string_view::npos || colon > user_end) continue;
    out.append(text.substr(at, colon + 1 - at));
    out.append("***");
    at = user_end;
  }
  out.append(text.substr(at));
  return out;
}

// Replaces the value after every "password" keyword followed by '='.
std::string RedactPasswordKeywords(const std::string& text) {
  std::string out;
  size_t at = 0;
  for (size_t key = text.find("password"); key != std::string::npos;
       key = text.find("password", key + 8)) {
    size_t equals = key + 8;
    while (equals < text.size() && IsSpace(text[equals])) ++equals;
    if (equals >= text.size() || text[equals] != '=') continue;
    size_t value = equals + 1;
    while (value < text.size() && IsSpace(text[value])) ++value;
    size_t end = value;
    if (end < text.size() && text[end] == '\'') {  // a quoted value, \' escaping a quote
      for (++end; end < text.size() && text[end] != '\''; ++end) {
        if (text[end] == '\\') ++end;
      }
      end = end < text.size() ? end + 1 : text.size();
    } else {
      while (end < text.size() && !IsSpace(text[end]) && text[end] != '&') ++end;
    }
    out.append(text, at, value - at);
    out.append("***");
    at = end;
    key = end > 8 ? end - 8 : end;
  }
  out.append(text, at, std::string::npos);
  return out;
}

}  // namespace

std::string WithoutPasswords(std::string_view text) {
  return RedactPasswordKeywords(RedactUserInfo(text));
}

}  // namespace veil
