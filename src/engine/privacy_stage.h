// The privacy stage of `veil anonymise`, for a table whose policy has a `privacy:`
// section: reads the table once (quasi-identifiers and the sensitive column only),
// searches for the best generalisation, and attaches the Release that the table's
// second, streaming read applies row by row (a table under 64 MB is kept from the first
// read and replayed instead of read again). Nothing is written here.
#pragma once

#include "engine/table_plan.h"
#include "io/source.h"
#include "policy/policy.h"
#include "veil/anonymise.h"

namespace veil {

Result<PrivacyOutcome> PrepareRelease(TablePlan& plan, const Policy& policy, Source& source);

}  // namespace veil
