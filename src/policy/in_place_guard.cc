#include "policy/in_place_guard.h"

#include <fmt/format.h>
#include <fnmatch.h>

namespace veil {
namespace {

bool Matches(const std::string& glob, const std::string& text) {
  return fnmatch(glob.c_str(), text.c_str(), 0) == 0;
}

bool GlobAllows(const std::string& glob, const std::string& dbname,
                const std::vector<std::string>& hosts) {
  const size_t colon = glob.rfind(':');
  if (colon == std::string::npos) return Matches(glob, dbname);
  if (!Matches(glob.substr(colon + 1), dbname)) return false;
  const std::string host_glob = glob.substr(0, colon);
  for (const auto& host : hosts) {
    if (!Matches(host_glob, host)) return false;
  }
  return !hosts.empty();
}

std::string ListGlobs(const std::vector<std::string>& globs) {
  std::string list;
  for (const auto& glob : globs) list += fmt::format("{}'{}'", list.empty() ? "" : ", ", glob);
  return "[" + list + "]";
}

}  // namespace

Status CheckInPlaceAllowed(const Policy& policy, const std::string& dbname,
                           const std::vector<std::string>& hosts) {
  const std::string refusing = "refusing to scrub in place";
  if (dbname.empty()) {
    return ConflictError(fmt::format(
        "{}: the connection string names no database (give it explicitly, e.g. "
        "postgresql://user@host/staging_db, so the policy's in_place.allow can be checked)",
        refusing));
  }
  if (policy.in_place_allow.empty()) {
    return ConflictError(fmt::format(
        "{}: database '{}': the policy {} has no in_place.allow rule, so no database may be "
        "scrubbed in place",
        refusing, dbname, policy.path));
  }
  for (const auto& glob : policy.in_place_allow) {
    if (GlobAllows(glob, dbname, hosts)) return Status::Ok();
  }
  std::string host_list;
  for (const auto& host : hosts) host_list += (host_list.empty() ? "" : ",") + host;
  return ConflictError(fmt::format(
      "{}: database '{}' on host {} matches no glob of the policy's in_place.allow {} ({})",
      refusing, dbname, host_list, ListGlobs(policy.in_place_allow), policy.path));
}

}  // namespace veil
