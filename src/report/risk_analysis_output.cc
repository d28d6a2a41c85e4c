// RiskAnalysisJson, RiskAnalysisText and RiskAnalysisHtml (veil/risk.h): a `veil risk`
// analysis in the three forms the command line prints and writes, built on the figures'
// own renderings (report/risk_output.h).
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "report/risk_output.h"
#include "veil/risk.h"

namespace veil {

std::string RiskAnalysisJson(const RiskAnalysis& analysis) {
  nlohmann::ordered_json json = report::RiskJson(analysis.figures);
  json["table"] = analysis.table;
  json["quasi_identifiers"] = analysis.quasi_identifiers;
  if (analysis.released) {
    nlohmann::ordered_json released = report::RiskJson(*analysis.released);
    nlohmann::ordered_json levels = nlohmann::ordered_json::object();
    for (size_t d = 0; d < analysis.release->quasi_identifiers.size(); ++d) {
      levels[analysis.release->quasi_identifiers[d]] = analysis.release->levels[d];
    }
    released["levels"] = levels;
    released["records_suppressed"] = analysis.release->records_suppressed;
    released["models"] = analysis.release->models;
    json["released"] = released;
  }
  if (!analysis.released_note.empty()) json["released_note"] = analysis.released_note;
  return json.dump(2);
}

std::string RiskAnalysisText(const RiskAnalysis& analysis) {
  std::string text =
      report::RiskText(analysis.figures, fmt::format("Risk of {} as it stands ({})", analysis.table,
                                                     fmt::join(analysis.quasi_identifiers, ", ")));
  if (analysis.released) {
    std::string levels;
    for (size_t d = 0; d < analysis.release->quasi_identifiers.size(); ++d) {
      levels += fmt::format("{}{} {}", levels.empty() ? "" : ", ",
                            analysis.release->quasi_identifiers[d], analysis.release->levels[d]);
    }
    text += "\n" + report::RiskText(
                       *analysis.released,
                       fmt::format("Risk of {} as released (levels: {}; {} records "
                                   "suppressed)",
                                   analysis.table, levels, analysis.release->records_suppressed));
  }
  if (!analysis.released_note.empty()) text += "\nAs released: " + analysis.released_note + "\n";
  return text;
}

std::string RiskAnalysisHtml(const RiskAnalysis& analysis, const std::string& policy_path) {
  report::RiskPage page;
  page.title = "Re-identification risk of " + analysis.table;
  page.policy_path = policy_path;
  page.source = analysis.source;
  page.table = analysis.table;
  page.quasi_identifiers = analysis.quasi_identifiers;
  page.before = analysis.figures;
  page.after = analysis.released;
  page.after_label = "As released";
  return report::RiskHtml(page);
}

}  // namespace veil
