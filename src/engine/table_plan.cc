#include "engine/table_plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "policy/rule_kinds.h"
#include "privacy/quasi_identifier_spec.h"

namespace veil {
namespace {

// Orders tables so that referenced tables come first; ties and cycles keep source order.
std::vector<size_t> ParentsFirst(const std::vector<TableSchema>& schemas) {
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < schemas.size(); ++i) index[schemas[i].name] = i;
  std::vector<size_t> order;
  std::vector<int> state(schemas.size(), 0);  // 0 new, 1 visiting, 2 done
  std::function<void(size_t)> visit = [&](size_t i) {
    if (state[i] != 0) return;
    state[i] = 1;
    for (const auto& fk : schemas[i].foreign_keys) {
      const auto it = index.find(fk.referenced_table);
      if (it != index.end() && it->second != i) visit(it->second);
    }
    state[i] = 2;
    order.push_back(i);
  };
  for (size_t i = 0; i < schemas.size(); ++i) visit(i);
  return order;
}

// Positions of the quasi-identifiers in policy order, after checking that the privacy
// section and the quasi-identifiers go together and that the sensitive column is kept.
Result<std::map<std::string, size_t>> QuasiIdentifierPositions(const TableSchema& schema,
                                                               const TablePolicy& table) {
  std::map<std::string, size_t> positions;
  if (table.action != TableAction::kAnonymise) return positions;
  for (const auto& [column, rule] : table.columns) {
    if (!IsQuasiIdentifierRule(rule)) continue;
    if (!table.privacy) {
      return PolicyError(fmt::format(
          "table {}, column {}: {} with a hierarchy needs the table's privacy section (or a "
          "fixed rule such as {{generalise: month}})",
          table.name, column, rule.kind));
    }
    const size_t next = positions.size();
    positions[column] = next;
  }
  if (!table.privacy) return positions;
  if (positions.empty()) {
    return PolicyError(
        fmt::format("table {}: the privacy section needs at least one "
                    "quasi-identifier (a generalise rule with a hierarchy, or rare)",
                    table.name));
  }
  const std::string sensitive = table.privacy->SensitiveColumn();
  if (!sensitive.empty()) {
    const RuleSpec* rule = table.FindColumn(sensitive);
    const bool present = std::any_of(schema.columns.begin(), schema.columns.end(),
                                     [&](const auto& c) { return c.name == sensitive; });
    if (!present || rule == nullptr || rule->kind != rule_kind::kKeep) {
      return PolicyError(
          fmt::format("table {}: the sensitive column {} of the privacy models must "
                      "exist and be kept (its values are what l-diversity and "
                      "t-closeness protect)",
                      table.name, sensitive));
    }
  }
  return positions;
}

// The parsed rule of every column rule the registry builds, by its spec in the policy.
using ParsedRules = std::map<const RuleSpec*, ParsedRule>;

// Keep, drop and quasi-identifiers are the planner's and the privacy stage's own.
bool IsBuiltByRegistry(const RuleSpec& spec) {
  return spec.kind != rule_kind::kKeep && spec.kind != rule_kind::kDrop &&
         !IsQuasiIdentifierRule(spec);
}

// Parses every rule of every anonymised table of the policy, whether or not the source
// has the table, so a bad argument stops the run however the source looks.
Result<ParsedRules> ParseRules(const Policy& policy, const RuleRegistry& registry) {
  ParsedRules parsed;
  for (const TablePolicy& table : policy.tables) {
    if (table.action != TableAction::kAnonymise) continue;
    for (const auto& [column, spec] : table.columns) {
      if (!IsBuiltByRegistry(spec)) continue;
      const RuleSite site{policy.path, table.name, column, &registry};
      VEIL_ASSIGN_OR_RETURN(ParsedRule rule, registry.Parse(spec, site));
      parsed.emplace(&spec, std::move(rule));
    }
  }
  return parsed;
}

Result<TablePlan> PlanTable(const TableSchema& schema, const TablePolicy& table,
                            const ParsedRules& rules, RunResources& run) {
  VEIL_ASSIGN_OR_RETURN(const auto positions, QuasiIdentifierPositions(schema, table));
  TablePlan plan;
  plan.has_privacy = table.privacy.has_value() && table.action == TableAction::kAnonymise;
  plan.action = table.action;
  plan.input = schema;
  plan.output = schema;
  plan.output.columns.clear();
  std::set<std::string> dropped;
  for (size_t c = 0; c < schema.columns.size(); ++c) {
    ColumnPlan column;
    const RuleSpec* spec = table.action == TableAction::kAnonymise
                               ? table.FindColumn(schema.columns[c].name)
                               : nullptr;
    column.rule_kind = spec ? spec->kind : std::string(rule_kind::kKeep);
    if (spec != nullptr && IsQuasiIdentifierRule(*spec)) {
      column.kind = ColumnPlan::Kind::kGeneralise;
      column.quasi_identifier = positions.at(schema.columns[c].name);
    } else if (column.rule_kind == rule_kind::kDrop) {
      column.kind = ColumnPlan::Kind::kDrop;
      dropped.insert(schema.columns[c].name);
    } else if (column.rule_kind != rule_kind::kKeep) {
      column.kind = ColumnPlan::Kind::kTransform;
      const RuleContext context{run, table, schema, c, spec->line};
      const auto parsed = rules.find(spec);
      if (parsed == rules.end()) {
        return InternalError(fmt::format("table {}, column {}: the rule was not parsed", table.name,
                                         schema.columns[c].name));
      }
      VEIL_ASSIGN_OR_RETURN(column.rule, parsed->second.Build(context));
    }
    if (column.kind != ColumnPlan::Kind::kDrop) plan.output.columns.push_back(schema.columns[c]);
    plan.columns.push_back(std::move(column));
  }
  // Keys and indexes over a dropped column cannot exist in the output.
  auto touches_dropped = [&](const std::vector<std::string>& names) {
    for (const auto& n : names) {
      if (dropped.count(n)) return true;
    }
    return false;
  };
  std::erase_if(plan.output.foreign_keys,
                [&](const ForeignKeySchema& fk) { return touches_dropped(fk.columns); });
  std::erase_if(plan.output.indexes,
                [&](const IndexSchema& ix) { return touches_dropped(ix.columns); });
  // A primary key that lost a column is no key of the rest: the output has none.
  const bool key_lost = std::any_of(
      schema.columns.begin(), schema.columns.end(),
      [&](const auto& c) { return c.primary_key_position > 0 && dropped.count(c.name); });
  if (key_lost) {
    for (auto& column : plan.output.columns) column.primary_key_position = 0;
  }
  return plan;
}

}  // namespace

Result<std::vector<TablePlan>> PlanTables(const std::vector<TableSchema>& schemas,
                                          const RuleRegistry& registry, RunResources& run) {
  VEIL_ASSIGN_OR_RETURN(const ParsedRules rules, ParseRules(*run.policy, registry));
  std::vector<TablePlan> plans;
  for (size_t i : ParentsFirst(schemas)) {
    const TablePolicy* table = run.policy->FindTable(schemas[i].name);
    if (table == nullptr) {
      return PolicyError(fmt::format("table {} has no policy", schemas[i].name));
    }
    VEIL_ASSIGN_OR_RETURN(TablePlan plan, PlanTable(schemas[i], *table, rules, run));
    plans.push_back(std::move(plan));
  }
  return plans;
}

}  // namespace veil
