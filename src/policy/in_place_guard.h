// The in-place guard: whether a policy allows scrubbing the database a connection
// REACHED (io/reached_server.h), judged after connecting and before anything is changed.
//
// CheckInPlaceConfigured(policy): Ok if the policy has an `in_place.allow` list at all;
// otherwise a kConflict error, so that no connection is even made.
//
// CheckInPlaceAllowed(policy, server): Ok only if all of these hold, else a kConflict
// error naming the reached database, host and port, the rule and the policy file (never
// a password: nothing in ReachedServer holds one):
// - a glob of `in_place.allow` (fnmatch: * ? [..]) matches. A glob without ':' matches
//   the database name the server reports (current_database()). "HOSTGLOB:DBGLOB" (split
//   at the last ':') matches that name with DBGLOB and one of ReachedHostNames() with
//   HOSTGLOB;
// - with `in_place.server`, the server's system identifier equals it (an identifier the
//   role may not read is refused);
// - with `in_place.require_marker`, the database carries the opt-in marker (its comment
//   is 'veil: scrub allowed', or a table veil.scrub_allowed exists).
// There is no override.
#pragma once

#include <string>
#include <vector>

#include "io/reached_server.h"
#include "policy/policy.h"
#include "veil/status.h"

namespace veil {

Status CheckInPlaceConfigured(const Policy& policy);

Status CheckInPlaceAllowed(const Policy& policy, const ReachedServer& server);

// The names under which the reached host is judged. TCP: the peer's IP address, the
// server's own address (inet_server_addr()) and the host name libpq used only if it
// resolves to the peer's address. Unix socket: "localhost" and the socket's directory.
std::vector<std::string> ReachedHostNames(const ReachedServer& server);

}  // namespace veil
