// JsonPath: a parsed path into a JSON document, in the subset of JSONPath (RFC 9535)
// that the `json` rule understands.
//
// Syntax: `$` (the whole document) followed by any number of steps:
//   .name           a member whose name is letters, digits, `_` or `-` (or non-ASCII)
//   ['name'] ["n"]  a member with any name; `\\`, `\'` and `\"` escape inside quotes
//   [N] [-N]        an array element by index; negative counts from the end ([-1] is last)
//   [*] .*          every array element, or every member value of an object
// Nothing else (recursive descent `..`, filters, slices, unions, spaces) is accepted:
// Parse() returns an error saying what was expected where, so a mistyped path can never
// silently address nothing.
//
// Find() only reads the document: a step that does not fit (a missing member, an index
// out of range, a member step on an array, any step on a string) matches nothing there.
// Values of type `discarded` (the json rule's mark for "to be removed") are never
// matched. Stateless after parsing; safe to share between threads.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "veil/status.h"

namespace veil {

struct JsonPathStep {
  enum class Kind { kMember, kIndex, kWildcard };
  Kind kind = Kind::kMember;
  std::string name;   // kMember
  int64_t index = 0;  // kIndex; negative counts from the end
};

// True when `text` opens more than `limit` arrays and objects inside each other; brackets
// inside strings do not count. A bound on nesting only: it does not validate the JSON.
// Ask it before parsing text from a source: deep documents cost stack to write back.
bool NestsDeeperThan(std::string_view text, size_t limit);

class JsonPath {
 public:
  // Parses `text`; the error (kPolicy) says what was expected at which character.
  static Result<JsonPath> Parse(std::string_view text);

  const std::vector<JsonPathStep>& steps() const { return steps_; }
  bool IsRoot() const { return steps_.empty(); }
  // The canonical spelling: `.name` where that spelling is allowed, else `['name']`.
  // Two spellings of one path have the same canonical text.
  const std::string& text() const { return text_; }

  // Appends a pointer to every value of `document` the path addresses, in document
  // order. Pointers stay valid while no container on their way is resized.
  void Find(nlohmann::ordered_json& document, std::vector<nlohmann::ordered_json*>& out) const;

 private:
  void FindFrom(nlohmann::ordered_json& value, size_t step,
                std::vector<nlohmann::ordered_json*>& out) const;

  std::vector<JsonPathStep> steps_;
  std::string text_;
};

}  // namespace veil
