#include "transforms/json_path.h"

#include <fmt/format.h>

#include <charconv>
#include <nlohmann/json.hpp>

namespace veil {
namespace {

using Json = nlohmann::ordered_json;

bool IsNameByte(char c, bool first) {
  const auto u = static_cast<unsigned char>(c);
  if (u >= 0x80 || c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return !first && ((c >= '0' && c <= '9') || c == '-');
}

bool IsDotName(std::string_view name) {
  if (name.empty() || !IsNameByte(name.front(), true)) return false;
  for (char c : name) {
    if (!IsNameByte(c, false)) return false;
  }
  return true;
}

std::string CanonicalStep(const JsonPathStep& step) {
  switch (step.kind) {
    case JsonPathStep::Kind::kWildcard:
      return "[*]";
    case JsonPathStep::Kind::kIndex:
      return fmt::format("[{}]", step.index);
    case JsonPathStep::Kind::kMember:
      break;
  }
  if (IsDotName(step.name)) return "." + step.name;
  std::string quoted = "['";
  for (char c : step.name) {
    if (c == '\\' || c == '\'') quoted.push_back('\\');
    quoted.push_back(c);
  }
  return quoted + "']";
}

// A recursive-descent reader of one path; each method consumes one construct.
class PathParser {
 public:
  explicit PathParser(std::string_view text) : text_(text) {}

  Result<std::vector<JsonPathStep>> Parse() {
    if (!Take('$')) return Fail("a path starts with '$'");
    std::vector<JsonPathStep> steps;
    while (pos_ < text_.size()) {
      JsonPathStep step;
      if (Take('.')) {
        VEIL_RETURN_IF_ERROR(DotStep(step));
      } else if (Take('[')) {
        VEIL_RETURN_IF_ERROR(BracketStep(step));
      } else {
        return Fail("expected '.' or '['");
      }
      steps.push_back(std::move(step));
    }
    return steps;
  }

 private:
  Status DotStep(JsonPathStep& step) {
    if (Take('.')) return Fail("recursive descent '..' is not supported");
    if (Take('*')) {
      step.kind = JsonPathStep::Kind::kWildcard;
      return Status::Ok();
    }
    if (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
      return Fail(
          "a name after '.' cannot start with a digit; write [N] for an array element "
          "or ['N'] for a member named N");
    }
    const size_t start = pos_;
    while (pos_ < text_.size() && IsNameByte(text_[pos_], pos_ == start)) ++pos_;
    if (pos_ == start) {
      return Fail(
          "expected a member name after '.'; write ['...'] for names with other "
          "characters");
    }
    step.name = std::string(text_.substr(start, pos_ - start));
    return Status::Ok();
  }

  Status BracketStep(JsonPathStep& step) {
    if (Take('*')) {
      step.kind = JsonPathStep::Kind::kWildcard;
    } else if (pos_ < text_.size() && (text_[pos_] == '\'' || text_[pos_] == '"')) {
      VEIL_RETURN_IF_ERROR(QuotedName(step.name));
    } else {
      step.kind = JsonPathStep::Kind::kIndex;
      VEIL_RETURN_IF_ERROR(Index(step.index));
    }
    if (!Take(']')) return Fail("expected ']' (filters, slices and unions are not supported)");
    return Status::Ok();
  }

  Status QuotedName(std::string& name) {
    const char quote = text_[pos_++];
    while (pos_ < text_.size() && text_[pos_] != quote) {
      char c = text_[pos_++];
      if (c == '\\') {
        if (pos_ == text_.size()) break;
        c = text_[pos_++];
        if (c != '\\' && c != '\'' && c != '"' && c != '/') {
          --pos_;
          return Fail("unsupported escape; only \\\\, \\', \\\" and \\/ are understood");
        }
      }
      name.push_back(c);
    }
    if (!Take(quote)) return Fail("unterminated quoted name");
    return Status::Ok();
  }

  Status Index(int64_t& index) {
    const char* begin = text_.data() + pos_;
    const char* end = text_.data() + text_.size();
    const auto [stop, error] = std::from_chars(begin, end, index);
    if (error != std::errc() || stop == begin) {
      return Fail("expected an array index, '*' or a quoted name after '['");
    }
    pos_ += static_cast<size_t>(stop - begin);
    return Status::Ok();
  }

  bool Take(char c) {
    if (pos_ >= text_.size() || text_[pos_] != c) return false;
    ++pos_;
    return true;
  }

  Status Fail(std::string_view what) const {
    return PolicyError(
        fmt::format("malformed JSON path '{}': {} (at character {})", text_, what, pos_ + 1));
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

Result<JsonPath> JsonPath::Parse(std::string_view text) {
  JsonPath path;
  VEIL_ASSIGN_OR_RETURN(path.steps_, PathParser(text).Parse());
  std::string canonical(1, '$');  // built aside: GCC 12 -O2 warns on `text_ = "$"` (-Wrestrict)
  for (const auto& step : path.steps_) canonical += CanonicalStep(step);
  path.text_ = std::move(canonical);
  return path;
}

void JsonPath::Find(Json& document, std::vector<Json*>& out) const {
  FindFrom(document, 0, out);
}

void JsonPath::FindFrom(Json& value, size_t step, std::vector<Json*>& out) const {
  if (value.is_discarded()) return;
  if (step == steps_.size()) {
    out.push_back(&value);
    return;
  }
  const JsonPathStep& s = steps_[step];
  switch (s.kind) {
    case JsonPathStep::Kind::kMember:
      if (value.is_object()) {
        const auto it = value.find(s.name);
        if (it != value.end()) FindFrom(*it, step + 1, out);
      }
      return;
    case JsonPathStep::Kind::kIndex:
      if (value.is_array()) {
        const auto size = static_cast<int64_t>(value.size());
        const int64_t i = s.index < 0 ? size + s.index : s.index;
        if (i >= 0 && i < size) FindFrom(value[static_cast<size_t>(i)], step + 1, out);
      }
      return;
    case JsonPathStep::Kind::kWildcard:
      if (value.is_array() || value.is_object()) {
        for (auto& child : value) FindFrom(child, step + 1, out);
      }
      return;
  }
}

bool NestsDeeperThan(std::string_view text, size_t limit) {
  size_t depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped character
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

}  // namespace veil
