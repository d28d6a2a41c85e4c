#include "policy/yaml_size.h"

#include <fmt/format.h>

#include <vector>

namespace veil {

Status CheckExpandedSize(const YAML::Node& root, size_t max_nodes, const std::string& path) {
  std::vector<YAML::Node> pending{root};  // an explicit stack: no recursion on deep trees
  size_t seen = 0;
  while (!pending.empty()) {
    const YAML::Node node = pending.back();
    pending.pop_back();
    if (++seen > max_nodes) {
      return PolicyError(fmt::format(
          "{}:{}: the policy expands to more than {} YAML nodes (are aliases such as *name "
          "used inside each other?); veil refuses to read it",
          path, node.Mark().line + 1, max_nodes));
    }
    if (node.IsSequence()) {
      for (const auto& item : node) pending.push_back(item);
    } else if (node.IsMap()) {
      for (const auto& entry : node) {
        pending.push_back(entry.first);
        pending.push_back(entry.second);
      }
    }
  }
  return Status::Ok();
}

}  // namespace veil
