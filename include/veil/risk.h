// veil's library entry point for `veil risk`: the re-identification risk of one table under
// its quasi-identifiers (the policy's generalise-with-hierarchy and rare columns), as the
// data stands — a source, or an anonymised output — and, when the policy has a privacy
// section for the table, as it would be released after the search's generalisation and
// suppression. Nothing is written; the results hold names and figures, never a cell's
// value. The engine implements AnalyseRisk (engine/risk_analysis.cc), the report module
// the three renderings (report/risk_analysis_output.cc).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "veil/anonymise.h"
#include "veil/risk_figures.h"
#include "veil/status.h"

namespace veil {

struct RiskOptions {
  std::string policy_path;
  std::string source;      // any SOURCE form `veil anonymise` reads
  std::string table;       // empty: the one table of the policy with quasi-identifiers
  char csv_delimiter = 0;  // 0: detect from each file's header line
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

// On success, the analysis of the table. Fails (the usual codes of veil/status.h) when the
// policy or the source cannot be read, when no table (or not the one asked for) has
// quasi-identifiers, or when the population is smaller than the table's records.
Result<RiskAnalysis> AnalyseRisk(const RiskOptions& options);

// The analysis as one JSON object, indented by two spaces, without a final newline: the
// figures' keys (report/risk_output.h), then table, quasi_identifiers and, when present,
// released (figures, levels, records_suppressed, models) and released_note.
std::string RiskAnalysisJson(const RiskAnalysis& analysis);
// The analysis as aligned plain text for a terminal: as it stands, then as released.
std::string RiskAnalysisText(const RiskAnalysis& analysis);
// The analysis as one self-contained HTML page naming `policy_path`.
std::string RiskAnalysisHtml(const RiskAnalysis& analysis, const std::string& policy_path);

}  // namespace veil
