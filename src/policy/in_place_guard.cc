#include "policy/in_place_guard.h"

#include <fmt/format.h>
#include <fnmatch.h>

#include <algorithm>

namespace veil {
namespace {

constexpr const char* kRefusing = "refusing to scrub in place";

bool Matches(const std::string& glob, const std::string& text) {
  return fnmatch(glob.c_str(), text.c_str(), 0) == 0;
}

bool GlobAllows(const std::string& glob, const std::string& database,
                const std::vector<std::string>& host_names) {
  const size_t colon = glob.rfind(':');
  if (colon == std::string::npos) return Matches(glob, database);
  if (!Matches(glob.substr(colon + 1), database)) return false;
  const std::string host_glob = glob.substr(0, colon);
  return std::any_of(host_names.begin(), host_names.end(),
                     [&](const std::string& name) { return Matches(host_glob, name); });
}

std::string ListGlobs(const std::vector<std::string>& globs) {
  std::string list;
  for (const auto& glob : globs) list += fmt::format("{}'{}'", list.empty() ? "" : ", ", glob);
  return "[" + list + "]";
}

std::string Join(const std::vector<std::string>& parts) {
  std::string joined;
  for (const auto& part : parts) joined += (joined.empty() ? "" : ", ") + part;
  return joined;
}

// "database 'db' on 10.0.0.5 port 5432" or "database 'db' on localhost (Unix socket /dir)".
std::string DescribeReached(const ReachedServer& server) {
  const std::string port = server.server_port.empty() ? server.libpq_port : server.server_port;
  const std::string host = server.unix_socket
                               ? fmt::format("localhost (Unix socket {})", server.socket_directory)
                               : server.peer_address;
  return fmt::format("database '{}' on {} port {}", server.database, host, port);
}

// Why the host name libpq used does not count, if it does not.
std::string HostNameNote(const ReachedServer& server) {
  if (server.unix_socket || server.libpq_host.empty() || server.host_resolves_to_peer) return "";
  return fmt::format(
      "; host name '{}' does not resolve to the address reached, so it is not judged",
      server.libpq_host);
}

Status CheckPin(const Policy& policy, const ReachedServer& server) {
  if (policy.in_place_server.empty()) return Status::Ok();
  if (server.system_identifier.empty()) {
    return ConflictError(fmt::format(
        "{}: {}: the policy pins in_place.server to system identifier {}, but veil cannot read "
        "the server's system identifier (pg_control_system() is not permitted for this role) "
        "({})",
        kRefusing, DescribeReached(server), policy.in_place_server, policy.path));
  }
  if (server.system_identifier != policy.in_place_server) {
    return ConflictError(fmt::format(
        "{}: {}: the server's system identifier is {}, not the {} the policy's in_place.server "
        "pins ({})",
        kRefusing, DescribeReached(server), server.system_identifier, policy.in_place_server,
        policy.path));
  }
  return Status::Ok();
}

Status CheckMarker(const Policy& policy, const ReachedServer& server) {
  if (!policy.in_place_require_marker || server.comment_marker || server.table_marker) {
    return Status::Ok();
  }
  return ConflictError(fmt::format(
      "{}: {}: the policy's in_place.require_marker wants the database marked as a scrub "
      "target (COMMENT ON DATABASE ... IS 'veil: scrub allowed', or a table "
      "veil.scrub_allowed), and it is not ({})",
      kRefusing, DescribeReached(server), policy.path));
}

}  // namespace

std::vector<std::string> ReachedHostNames(const ReachedServer& server) {
  std::vector<std::string> names;
  const auto add = [&names](const std::string& name) {
    if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end()) {
      names.push_back(name);
    }
  };
  if (server.unix_socket) {
    add("localhost");
    add(server.socket_directory);
    return names;
  }
  add(server.peer_address);
  add(server.server_address);
  if (server.host_resolves_to_peer) add(server.libpq_host);
  return names;
}

Status CheckInPlaceConfigured(const Policy& policy) {
  if (!policy.in_place_allow.empty()) return Status::Ok();
  return ConflictError(
      fmt::format("{}: the policy {} has no in_place.allow rule, so no database may be scrubbed "
                  "in place",
                  kRefusing, policy.path));
}

Status CheckInPlaceAllowed(const Policy& policy, const ReachedServer& server) {
  VEIL_RETURN_IF_ERROR(CheckInPlaceConfigured(policy));
  if (server.database.empty()) {
    return ConflictError(fmt::format("{}: the server reports no database name", kRefusing));
  }
  const std::vector<std::string> host_names = ReachedHostNames(server);
  const bool allowed = std::any_of(
      policy.in_place_allow.begin(), policy.in_place_allow.end(),
      [&](const std::string& glob) { return GlobAllows(glob, server.database, host_names); });
  if (!allowed) {
    return ConflictError(fmt::format(
        "{}: {} (reached as {}{}) matches no glob of the policy's in_place.allow {} ({})",
        kRefusing, DescribeReached(server), Join(host_names), HostNameNote(server),
        ListGlobs(policy.in_place_allow), policy.path));
  }
  VEIL_RETURN_IF_ERROR(CheckPin(policy, server));
  return CheckMarker(policy, server);
}

}  // namespace veil
