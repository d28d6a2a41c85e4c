// The renderings of a ScanReport: plain text for a terminal and JSON. Both show names,
// rules, counts and shares only: a ScanReport holds no cell value to show.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "veil/scan.h"

namespace veil {

std::string_view ColumnRoleName(ColumnRole role) {
  switch (role) {
    case ColumnRole::kIdentifier:
      return "identifier";
    case ColumnRole::kDirectIdentifier:
      return "direct_identifier";
    case ColumnRole::kQuasiIdentifier:
      return "quasi_identifier";
    case ColumnRole::kSensitive:
      return "sensitive";
    case ColumnRole::kFreeText:
      return "free_text";
    case ColumnRole::kNonPersonal:
      return "non_personal";
  }
  return "non_personal";
}

namespace {

// One finding's lines, its name indented by `indent`; 1 when it asks for a review.
size_t ColumnText(const ColumnFinding& c, size_t width, std::string_view indent, std::string& out) {
  // A json rule is shown path by path below its column.
  const std::string_view rule = c.paths.empty() ? std::string_view(c.rule) : "json (by path)";
  out += fmt::format("  {:<{}}  {:<17}  {:<38}  {:>3.0f}%\n", fmt::format("{}{}", indent, c.column),
                     width, ColumnRoleName(c.role), rule, c.confidence * 100);
  for (const std::string& line : c.evidence) {
    out += fmt::format("  {:<{}}    - {}\n", "", width, line);
  }
  if (c.review.empty()) return 0;
  out += fmt::format("  {:<{}}    review: {}\n", "", width, c.review);
  return 1;
}

nlohmann::ordered_json ColumnJson(const ColumnFinding& c) {
  nlohmann::ordered_json json = {{"column", c.column},
                                 {"declared_type", c.declared_type},
                                 {"role", ColumnRoleName(c.role)},
                                 {"rule", c.rule},
                                 {"entity", c.entity},
                                 {"confidence", c.confidence},
                                 {"evidence", c.evidence},
                                 {"review", c.review}};
  if (!c.paths.empty()) {
    json["paths"] = nlohmann::ordered_json::array();
    for (const ColumnFinding& path : c.paths) json["paths"].push_back(ColumnJson(path));
    json["hidden_members"] = c.hidden_members;
  }
  return json;
}

}  // namespace

std::string ScanReportText(const ScanReport& report) {
  std::string out =
      fmt::format("veil scan: {} ({} rows sampled per table)\n", report.source,
                  report.sample_rows < 0 ? std::string("all") : std::to_string(report.sample_rows));
  size_t reviews = 0;
  for (const TableFinding& table : report.tables) {
    out += fmt::format("\ntable {} ({} rows read{})\n", table.table, table.rows_sampled,
                       table.read_whole ? ", the whole table" : "");
    size_t width = 6;
    for (const auto& c : table.columns) {
      width = std::max(width, c.column.size());
      for (const auto& path : c.paths) width = std::max(width, path.column.size() + 2);
    }
    for (const ColumnFinding& c : table.columns) {
      reviews += ColumnText(c, width, "", out);
      for (const ColumnFinding& path : c.paths) reviews += ColumnText(path, width, "  ", out);
    }
  }
  out += fmt::format("\n{} tables, {} columns to review\n", report.tables.size(), reviews);
  return out;
}

std::string ScanReportJson(const ScanReport& report) {
  nlohmann::ordered_json json;
  json["source"] = report.source;
  json["sample_rows"] = report.sample_rows;
  json["entities"] = nlohmann::ordered_json::array();
  for (const EntityDraft& e : report.entities) {
    json["entities"].push_back({{"name", e.name}, {"alphabet", e.alphabet}, {"length", e.length}});
  }
  json["tables"] = nlohmann::ordered_json::array();
  for (const TableFinding& table : report.tables) {
    nlohmann::ordered_json t;
    t["table"] = table.table;
    t["rows_sampled"] = table.rows_sampled;
    t["read_whole"] = table.read_whole;
    t["keys"] = table.keys;
    t["date_entity"] = table.date_entity;
    t["columns"] = nlohmann::ordered_json::array();
    for (const ColumnFinding& c : table.columns) t["columns"].push_back(ColumnJson(c));
    json["tables"].push_back(std::move(t));
  }
  // Names from the source may hold bytes that are not UTF-8: replace them, never fail.
  return json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace veil
