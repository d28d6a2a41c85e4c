#include "verify/checks/structure_checks.h"
#include "policy/rule_kinds.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <optional>

namespace veil {
namespace {

Finding TableFinding(std::string_view check, const std::string& table, int64_t count,
                     std::string detail) {
  return Finding{std::string(check), Severity::kError, table, "", count, {}, std::move(detail)};
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// The findings for one table's rows; none when they are as the policy implies.
std::optional<Finding> RowCountFinding(const VerifiedTable& table, int64_t before, int64_t after) {
  if (table.action == TableAction::kDrop) {
    if (after < 0) return std::nullopt;
    return TableFinding(RowCountCheck::kName, table.name, after,
                        "the policy drops this table, but the copy still has it");
  }
  if (after < 0) {
    return TableFinding(RowCountCheck::kName, table.name, before,
                        "the table is missing from the copy");
  }
  const int64_t expected = table.action == TableAction::kDelete ? 0 : before;
  if (after == expected) return std::nullopt;
  const auto removable =
      static_cast<int64_t>(table.removable_share * static_cast<double>(before) + 1e-9);
  if (after < expected && expected - after <= removable) return std::nullopt;
  return TableFinding(
      RowCountCheck::kName, table.name, std::abs(after - expected),
      table.action == TableAction::kDelete
          ? fmt::format("the policy deletes this table's rows, but the copy has {} rows", after)
          : fmt::format("the copy has {} rows where the original has {}", after, before));
}

void CompareColumns(const VerifiedTable& table, bool compare_types,
                    std::vector<Finding>& findings) {
  const TableSchema& copy = *table.copy;
  std::vector<std::string> expected;
  for (const auto& column : table.columns) {
    const bool dropped = column.role.rule == rule_kind::kDrop;
    if (dropped && column.copy_index >= 0) {
      findings.push_back(Finding{std::string(SchemaCheck::kName),
                                 Severity::kError,
                                 table.name,
                                 column.name,
                                 1,
                                 {},
                                 "the policy drops this column, but the copy still has it"});
    } else if (!dropped && column.copy_index < 0) {
      findings.push_back(Finding{std::string(SchemaCheck::kName),
                                 Severity::kError,
                                 table.name,
                                 column.name,
                                 1,
                                 {},
                                 "the column is missing from the copy"});
    }
    if (!dropped) expected.push_back(column.name);
  }
  for (const auto& column : copy.columns) {
    if (!table.original.columns.empty() &&
        std::none_of(table.columns.begin(), table.columns.end(),
                     [&](const VerifiedColumn& c) { return c.name == column.name; })) {
      findings.push_back(Finding{std::string(SchemaCheck::kName),
                                 Severity::kError,
                                 table.name,
                                 column.name,
                                 1,
                                 {},
                                 "the copy has a column the original does not"});
    }
  }
  for (const auto& column : table.columns) {
    if (column.copy_index < 0 || !compare_types) continue;
    const auto& before = table.original.columns[&column - table.columns.data()].declared_type;
    const auto& after = copy.columns[static_cast<size_t>(column.copy_index)].declared_type;
    if (Lower(before) != Lower(after)) {
      findings.push_back(Finding{std::string(SchemaCheck::kName),
                                 Severity::kError,
                                 table.name,
                                 column.name,
                                 1,
                                 {},
                                 "the column's type differs from the original's"});
    }
  }
}

}  // namespace

void RowCountCheck::OnTableEnd(const VerifiedTable& table, int64_t original_rows,
                               int64_t copy_rows) {
  rows_[table.id] = {original_rows, copy_rows};
}

void RowCountCheck::Finish(std::vector<Finding>& findings, CheckOutcome& outcome) {
  for (const auto& [id, rows] : rows_) {
    if (auto finding = RowCountFinding(plan_.tables[id], rows.first, rows.second)) {
      findings.push_back(std::move(*finding));
      ++outcome.errors;
    }
  }
  for (const auto& name : plan_.extra_tables) {
    findings.push_back(
        TableFinding(RowCountCheck::kName, name, 0, "the copy has a table the original does not"));
    ++outcome.errors;
  }
  outcome.description =
      "Every table has the rows the policy implies: all of them when anonymised or kept, none "
      "when deleted, and no table when dropped.";
  outcome.coverage = fmt::format("{} tables", plan_.tables.size() + plan_.extra_tables.size());
}

void SchemaCheck::Finish(std::vector<Finding>& findings, CheckOutcome& outcome) {
  const size_t before = findings.size();
  int compared = 0;
  for (const auto& table : plan_.tables) {
    if (!table.in_copy() || table.action == TableAction::kDrop) continue;
    ++compared;
    CompareColumns(table, plan_.compare_types, findings);
  }
  outcome.errors = static_cast<int>(findings.size() - before);
  outcome.description =
      "Each table's columns are the original's minus the ones the policy drops, with the same "
      "types.";
  outcome.coverage = fmt::format("{} tables{}", compared,
                                 plan_.compare_types ? ", columns and types"
                                                     : ", columns (types not compared: the two "
                                                       "sides are different kinds of store)");
}

}  // namespace veil
