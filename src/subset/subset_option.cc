#include "subset/subset_option.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <string_view>

namespace veil {
namespace {

std::string_view Trim(std::string_view text) {
  const size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  const size_t end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

Status Malformed(int position, std::string_view why) {
  return InvalidArgument(
      fmt::format("{} {}; it takes \"TABLE: CONDITION\", \"TABLE: N%\" or \"TABLE: N rows\"",
                  SubsetOptionName(position), why));
}

// Splits "TABLE: REST" at the first colon outside a double-quoted table name.
Result<std::pair<std::string, std::string_view>> SplitTable(std::string_view text, int position) {
  text = Trim(text);
  std::string table;
  size_t i = 0;
  if (!text.empty() && text[0] == '"') {
    for (i = 1; i < text.size(); ++i) {
      if (text[i] != '"') {
        table += text[i];
      } else if (i + 1 < text.size() && text[i + 1] == '"') {
        table += '"';
        ++i;
      } else {
        break;
      }
    }
    if (i >= text.size()) return Malformed(position, "has an unclosed quote in its table name");
    const size_t colon = text.find_first_not_of(" \t", i + 1);
    if (colon == std::string_view::npos || text[colon] != ':') {
      return Malformed(position, "has no ':' after its table name");
    }
    i = colon;
  } else {
    i = text.find(':');
    if (i == std::string_view::npos) return Malformed(position, "names no table");
    table = std::string(Trim(text.substr(0, i)));
  }
  if (table.empty()) return Malformed(position, "names no table");
  return std::make_pair(table, Trim(text.substr(i + 1)));
}

// "N%" or "N rows" into `spec`; false if `rest` is neither form.
Result<bool> ReadSample(std::string_view rest, SubsetSpec& spec) {
  const bool percent = !rest.empty() && rest.back() == '%';
  const bool rows = rest.size() > 4 && rest.substr(rest.size() - 4) == "rows";
  if (!percent && !rows) return false;
  const std::string_view number = Trim(rest.substr(0, rest.size() - (percent ? 1 : 4)));
  if (number.empty() || number.find_first_not_of("0123456789.+-") != std::string_view::npos) {
    return false;  // e.g. "name LIKE 'a%'": a condition
  }
  const char* end = number.data() + number.size();
  if (percent) {
    spec.kind = SubsetSpec::Kind::kPercent;
    const auto parsed = std::from_chars(number.data(), end, spec.percent);
    if (parsed.ec != std::errc() || parsed.ptr != end || !(spec.percent > 0) ||
        spec.percent > 100 || !std::isfinite(spec.percent)) {
      return Malformed(spec.position, "asks for a share that is not in (0, 100]%");
    }
    return true;
  }
  spec.kind = SubsetSpec::Kind::kRows;
  const auto parsed = std::from_chars(number.data(), end, spec.rows);
  if (parsed.ec != std::errc() || parsed.ptr != end || spec.rows <= 0) {
    return Malformed(spec.position, "asks for a number of rows that is not a positive integer");
  }
  return true;
}

}  // namespace

std::string SubsetOptionName(int position) {
  const int tens = position % 100;
  const int units = position % 10;
  const char* suffix = "th";
  if (tens < 11 || tens > 13) {
    suffix = units == 1 ? "st" : units == 2 ? "nd" : units == 3 ? "rd" : "th";
  }
  return fmt::format("the {}{} --subset", position, suffix);
}

Result<SubsetSpec> ParseSubsetOption(const std::string& text, int position) {
  SubsetSpec spec;
  spec.position = position;
  VEIL_ASSIGN_OR_RETURN(auto split, SplitTable(text, position));
  spec.table = std::move(split.first);
  const std::string_view rest = split.second;
  if (rest.empty()) return Malformed(position, "has nothing after the table name");
  VEIL_ASSIGN_OR_RETURN(const bool sample, ReadSample(rest, spec));
  if (!sample) {
    spec.kind = SubsetSpec::Kind::kCondition;
    spec.condition = std::string(rest);
  }
  return spec;
}

bool AsksForSample(const std::vector<std::string>& options) {
  for (size_t i = 0; i < options.size(); ++i) {
    const Result<SubsetSpec> spec = ParseSubsetOption(options[i], static_cast<int>(i) + 1);
    if (spec.ok() && spec->kind != SubsetSpec::Kind::kCondition) return true;
  }
  return false;
}

Status CheckSqlCondition(const SubsetSpec& spec) {
  const std::string& text = spec.condition;
  const auto refuse = [&](std::string_view why) {
    return InvalidArgument(fmt::format("{} (table {}): the condition {}",
                                       SubsetOptionName(spec.position), spec.table, why));
  };
  int depth = 0;
  char quote = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quote != 0) {
      if (c == quote) quote = 0;  // a doubled quote closes and reopens: still balanced
      continue;
    }
    const char next = i + 1 < text.size() ? text[i + 1] : '\0';
    if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')' && --depth < 0) {
      return refuse("closes a parenthesis it did not open");
    } else if (c == ';') {
      return refuse("holds a ';' (one expression only)");
    } else if ((c == '-' && next == '-') || (c == '/' && next == '*')) {
      return refuse("holds a comment");
    }
  }
  if (quote != 0) return refuse("leaves a quote open");
  if (depth != 0) return refuse("leaves a parenthesis open");
  return Status::Ok();
}

}  // namespace veil
