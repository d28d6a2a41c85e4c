// ConnectorRegistry: the connectors veil knows, in the order they claim location strings.
//
// BuiltinConnectors() lists every connector veil ships (io/registry/builtin_connectors.cc); nothing
// else switches on a backend. A registry is immutable once built; its connectors are
// shared with the Locations it resolves, so a Location outlives its registry.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "io/connector.h"
#include "io/registry/location.h"
#include "veil/status.h"

namespace veil {

class ConnectorRegistry {
 public:
  // Appends `connector`, asked after those registered before it.
  void Register(std::shared_ptr<const Connector> connector);

  // The first connector's claim of `spec` in `role`, or the first claiming connector's
  // error (a source that does not exist: "source PATH does not exist"). An empty target
  // path, or a spec nobody claims, is an InvalidArgument that does not quote the spec.
  Result<Location> Resolve(const std::string& spec, LocationRole role) const;

  // Why `--in-place` refuses a location whose connector cannot scrub in place, naming
  // the connectors that can.
  Status InPlaceRefusal() const;

 private:
  std::vector<std::shared_ptr<const Connector>> connectors_;
};

// Every connector veil ships, in claiming order.
ConnectorRegistry BuiltinConnectors();

}  // namespace veil
