#include "subset/simple_condition.h"

#include <fmt/format.h>

#include <cctype>

namespace veil {
namespace {

// A cursor over the condition's text.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  void SkipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  bool AtEnd() {
    SkipSpace();
    return pos_ >= text_.size();
  }
  // Consumes `c` (after spaces) if it is next.
  bool Take(char c) {
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  // Consumes the keyword IN (any case) followed by a space or '('.
  bool TakeIn() {
    SkipSpace();
    if (text_.size() - pos_ < 3) return false;
    const bool in =
        std::toupper(static_cast<unsigned char>(text_[pos_])) == 'I' &&
        std::toupper(static_cast<unsigned char>(text_[pos_ + 1])) == 'N' &&
        (text_[pos_ + 2] == '(' || std::isspace(static_cast<unsigned char>(text_[pos_ + 2])));
    if (in) pos_ += 2;
    return in;
  }
  // A quoted text with the quote doubled inside, or false if unterminated.
  bool Quoted(char quote, std::string& out) {
    ++pos_;
    while (pos_ < text_.size()) {
      const char c = text_[pos_++];
      if (c != quote) {
        out += c;
      } else if (pos_ < text_.size() && text_[pos_] == quote) {
        out += quote;
        ++pos_;
      } else {
        return true;
      }
    }
    return false;
  }
  // A column name: double-quoted, or a run of letters, digits and '_'.
  bool Column(std::string& out) {
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == '"') return Quoted('"', out);
    while (pos_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) {
      out += text_[pos_++];
    }
    return !out.empty();
  }
  // A value: single-quoted, or bare up to `stop` characters (trimmed).
  bool Value(std::string_view stops, std::string& out) {
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == '\'') return Quoted('\'', out);
    while (pos_ < text_.size() && stops.find(text_[pos_]) == std::string_view::npos) {
      out += text_[pos_++];
    }
    while (!out.empty() && std::isspace(static_cast<unsigned char>(out.back()))) out.pop_back();
    return !out.empty() && out.find_first_of("'\"") == std::string::npos;
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

bool ParseList(Scanner& scan, std::vector<std::string>& values) {
  if (!scan.Take('(')) return false;
  do {
    std::string value;
    if (!scan.Value(",)", value)) return false;
    values.push_back(std::move(value));
  } while (scan.Take(','));
  return scan.Take(')');
}

}  // namespace

Result<SimpleCondition> ParseSimpleCondition(const SubsetSpec& spec, const std::string& source) {
  Scanner scan(spec.condition);
  SimpleCondition condition;
  bool ok = scan.Column(condition.column);
  if (ok && scan.Take('=')) {
    std::string value;
    ok = scan.Value("", value);
    condition.values.push_back(std::move(value));
  } else {
    ok = ok && scan.TakeIn() && ParseList(scan, condition.values);
  }
  if (!ok || !scan.AtEnd()) {
    return InvalidArgument(fmt::format(
        "{} (table {}): {} does not evaluate SQL; its conditions are `column = value` or "
        "`column IN (value, ...)`, values bare or in single quotes",
        SubsetOptionName(spec.position), spec.table, source));
  }
  return condition;
}

}  // namespace veil
