#include "io/registry/location.h"

#include <filesystem>

#include "io/registry/connector_registry.h"

namespace veil {

bool Location::SameDataAs(const Location& other) const {
  if (connector->stores_files() && other.connector->stores_files()) {
    std::error_code ec;
    return std::filesystem::equivalent(path, other.path, ec);
  }
  return path == other.path;
}

Result<Location> ResolveSourceLocation(const std::string& spec) {
  return BuiltinConnectors().Resolve(spec, LocationRole::kSource);
}

Result<Location> ResolveTargetLocation(const std::string& spec) {
  return BuiltinConnectors().Resolve(spec, LocationRole::kTarget);
}

}  // namespace veil
