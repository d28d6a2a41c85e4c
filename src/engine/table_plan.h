// TablePlan: what the engine will do with one source table, decided entirely before any
// output is written: the action, the output schema (source minus dropped columns) and a
// built rule for every transformed column. Every rule of the policy is parsed first
// (RuleRegistry::Parse), then built for its column; doing all of it before any output
// means a bad rule argument or an unknown entity stops the run with nothing written.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/table_schema.h"
#include "io/source.h"
#include "policy/policy.h"
#include "transforms/rule.h"
#include "transforms/rule_registry.h"

namespace veil {

struct ColumnPlan {
  // kGeneralise: a quasi-identifier, written by the table's Release.
  enum class Kind { kKeep, kDrop, kTransform, kGeneralise };
  Kind kind = Kind::kKeep;
  std::string rule_kind;  // "keep", "drop", "fake", ... (for the summary)
  std::unique_ptr<Rule> rule;
  size_t quasi_identifier = 0;  // kGeneralise: its position among the table's
};

class Release;
class SchemaTextScreen;

struct TablePlan {
  TableAction action = TableAction::kAnonymise;
  TableSchema input;
  TableSchema output;
  std::vector<ColumnPlan> columns;  // one per input column
  bool has_privacy = false;         // the policy has a privacy section for it
  // Set by the privacy stage (engine/privacy_stage.h) before the table is written: the
  // generalisation to apply, and the table's rows when they were small enough to keep.
  std::shared_ptr<Release> release;
  std::shared_ptr<const std::vector<Batch>> recorded_rows;
  // Shown the original cells of every column not kept, as they pass (not owned; null:
  // the source has no schema text worth screening).
  SchemaTextScreen* schema_text = nullptr;
};

// Plans every table of `schemas` (already checked for coverage), ordered so that a
// table comes after the tables its foreign keys reference. Fails on the first rule of
// the policy whose argument does not parse (in any anonymised table, present in the
// source or not), then on the first that cannot be built for its column.
Result<std::vector<TablePlan>> PlanTables(const std::vector<TableSchema>& schemas,
                                          const RuleRegistry& registry, RunResources& run);

}  // namespace veil
