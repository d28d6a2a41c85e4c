// The subset stage of `veil anonymise --subset`: the source seen through OpenSubset
// (subset/subset_source.h) before the run is prepared, so that coverage, plans, the
// originals fakes avoid and every table's rows all see the subset alone.
#pragma once

#include <memory>

#include "core/secret.h"
#include "io/source.h"
#include "policy/policy.h"
#include "veil/anonymise.h"

namespace veil {

// `source` itself when options.subset is empty; else the subset over it, with `summary`
// filled. Refuses (InvalidArgument) a sample with an ephemeral secret under --verify (the
// verifier could not draw it again). Other errors are OpenSubset's; nothing is written.
Result<std::unique_ptr<Source>> ApplySubset(const AnonymiseOptions& options, const Policy& policy,
                                            const Secret& secret, std::unique_ptr<Source> source,
                                            SubsetSummary& summary);

// Moves `subset` into the run's summary, its warnings into the run's warnings.
void AddSubsetSummary(SubsetSummary subset, RunSummary& summary);

}  // namespace veil
