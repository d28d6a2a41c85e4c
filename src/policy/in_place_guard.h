// The in-place guard: whether a policy allows scrubbing a database where it stands.
//
// A database may be scrubbed in place only if the policy's `in_place.allow` list has a
// glob (fnmatch: * ? [..]) that matches it: a glob without ':' matches the database
// name, a glob "HOST:DB" matches the host and the name (every host of a multi-host
// address must match). No list, no match or an unnamed database: refused, with a
// message naming the database and the rule. There is no override.
#pragma once

#include <string>
#include <vector>

#include "policy/policy.h"
#include "veil/status.h"

namespace veil {

Status CheckInPlaceAllowed(const Policy& policy, const std::string& dbname,
                           const std::vector<std::string>& hosts);

}  // namespace veil
