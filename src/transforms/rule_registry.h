// RuleRegistry: rule kinds by name (the constants of policy/rule_kinds.h), each with the
// parser that reads its policy argument into a typed struct and the builder that makes a
// Rule of that struct for one column. Adding a rule kind means writing one file with its
// arguments, parser and builder and one Register line in builtin_rules.cc; nothing else
// switches on rule names. Immutable after construction; safe to share between threads.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "transforms/parsed_rule.h"
#include "transforms/rule.h"
#include "transforms/rule_context.h"
#include "transforms/rule_site.h"

namespace veil {

// Reads a rule's argument. On success the arguments, holding no policy value; on a
// bad argument an error from site.Error(spec, ...). May throw BadPolicyValue (a scalar
// of the wrong type), which Parse turns into an error naming the line.
template <typename Arguments>
using ArgumentParser = std::function<Result<Arguments>(const RuleSpec&, const RuleSite&)>;

// Builds the rule of parsed arguments for the column `context` names; errors come from
// context.Error(...), which names the rule's line.
template <typename Arguments>
using RuleBuilder =
    std::function<Result<std::unique_ptr<Rule>>(const Arguments&, const RuleContext&)>;

class RuleRegistry {
 public:
  template <typename Arguments>
  void Register(std::string_view kind, ArgumentParser<Arguments> parse,
                RuleBuilder<Arguments> build) {
    std::string name(kind);
    parsers_[name] = [name, parse = std::move(parse), build = std::move(build)](
                         const RuleSpec& spec, const RuleSite& site) -> Result<ParsedRule> {
      VEIL_ASSIGN_OR_RETURN(Arguments arguments, parse(spec, site));
      auto shared = std::make_shared<const Arguments>(std::move(arguments));
      return ParsedRule(name, spec.line, [shared, build](const RuleContext& context) {
        return build(*shared, context);
      });
    };
  }

  // Reads `spec` (written at `site`) into its kind's arguments. On failure an error
  // naming the policy line: an unknown kind, an argument of the wrong shape or value.
  Result<ParsedRule> Parse(const RuleSpec& spec, const RuleSite& site) const;
  std::vector<std::string> Kinds() const;

 private:
  using Parser = std::function<Result<ParsedRule>(const RuleSpec&, const RuleSite&)>;
  std::map<std::string, Parser> parsers_;
};

// Every rule kind veil ships (keep and drop are handled by the engine, not as rules).
RuleRegistry BuiltinRules();

}  // namespace veil
