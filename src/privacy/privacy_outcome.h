// Summarises a finished search as the PrivacyOutcome reported to users.
#pragma once

#include "privacy/lattice_search.h"
#include "privacy/privacy_input.h"
#include "veil/anonymise.h"

namespace veil {

PrivacyOutcome DescribeOutcome(const PrivacyInput& input, const SearchOutcome& search,
                               const std::string& table, double seconds);

// Size -> number of classes, over the classes not suppressed.
std::map<int64_t, int64_t> ReleasedClassSizes(const NodeEvaluation& evaluation);

}  // namespace veil
