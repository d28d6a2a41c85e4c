#include "policy/yaml_value.h"

#include <utility>
#include <vector>

namespace veil {

PolicyValue ToPolicyValue(const YAML::Node& node) {
  if (!node.IsDefined()) return PolicyValue();
  const int line = node.Mark().line + 1;
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      return PolicyValue::Scalar(node.Scalar(), line);
    case YAML::NodeType::Sequence: {
      std::vector<PolicyValue> items;
      items.reserve(node.size());
      for (const auto& item : node) items.push_back(ToPolicyValue(item));
      return PolicyValue::List(std::move(items), line);
    }
    case YAML::NodeType::Map: {
      std::vector<PolicyValue::Entry> entries;
      entries.reserve(node.size());
      for (const auto& entry : node) {
        entries.emplace_back(ToPolicyValue(entry.first), ToPolicyValue(entry.second));
      }
      return PolicyValue::Map(std::move(entries), line);
    }
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      break;
  }
  return PolicyValue::Null(line);
}

}  // namespace veil
