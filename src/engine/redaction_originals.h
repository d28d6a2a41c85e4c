// Reads, before any output is written, the original values of every identifying column
// of the source (those whose rule verify counts as identifying: pseudonymise, fake,
// mask, null, drop) into RunResources::known_originals, each with what its own column's
// rule makes of it, so `redact` can replace them wherever they turn up in free text. A
// `json` column contributes the values its identifying paths reach inside each document,
// each with what its path's rule made of it.
// Does nothing unless a redact rule was built (RunResources::wants_known_originals).
//
// Values too weak for the leak search to look for (verify/leak/pattern_filter.h, with
// the policy's verify options) are left out: redacting every "Al" or "12" would destroy
// text without protecting anyone. Each table is read once. Applies the plans' own rules
// to the originals, which only fills their caches. Fails closed: a rule error, a read
// error, or more than kMaxKnownOriginals distinct values stop the run.
#pragma once

#include <vector>

#include "engine/table_plan.h"
#include "io/source.h"
#include "transforms/rule_context.h"

namespace veil {

inline constexpr size_t kMaxKnownOriginals = size_t{20} << 20;

Status CollectRedactionOriginals(Source& source, std::vector<TablePlan>& plans, RunResources& run);

}  // namespace veil
