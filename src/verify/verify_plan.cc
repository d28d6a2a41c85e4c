#include "verify/verify_plan.h"
#include "policy/rule_kinds.h"

namespace veil {
namespace {

const TableSchema* FindSchema(const std::vector<TableSchema>& schemas, const std::string& name) {
  for (const auto& schema : schemas) {
    if (schema.name == name) return &schema;
  }
  return nullptr;
}

int ColumnIndex(const TableSchema& schema, const std::string& name) {
  for (size_t i = 0; i < schema.columns.size(); ++i) {
    if (schema.columns[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

// An entity whose date_shift range is exactly {0, 0} keeps dates on purpose.
void AdjustForEntity(const Policy& policy, ColumnRole& role) {
  if (role.rule != rule_kind::kDateShift || role.entity.empty()) return;
  const auto it = policy.entities.find(role.entity);
  if (it == policy.entities.end() || !it->second.date_shift) return;
  const DayRange range = *it->second.date_shift;
  if (range.min_days == 0 && range.max_days == 0) role.chance_unchanged = -1;
}

VerifiedTable PlanTable(const Policy& policy, const CodeLists& code_lists,
                        const TableSchema& original, const TableSchema* copy) {
  VerifiedTable table;
  table.name = original.name;
  table.original = original;
  if (copy != nullptr) table.copy = *copy;
  const TablePolicy* table_policy = policy.FindTable(original.name);
  table.action = table_policy ? table_policy->action : TableAction::kKeep;
  const bool anonymised = table.action == TableAction::kAnonymise;
  if (anonymised && table_policy->privacy &&
      table_policy->privacy->suppress == SuppressionStyle::kRemove) {
    table.removable_share = table_policy->privacy->suppression_limit;
  }
  for (const auto& column : original.columns) {
    VerifiedColumn verified;
    verified.name = column.name;
    const RuleSpec* spec = anonymised ? table_policy->FindColumn(column.name) : nullptr;
    verified.role = DescribeColumn(spec, code_lists);
    AdjustForEntity(policy, verified.role);
    if (copy != nullptr) verified.copy_index = ColumnIndex(*copy, column.name);
    table.columns.push_back(std::move(verified));
  }
  if (anonymised) {
    for (const auto& [entity, column] : table_policy->keys) {
      const int index = ColumnIndex(original, column);
      if (index >= 0) table.entity_keys[entity] = index;
    }
  }
  return table;
}

}  // namespace

const VerifiedTable* VerifyPlan::Find(const std::string& name) const {
  for (const auto& table : tables) {
    if (table.name == name) return &table;
  }
  return nullptr;
}

VerifyPlan PlanVerification(const Policy& policy, const CodeLists& code_lists,
                            const std::vector<TableSchema>& original,
                            const std::vector<TableSchema>& copy, bool compare_types) {
  VerifyPlan plan;
  plan.compare_types = compare_types;
  // One table on each side (e.g. two CSV files named differently) pair whatever their names.
  const bool single = original.size() == 1 && copy.size() == 1;
  for (const auto& schema : original) {
    const TableSchema* paired = single ? &copy.front() : FindSchema(copy, schema.name);
    plan.tables.push_back(PlanTable(policy, code_lists, schema, paired));
    plan.tables.back().id = plan.tables.size() - 1;
    if (paired != nullptr) plan.tables.back().copy_name = paired->name;
  }
  for (const auto& schema : copy) {
    if (!single && FindSchema(original, schema.name) == nullptr) {
      plan.extra_tables.push_back(schema.name);
    }
  }
  return plan;
}

}  // namespace veil
