// BuiltinChecks: every check `veil verify` runs, built for one verification. The one
// place that names the check types; a new check adds one line to builtin_checks.cc.
#pragma once

#include <memory>
#include <vector>

#include "policy/policy.h"
#include "verify/check.h"
#include "verify/verify_plan.h"

namespace veil {

// One instance of each check, in the order the report lists them. The checks keep
// references to `plan` and `policy`, which must outlive them; the caller owns the
// checks. `threads` is how many threads a check may search on (the leak check).
std::vector<std::unique_ptr<Check>> BuiltinChecks(const VerifyPlan& plan, const Policy& policy,
                                                  int threads);

}  // namespace veil
