// RuleRegistry: rule kinds by name (`fake`, `date_shift`, ...), each with the factory
// that builds a Rule from its policy argument. Adding a rule kind means writing one file
// with its factory and one Register line in builtin_rules.cc; nothing else switches on
// rule names. Immutable after construction; safe to share between threads.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "transforms/rule.h"
#include "transforms/rule_context.h"

namespace veil {

using RuleFactory =
    std::function<Result<std::unique_ptr<Rule>>(const RuleSpec&, const RuleContext&)>;

class RuleRegistry {
 public:
  void Register(const std::string& kind, RuleFactory factory) { factories_[kind] = factory; }

  // Builds the rule for `spec`, or an error naming the policy line (unknown kind,
  // bad argument, a rule that cannot fit the column).
  Result<std::unique_ptr<Rule>> Create(const RuleSpec& spec, const RuleContext& context) const;
  std::vector<std::string> Kinds() const;

 private:
  std::map<std::string, RuleFactory> factories_;
};

// Every rule kind veil ships (keep and drop are handled by the engine, not as rules).
RuleRegistry BuiltinRules();

}  // namespace veil
