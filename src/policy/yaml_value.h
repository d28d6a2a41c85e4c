// From yaml-cpp to PolicyValue: the one place a parsed YAML node becomes a PolicyValue
// (policy/policy_value.h). Internal to the policy module.
#pragma once

#include <yaml-cpp/yaml.h>

#include "policy/policy_value.h"

namespace veil {

// `node` and everything under it, lines made 1-based. An undefined node gives an
// absent value. Recursive: call it on a tree already bounded by CheckExpandedSize
// (policy/yaml_size.h).
PolicyValue ToPolicyValue(const YAML::Node& node);

}  // namespace veil
