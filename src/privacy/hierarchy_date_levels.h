// The `date` form of BuildHierarchy (privacy/hierarchy_builders.h, which documents the
// periods, their labels and the rules for ISO weeks). Internal to the builders.
#pragma once

#include <string>
#include <vector>

#include "policy/policy_value.h"
#include "privacy/hierarchy_table.h"
#include "veil/status.h"

namespace veil {

// Builds `value;period1;...;*` rows for `values` (distinct, non-empty, in the order the
// rows should have) from `periods`, the node under `date:`. PolicyError for unknown,
// repeated or wrongly ordered periods; InputError naming only `where` for a value that is
// not a date.
Result<HierarchyTable> BuildDateHierarchy(const PolicyValue& periods,
                                          const std::vector<std::string>& values,
                                          const std::string& where);

}  // namespace veil
