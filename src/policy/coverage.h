// Coverage: whether a policy says what to do with every table and column of a source.
//
// veil fails closed: a table or column the policy does not mention stops the run before
// any output exists. CheckCoverage lists every unmentioned table and table.column in one
// error (names only, never data) and returns lesser problems as warnings (tables or
// columns in the policy that the source lacks).
#pragma once

#include <string>
#include <vector>

#include "core/table_schema.h"
#include "policy/policy.h"
#include "veil/status.h"

namespace veil {

Status CheckCoverage(const Policy& policy, const std::vector<TableSchema>& source_tables,
                     std::vector<std::string>& warnings);

}  // namespace veil
