// Checks of a policy map's keys shared by the policy's parsers: every key is one the
// map allows, and none appears twice (yaml-cpp keeps both entries of a repeated key and
// node[key] returns the first, so a second value would otherwise be silently ignored).
// Messages are "path:line: ...", naming the key and where it was (`where`).
#pragma once

#include <yaml-cpp/yaml.h>

#include <set>
#include <string>

#include "veil/status.h"

namespace veil {

Status CheckPolicyKeys(const YAML::Node& map, const std::set<std::string>& allowed,
                       const std::string& where, const std::string& path);

}  // namespace veil
