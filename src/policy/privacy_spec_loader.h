// Reading a table's `privacy:` section (policy/privacy_spec.h) from the policy's YAML.
// Internal to the policy module: the loader calls it.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

#include "policy/privacy_spec.h"
#include "veil/status.h"

namespace veil {

// Parses `node` (the map under `privacy:`); messages are "path:line: ...".
Result<PrivacySpec> ParsePrivacySpec(const YAML::Node& node, const std::string& path,
                                     const std::string& table);

}  // namespace veil
