#include "io/registry/connector_registry.h"

#include <fmt/format.h>

#include <utility>

namespace veil {

void ConnectorRegistry::Register(std::shared_ptr<const Connector> connector) {
  connectors_.push_back(std::move(connector));
}

Result<Location> ConnectorRegistry::Resolve(const std::string& spec, LocationRole role) const {
  for (const auto& connector : connectors_) {
    VEIL_ASSIGN_OR_RETURN(LocationClaim claim, connector->Claim(spec, role));
    if (!claim.claimed) continue;
    if (role == LocationRole::kTarget && claim.path.empty()) {
      return InvalidArgument("the target path is empty");
    }
    return Location{connector, std::move(claim.path)};
  }
  // Not quoted: a location string may hold a password.
  return InvalidArgument(role == LocationRole::kSource ? "no connector reads this source"
                                                       : "no connector writes this target");
}

Status ConnectorRegistry::InPlaceRefusal() const {
  std::string able;
  for (const auto& connector : connectors_) {
    if (!connector->scrubs_in_place()) continue;
    if (!able.empty()) able += " and ";
    able += connector->description();
  }
  return InvalidArgument(
      fmt::format("--in-place scrubs {} only; files are anonymised into a new copy", able));
}

}  // namespace veil
