#include "generate/check_limits.h"

#include <algorithm>
#include <charconv>
#include <regex>

namespace veil {
namespace {

std::regex Icase(const char* text) {
  return std::regex(text, std::regex::icase);
}
std::regex Icase(const std::string& text) {
  return std::regex(text, std::regex::icase);
}

// The expression inside CHECK (...), with casts, parentheses and the constraint's name
// removed and BETWEEN written as two comparisons.
std::string Simplify(const std::string& constraint) {
  std::string text =
      std::regex_replace(constraint, Icase(R"(^\s*constraint\s+("[^"]*"|\S+)\s+)"), "");
  text = std::regex_replace(text, Icase(R"(^\s*check\s*)"), "");
  text = std::regex_replace(
      text,
      Icase(
          R"(::\s*(character varying|double precision|timestamp with(out)? time zone|"[^"]+"|[a-z_][a-z0-9_.]*)(\[\])?)"),
      "");
  std::replace_if(
      text.begin(), text.end(), [](char c) { return c == '(' || c == ')'; }, ' ');
  return std::regex_replace(
      text, Icase(R"(("[^"]+"|[a-z_][a-z0-9_]*)\s+between\s+(-?[0-9.]+)\s+and\s+(-?[0-9.]+))"),
      "$1 >= $2 AND $1 <= $3");
}

std::vector<std::string> Conjuncts(const std::string& expression) {
  std::vector<std::string> parts;
  const std::regex separator = Icase(R"(\s+and\s+)");
  std::sregex_token_iterator it(expression.begin(), expression.end(), separator, -1);
  for (; it != std::sregex_token_iterator(); ++it) parts.push_back(*it);
  return parts;
}

std::string Unquoted(const std::string& name) {
  if (name.size() >= 2 && name.front() == '"') return name.substr(1, name.size() - 2);
  return name;
}

std::optional<double> Number(const std::string& text) {
  double value = 0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

// `op` as seen from the column's side: "5 < x" is "x > 5".
std::string Mirrored(const std::string& op) {
  if (op == "<") return ">";
  if (op == ">") return "<";
  if (op == "<=") return ">=";
  if (op == ">=") return "<=";
  return op;
}

void Apply(const std::string& op, double value, ColumnLimits& limits) {
  if (op == ">" || op == ">=") {
    if (!limits.low || value >= *limits.low) {
      limits.low = value;
      limits.low_inclusive = op == ">=";
    }
  } else if (op == "<" || op == "<=") {
    if (!limits.high || value <= *limits.high) {
      limits.high = value;
      limits.high_inclusive = op == "<=";
    }
  } else {  // "=": exactly one value
    limits.low = limits.high = value;
    limits.low_inclusive = limits.high_inclusive = true;
  }
}

std::vector<std::string> QuotedValues(const std::string& list) {
  std::vector<std::string> values;
  const std::regex quoted = Icase(R"('((?:[^']|'')*)')");
  for (std::sregex_iterator it(list.begin(), list.end(), quoted); it != std::sregex_iterator();
       ++it) {
    values.push_back(std::regex_replace((*it)[1].str(), std::regex("''"), "'"));
  }
  if (!values.empty()) return values;
  const std::regex number = Icase(R"(-?[0-9]+(\.[0-9]+)?)");
  for (std::sregex_iterator it(list.begin(), list.end(), number); it != std::sregex_iterator();
       ++it) {
    values.push_back(it->str());
  }
  return values;
}

bool ReadConjunct(const std::string& part, CheckLimits& out) {
  static const char* kName = R"(("[^"]+"|[a-z_][a-z0-9_]*))";
  std::smatch m;
  const std::string name_first =
      std::string(R"(^\s*)") + kName + R"(\s*(<=|>=|<|>|=)\s*(-?[0-9.]+)\s*$)";
  const std::string number_first =
      std::string(R"(^\s*(-?[0-9.]+)\s*(<=|>=|<|>|=)\s*)") + kName + R"(\s*$)";
  const std::string length =
      std::string(R"(^\s*(?:char_)?length\s*)") + kName + R"(\s*(<=|<|=)\s*([0-9]+)\s*$)";
  const std::string list =
      std::string(R"(^\s*)") + kName + R"(\s*(?:in\s|=\s*any\s*array\s*\[)(.*)$)";
  const std::string not_null = std::string(R"(^\s*)") + kName + R"(\s+is\s+not\s+null\s*$)";
  if (std::regex_match(part, m, Icase(name_first))) {
    auto value = Number(m[3].str());
    if (!value) return false;
    Apply(m[2].str(), *value, out.columns[Unquoted(m[1].str())]);
    return true;
  }
  if (std::regex_match(part, m, Icase(number_first))) {
    auto value = Number(m[1].str());
    if (!value) return false;
    Apply(Mirrored(m[2].str()), *value, out.columns[Unquoted(m[3].str())]);
    return true;
  }
  if (std::regex_match(part, m, Icase(length))) {
    size_t n = std::stoul(m[3].str()) - (m[2].str() == "<" ? 1 : 0);
    auto& limit = out.columns[Unquoted(m[1].str())].max_length;
    limit = limit ? std::min(*limit, n) : n;
    return true;
  }
  if (std::regex_match(part, m, Icase(list))) {
    auto values = QuotedValues(m[2].str());
    if (values.empty()) return false;
    out.columns[Unquoted(m[1].str())].allowed = std::move(values);
    return true;
  }
  return std::regex_match(part, Icase(not_null));
}

}  // namespace

CheckLimits ReadCheckLimits(const std::vector<std::string>& check_constraints) {
  CheckLimits out;
  for (size_t i = 0; i < check_constraints.size(); ++i) {
    // std::regex recurses per character matched: a long constraint is left unread.
    if (check_constraints[i].size() > kMaxReadCheckBytes) {
      out.not_understood.push_back(i + 1);
      continue;
    }
    CheckLimits attempt = out;
    bool understood = true;
    for (const auto& part : Conjuncts(Simplify(check_constraints[i]))) {
      if (!ReadConjunct(part, attempt)) understood = false;
    }
    if (understood) {
      out = std::move(attempt);
    } else {
      out.not_understood.push_back(i + 1);
    }
  }
  return out;
}

}  // namespace veil
