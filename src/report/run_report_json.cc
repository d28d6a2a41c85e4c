// RunReportJson (veil/anonymise.h): the report of a `veil anonymise` run as JSON.
#include <nlohmann/json.hpp>

#include "veil/anonymise.h"
#include "veil/version.h"

namespace veil {
namespace {

nlohmann::ordered_json PrivacyJson(const PrivacyOutcome& outcome) {
  nlohmann::ordered_json levels = nlohmann::ordered_json::array();
  for (size_t d = 0; d < outcome.quasi_identifiers.size(); ++d) {
    levels.push_back({{"column", outcome.quasi_identifiers[d]},
                      {"level", outcome.levels[d]},
                      {"highest_level", outcome.top_levels[d]}});
  }
  nlohmann::ordered_json sizes = nlohmann::ordered_json::object();
  for (const auto& [size, classes] : outcome.class_size_distribution) {
    sizes[std::to_string(size)] = classes;
  }
  return {{"table", outcome.table},
          {"models", outcome.models},
          {"quasi_identifiers", levels},
          {"records", outcome.records},
          {"records_suppressed", outcome.records_suppressed},
          {"suppression", outcome.suppression},
          {"suppression_limit", outcome.suppression_limit},
          {"metric", {{"name", outcome.metric}, {"value", outcome.metric_value}}},
          {"equivalence_classes", outcome.equivalence_classes},
          {"min_class_size", outcome.min_class_size},
          {"class_size_distribution", sizes},
          {"search",
           {{"exact", outcome.exact},
            {"method", outcome.exact ? "exact lattice search"
                                     : "heuristic: greedy descent from the top (the lattice is "
                                       "too large for an exact search; not proven optimal)"},
            {"lattice_nodes", outcome.lattice_nodes},
            {"nodes_evaluated", outcome.nodes_evaluated},
            {"seconds", outcome.search_seconds}}}};
}

}  // namespace

std::string RunReportJson(const RunSummary& summary) {
  nlohmann::ordered_json tables = nlohmann::ordered_json::array();
  for (const auto& table : summary.tables) {
    tables.push_back({{"name", table.name}, {"action", table.action}, {"rows", table.rows}});
  }
  nlohmann::ordered_json privacy = nlohmann::ordered_json::array();
  for (const auto& outcome : summary.privacy) privacy.push_back(PrivacyJson(outcome));
  nlohmann::ordered_json report = {{"veil_version", kVersion},
                                   {"target", summary.target},
                                   {"policy_sha256", summary.policy_digest},
                                   {"secret_fingerprint", summary.secret_fingerprint},
                                   {"seconds", summary.seconds},
                                   {"tables", tables},
                                   {"privacy", privacy}};
  if (!summary.schema_text_removed.empty()) {
    report["schema_text_removed"] = summary.schema_text_removed;
  }
  if (summary.verification) {
    report["verification"] = {{"passed", summary.verification->passed},
                              {"errors", summary.verification->errors()},
                              {"copy_removed", summary.output_removed}};
  }
  return report.dump(2) + "\n";
}

}  // namespace veil
