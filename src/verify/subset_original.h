// The original as `veil verify --subset` compares it: the same subset `veil anonymise
// --subset` copied (subset/subset_source.h), drawn with the policy's secret.
#pragma once

#include <memory>

#include "io/source.h"
#include "policy/policy.h"
#include "veil/verify.h"

namespace veil {

// `original` itself when options.subset is empty; else the subset over it. A sample
// (N%, N rows) needs the policy's secret: with an ephemeral one (it cannot be drawn
// again) or one the verifier cannot load, an error; conditions need no secret. Other
// errors are OpenSubset's.
Result<std::unique_ptr<Source>> SubsetOriginal(const VerifyOptions& options, const Policy& policy,
                                               std::unique_ptr<Source> original);

}  // namespace veil
