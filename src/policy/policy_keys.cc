#include "policy/policy_keys.h"

#include <fmt/format.h>

namespace veil {

Status CheckPolicyKeys(const YAML::Node& map, const std::set<std::string>& allowed,
                       const std::string& where, const std::string& path) {
  std::set<std::string> seen;
  for (const auto& item : map) {
    const auto key = item.first.as<std::string>();
    const int line = item.first.Mark().line + 1;
    if (!allowed.count(key)) {
      return PolicyError(fmt::format("{}:{}: unknown key '{}' in {} (allowed: {})", path, line, key,
                                     where, fmt::join(allowed, ", ")));
    }
    if (!seen.insert(key).second) {
      return PolicyError(
          fmt::format("{}:{}: key '{}' appears twice in {}", path, line, key, where));
    }
  }
  return Status::Ok();
}

}  // namespace veil
