#include "privacy/hierarchy.h"

#include "privacy/hierarchy_file.h"

namespace veil {

Result<Hierarchy> Hierarchy::FromTable(const HierarchyTable& table, const std::string& where) {
  VEIL_RETURN_IF_ERROR(CheckHierarchy(table, where));
  Hierarchy hierarchy;
  const size_t level_count = table.front().size();
  hierarchy.levels_.resize(level_count);
  for (size_t level = 0; level < level_count; ++level) {
    Level& out = hierarchy.levels_[level];
    std::unordered_map<std::string_view, int32_t> codes;
    for (size_t r = 0; r < table.size(); ++r) {
      const std::string& label = table[r][level];
      auto [it, added] = codes.emplace(label, static_cast<int32_t>(out.labels.size()));
      if (added) {
        out.labels.push_back(label);
        out.leaves.push_back(0);
        out.some_leaf.push_back(static_cast<int32_t>(r));
      }
      out.of_leaf.push_back(it->second);
      ++out.leaves[it->second];
    }
  }
  for (int32_t leaf = 0; leaf < hierarchy.Leaves(); ++leaf) {
    hierarchy.leaf_codes_.emplace(hierarchy.levels_[0].labels[leaf], leaf);
  }
  return hierarchy;
}

std::optional<int32_t> Hierarchy::LeafCode(std::string_view value) const {
  auto it = leaf_codes_.find(value);
  if (it == leaf_codes_.end()) return std::nullopt;
  return it->second;
}

}  // namespace veil
