#include "transforms/rule_registry.h"

#include <fmt/format.h>

namespace veil {

Result<ParsedRule> RuleRegistry::Parse(const RuleSpec& spec, const RuleSite& site) const {
  const auto it = parsers_.find(spec.kind);
  if (it == parsers_.end()) {
    return site.Error(spec, fmt::format("unknown rule '{}' (known: keep, drop, {})", spec.kind,
                                        fmt::join(Kinds(), ", ")));
  }
  try {
    return it->second(spec, site);
  } catch (const BadPolicyValue&) {
    return site.Error(spec, fmt::format("the argument of '{}' has the wrong shape; see "
                                        "docs/policy.md",
                                        spec.kind));
  }
}

std::vector<std::string> RuleRegistry::Kinds() const {
  std::vector<std::string> kinds;
  for (const auto& [kind, parser] : parsers_) kinds.push_back(kind);
  return kinds;
}

}  // namespace veil
