#include "transforms/rule_registry.h"

#include <fmt/format.h>

namespace veil {

Result<std::unique_ptr<Rule>> RuleRegistry::Create(const RuleSpec& spec,
                                                   const RuleContext& context) const {
  const auto it = factories_.find(spec.kind);
  if (it == factories_.end()) {
    return context.Error(spec, fmt::format("unknown rule '{}' (known: keep, drop, {})", spec.kind,
                                           fmt::join(Kinds(), ", ")));
  }
  try {
    return it->second(spec, context);
  } catch (const BadPolicyValue&) {
    return context.Error(spec, fmt::format("the argument of '{}' has the wrong shape; see "
                                           "docs/policy.md",
                                           spec.kind));
  }
}

std::vector<std::string> RuleRegistry::Kinds() const {
  std::vector<std::string> kinds;
  for (const auto& [kind, factory] : factories_) kinds.push_back(kind);
  return kinds;
}

}  // namespace veil
