// The two checks on the copy's shape, computed from the plan and the row counts:
//
// RowCountCheck (`row_count`): every table has the rows the policy implies: as many as
// the original for anonymised and kept tables, none for deleted ones; a dropped table
// must be absent, every other table present, and the copy must have no table the
// original lacks.
//
// SchemaCheck (`schema`): each table's columns are the original's, in order, minus the
// dropped ones; no dropped column remains and no column was added. Declared types are
// compared when both sides are the same kind of store (a CSV copy of a SQLite database
// legitimately types every column as text).
#pragma once

#include <map>

#include "verify/check.h"

namespace veil {

class RowCountCheck : public Check {
 public:
  static constexpr std::string_view kName = "row_count";

  explicit RowCountCheck(const VerifyPlan& plan) : plan_(plan) {}
  std::string_view name() const override { return kName; }
  void OnTableEnd(const VerifiedTable& table, int64_t original_rows, int64_t copy_rows) override;
  void Finish(std::vector<Finding>& findings, CheckOutcome& outcome) override;

 private:
  const VerifyPlan& plan_;
  std::map<size_t, std::pair<int64_t, int64_t>> rows_;  // table id -> (original, copy)
};

class SchemaCheck : public Check {
 public:
  static constexpr std::string_view kName = "schema";

  explicit SchemaCheck(const VerifyPlan& plan) : plan_(plan) {}
  std::string_view name() const override { return kName; }
  void Finish(std::vector<Finding>& findings, CheckOutcome& outcome) override;

 private:
  const VerifyPlan& plan_;
};

}  // namespace veil
