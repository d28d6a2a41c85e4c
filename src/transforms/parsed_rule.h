// ParsedRule: one rule of the policy with its argument already read into the rule's own
// typed struct (see RuleRegistry::Parse), waiting to be built for a source column.
// Parsing needs only the policy; building needs the column (its declared type, the
// table's key columns) and the run's resources, so it happens once the source schema is
// known. A ParsedRule holds no policy value: what the rule needs was copied out of it.
// Immutable and cheap to copy (the arguments are shared); safe to share between threads.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "transforms/rule.h"
#include "transforms/rule_context.h"

namespace veil {

class ParsedRule {
 public:
  // Builds the rule for the column `context` names; errors name the rule's policy line.
  using Builder = std::function<Result<std::unique_ptr<Rule>>(const RuleContext&)>;

  ParsedRule(std::string kind, int line, Builder build)
      : kind_(std::move(kind)), line_(line), build_(std::move(build)) {}

  const std::string& kind() const { return kind_; }
  int line() const { return line_; }

  // On success, a new Rule owned by the caller. On failure (an entity that is not
  // declared, a value longer than the column allows, ...) an error
  // "POLICY:LINE: table T, column C: what", never a cell's value.
  Result<std::unique_ptr<Rule>> Build(const RuleContext& context) const {
    RuleContext located = context;
    located.line = line_;
    return build_(located);
  }

 private:
  std::string kind_;
  int line_ = 0;
  Builder build_;
};

}  // namespace veil
