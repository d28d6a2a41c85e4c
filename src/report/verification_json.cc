// VerificationJson(): the report as one JSON object, for machines. The fields are
// described in docs/verify_reports.md. Tables and columns keep the report's order;
// counts that are -1 ("not counted", "not in the copy") and empty optional strings are
// null. Text that is not valid UTF-8 (e.g. a Latin-1 file name) has its invalid bytes
// replaced by U+FFFD rather than making the dump fail.
#include <nlohmann/json.hpp>

#include "veil/verify.h"

namespace veil {

namespace {

using Json = nlohmann::ordered_json;

Json CountOrNull(int64_t n) {
  return n < 0 ? Json(nullptr) : Json(n);
}

Json TextOrNull(const std::string& text) {
  return text.empty() ? Json(nullptr) : Json(text);
}

Json FindingJson(const Finding& finding) {
  Json out = Json::object();
  out["check"] = finding.check;
  out["severity"] = finding.severity == Severity::kError ? "error" : "warning";
  out["table"] = finding.table;
  out["column"] = TextOrNull(finding.column);
  out["count"] = finding.count;
  out["rows"] = finding.rows;
  out["detail"] = finding.detail;
  return out;
}

Json CheckJson(const CheckOutcome& check) {
  Json out = Json::object();
  out["check"] = check.check;
  out["description"] = check.description;
  out["coverage"] = check.coverage;
  out["ran"] = check.ran;
  out["errors"] = check.errors;
  out["warnings"] = check.warnings;
  return out;
}

Json ColumnJson(const ColumnStatistics& column) {
  Json out = Json::object();
  out["rule"] = column.rule;
  out["distinct_before"] = CountOrNull(column.distinct_before);
  out["distinct_after"] = CountOrNull(column.distinct_after);
  out["compared"] = column.compared;
  out["unchanged"] = column.unchanged;
  out["unchanged_share"] =
      column.compared > 0 ? double(column.unchanged) / double(column.compared) : 0.0;
  out["unchanged_threshold"] = column.unchanged_threshold;
  return out;
}

Json TableJson(const TableStatistics& table) {
  Json columns = Json::object();
  for (const ColumnStatistics& column : table.columns) columns[column.name] = ColumnJson(column);
  Json out = Json::object();
  out["action"] = table.action;
  out["rows_before"] = table.rows_before;
  out["rows_after"] = CountOrNull(table.rows_after);
  out["columns"] = std::move(columns);
  return out;
}

Json ReportJson(const VerificationReport& report) {
  Json out = Json::object();
  out["passed"] = report.passed;
  out["errors"] = report.errors();
  out["warnings"] = report.warnings();
  out["findings"] = Json::array();
  for (const Finding& finding : report.findings) out["findings"].push_back(FindingJson(finding));
  out["checks"] = Json::array();
  for (const CheckOutcome& check : report.checks) out["checks"].push_back(CheckJson(check));
  out["tables"] = Json::object();
  for (const TableStatistics& table : report.tables) out["tables"][table.name] = TableJson(table);
  out["original"] = report.original;
  out["anonymised"] = report.anonymised;
  out["policy"] = {{"path", report.policy_path}, {"sha256", report.policy_digest}};
  out["secret_fingerprint"] = TextOrNull(report.secret_fingerprint);
  out["secret_note"] = report.secret_note;
  out["veil_version"] = report.veil_version;
  out["started_at"] = report.started_at;
  out["seconds"] = report.seconds;
  out["leak"] = {{"values_searched", report.leak_values_searched},
                 {"values_skipped", report.leak_values_skipped},
                 {"skip_reason", report.leak_skip_reason}};
  return out;
}

}  // namespace

std::string VerificationJson(const VerificationReport& report) {
  return ReportJson(report).dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace veil
