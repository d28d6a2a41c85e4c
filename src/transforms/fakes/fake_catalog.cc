#include <algorithm>

#include "transforms/fakes/builtin_fakes.h"
#include "transforms/fakes/fake_kind.h"

namespace veil {

Result<std::shared_ptr<const FakeCatalog>> FakeCatalog::Builtin() {
  auto catalog = std::make_shared<FakeCatalog>();
  for (auto* add :
       {&AddNameFakes, &AddContactFakes, &AddAddressFakes, &AddIdentifierFakes, &AddDateFakes}) {
    VEIL_RETURN_IF_ERROR(add(*catalog).WithContext("loading the built-in fake kinds"));
  }
  return std::shared_ptr<const FakeCatalog>(std::move(catalog));
}

const FakeKind* FakeCatalog::Find(std::string_view name) const {
  for (const auto& kind : kinds_) {
    if (kind->name() == name) return kind.get();
  }
  return nullptr;
}

std::vector<std::string> FakeCatalog::Names() const {
  std::vector<std::string> names;
  names.reserve(kinds_.size());
  for (const auto& kind : kinds_) names.emplace_back(kind->name());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace veil
