// `veil risk`: the re-identification risk of one table under its quasi-identifiers (the
// policy's generalise-with-hierarchy and rare columns), as the data stands — a source,
// or an anonymised output — and, when the policy has a privacy section for the table,
// as it would be released after the search's generalisation and suppression.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "privacy/risk.h"
#include "veil/anonymise.h"
#include "veil/status.h"

namespace veil {

struct RiskOptions {
  std::string policy_path;
  std::string source;
  std::string table;  // empty: the one table of the policy with quasi-identifiers
  char csv_delimiter = 0;
  std::optional<int64_t> population;
};

struct RiskAnalysis {
  std::string table;
  std::string source;  // described without secrets
  std::vector<std::string> quasi_identifiers;
  RiskFigures figures;                    // the data as it stands
  std::optional<RiskFigures> released;    // after the privacy section's generalisation
  std::optional<PrivacyOutcome> release;  // what that generalisation was
  std::string released_note;              // why `released` is absent, if it is
};

Result<RiskAnalysis> AnalyseRisk(const RiskOptions& options);

}  // namespace veil
