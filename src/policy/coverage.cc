#include "policy/coverage.h"

#include <fmt/format.h>

#include <set>

namespace veil {
namespace {

void CheckTableColumns(const std::string& policy_path, const TablePolicy& table,
                       const TableSchema& schema, std::vector<std::string>& missing,
                       std::vector<std::string>& problems, std::vector<std::string>& warnings) {
  std::set<std::string> present;
  for (const auto& column : schema.columns) {
    present.insert(column.name);
    if (!table.FindColumn(column.name)) missing.push_back(schema.name + "." + column.name);
  }
  for (const auto& [name, rule] : table.columns) {
    if (!present.count(name)) {
      warnings.push_back(fmt::format("{}:{}: column {}.{} is in the policy but not in the source",
                                     policy_path, rule.line, schema.name, name));
    }
  }
  for (const auto& [entity, column] : table.keys) {
    if (!present.count(column)) {
      problems.push_back(
          fmt::format("table {}: key column '{}' for entity '{}' is not in the "
                      "source",
                      schema.name, column, entity));
    }
  }
}

}  // namespace

Status CheckCoverage(const Policy& policy, const std::vector<TableSchema>& source_tables,
                     std::vector<std::string>& warnings) {
  std::vector<std::string> missing;
  std::vector<std::string> problems;
  std::set<std::string> source_names;
  for (const auto& schema : source_tables) {
    source_names.insert(schema.name);
    const TablePolicy* table = policy.FindTable(schema.name);
    if (!table) {
      missing.push_back(schema.name + " (table)");
      continue;
    }
    if (table->action == TableAction::kAnonymise) {
      CheckTableColumns(policy.path, *table, schema, missing, problems, warnings);
    }
  }
  for (const auto& table : policy.tables) {
    if (!source_names.count(table.name)) {
      warnings.push_back(fmt::format("{}:{}: table {} is in the policy but not in the source",
                                     policy.path, table.line, table.name));
    }
  }
  if (!missing.empty()) {
    return PolicyError(fmt::format(
        "the policy {} does not say what to do with {} source item(s): {}. Add a rule for each "
        "column (keep, drop, ...) or an action for each table (keep, delete, drop)",
        policy.path, missing.size(), fmt::join(missing, ", ")));
  }
  if (!problems.empty()) return PolicyError(fmt::format("{}", fmt::join(problems, "; ")));
  return Status::Ok();
}

}  // namespace veil
