// VerifyPlan: the tables of an original and of its anonymised copy side by side, with
// what the policy says about each table and column. Built before any row is read, from
// the two sides' schemas and the policy; every check reads the plan, none re-reads the
// policy.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/table_schema.h"
#include "policy/policy.h"
#include "transforms/code_lists.h"
#include "verify/column_role.h"

namespace veil {

struct VerifiedColumn {
  std::string name;
  ColumnRole role;
  int copy_index = -1;  // the column's position in the copy's table; -1 if not there
};

struct VerifiedTable {
  size_t id = 0;  // position in VerifyPlan::tables
  std::string name;
  TableAction action = TableAction::kKeep;
  TableSchema original;
  std::optional<TableSchema> copy;         // absent when the copy has no such table
  std::string copy_name;                   // the copy's name for it (the same, or the one table
                                           // of a one-table copy of a one-table original)
  std::vector<VerifiedColumn> columns;     // the original's columns, in order
  std::map<std::string, int> entity_keys;  // entity -> original column naming its member
  // The share of rows the copy may lack: a privacy section's suppression limit when it
  // removes suppressed rows (the k_anonymity check counts them). Rows then pair by
  // position only up to the first one removed.
  double removable_share = 0;

  bool in_copy() const { return copy.has_value(); }
};

struct VerifyPlan {
  std::vector<VerifiedTable> tables;      // the original's tables, in source order
  std::vector<std::string> extra_tables;  // tables only the copy has
  bool compare_types = false;             // both sides are the same kind of store

  const VerifiedTable* Find(const std::string& name) const;
};

// Pairs the original's tables with the copy's, by name, or the two tables when each side
// has one. Tables and columns the policy does not
// mention are planned as kept (the coverage check of the original already failed closed
// before a copy could exist; the verifier reports rather than refuses).
VerifyPlan PlanVerification(const Policy& policy, const CodeLists& code_lists,
                            const std::vector<TableSchema>& original,
                            const std::vector<TableSchema>& copy, bool compare_types);

}  // namespace veil
