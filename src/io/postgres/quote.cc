#include "io/postgres/quote.h"

namespace veil::postgres {
namespace {

std::string Enclosed(std::string_view text, char mark) {
  std::string quoted;
  quoted.reserve(text.size() + 2);
  quoted.push_back(mark);
  for (const char c : text) {
    if (c == mark) quoted.push_back(mark);
    quoted.push_back(c);
  }
  quoted.push_back(mark);
  return quoted;
}

}  // namespace

std::string QuoteIdentifier(std::string_view name) {
  return Enclosed(name, '"');
}

std::string QuoteLiteral(std::string_view text) {
  return Enclosed(text, '\'');
}

std::string QuotedList(const std::vector<std::string>& names) {
  std::string list;
  for (const auto& name : names) list += (list.empty() ? "" : ", ") + QuoteIdentifier(name);
  return "(" + list + ")";
}

}  // namespace veil::postgres
