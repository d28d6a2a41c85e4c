#include "transforms/rule_site.h"

#include <fmt/format.h>

namespace veil {

Status RuleSite::Error(const RuleSpec& spec, const std::string& what) const {
  return PolicyError(
      fmt::format("{}:{}: table {}, column {}: {}", policy_path, spec.line, table, column, what));
}

RuleSite RuleSite::Inside(const std::string& label) const {
  RuleSite inner = *this;
  inner.column = fmt::format("{}, {}", column, label);
  return inner;
}

}  // namespace veil
