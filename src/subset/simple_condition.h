// SimpleCondition: the conditions `--subset` can evaluate itself, for sources that do
// not evaluate SQL (CSV): `column = value` and `column IN (value, value, ...)`.
//
// The column is bare or double-quoted ("my column"); each value is single-quoted ('a b',
// '' for a quote inside) or bare (anything up to a comma or closing parenthesis,
// trimmed). A cell matches when its bytes equal one of the values; a NULL cell matches
// nothing. Errors name the option, never the condition's text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "subset/subset_option.h"
#include "veil/status.h"

namespace veil {

struct SimpleCondition {
  std::string column;
  std::vector<std::string> values;

  bool Matches(std::string_view cell) const {
    for (const auto& value : values) {
      if (cell == value) return true;
    }
    return false;
  }
};

// Reads `spec.condition` (a kCondition spec). On success the condition; otherwise an
// InvalidArgument naming the option and `source` (the source's description) and the
// forms it takes.
Result<SimpleCondition> ParseSimpleCondition(const SubsetSpec& spec, const std::string& source);

}  // namespace veil
