#include "transforms/code_lists.h"

#include <nlohmann/json.hpp>

#include "core/embedded_data.h"

namespace veil {

Result<std::shared_ptr<const CodeLists>> CodeLists::Builtin() {
  const auto text = EmbeddedFile("dfe_codesets.json");
  if (!text) return InternalError("the DfE code lists are missing from this build");
  const auto json = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) {
    return InternalError("the embedded DfE code lists are not valid JSON");
  }
  auto lists = std::make_shared<CodeLists>();
  for (const auto& [name, value] : json.items()) {
    if (!value.is_array() || value.empty()) continue;
    std::vector<std::string> codes;
    for (const auto& code : value) {
      if (code.is_string()) codes.push_back(code.get<std::string>());
    }
    if (!codes.empty()) lists->lists_["dfe." + name] = std::move(codes);
  }
  return std::shared_ptr<const CodeLists>(std::move(lists));
}

const std::vector<std::string>* CodeLists::Find(const std::string& name) const {
  const auto it = lists_.find(name);
  return it == lists_.end() ? nullptr : &it->second;
}

std::vector<std::string> CodeLists::Names() const {
  std::vector<std::string> names;
  for (const auto& [name, codes] : lists_) names.push_back(name);
  return names;
}

}  // namespace veil
