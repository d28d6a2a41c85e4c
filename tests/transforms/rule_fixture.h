// Test support: builds rules for one table from a policy written inline, and runs
// them on columns of text, so rule tests read as "this policy on these values".
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "engine/table_plan.h"
#include "policy/policy.h"
#include "support/text_table.h"
#include "transforms/rule_registry.h"

namespace veil::testing {

using Cells = std::vector<std::optional<std::string>>;

class RuleFixture {
 public:
  // `policy_yaml` must describe table "t"; `columns` are its column names in order.
  RuleFixture(const std::string& policy_yaml, std::vector<std::string> columns,
              const std::string& secret = "0123456789abcdef-test-secret")
      : secret_(Secret::FromBytes(secret).value()) {
    auto policy = ParsePolicy(policy_yaml, "test-policy.yaml");
    EXPECT_TRUE(policy.ok()) << policy.status().message();
    policy_ = std::move(policy).value();
    schema_ = TextTable("t", columns);
    run_.policy = &policy_;
    run_.secret = &secret_;
    run_.fakes = FakeCatalog::Builtin().value();
    run_.code_lists = CodeLists::Builtin().value();
  }

  void SetDeclaredType(size_t column, const std::string& type) {
    schema_.columns[column].declared_type = type;
  }

  // Plans the table; returns the error if planning failed.
  Status Plan() {
    auto plans = PlanTables({schema_}, BuiltinRules(), run_);
    if (!plans.ok()) return plans.status();
    plan_ = std::move(plans.value().front());
    return Status::Ok();
  }

  // Runs the rule of `column` over a batch made of `rows` (one Cells per column).
  Result<Cells> Apply(size_t column, const std::vector<Cells>& rows_by_column,
                      int64_t first_row = 1) {
    Batch batch;
    batch.first_row = first_row;
    batch.Reset(rows_by_column.size());
    for (size_t c = 0; c < rows_by_column.size(); ++c) {
      for (const auto& cell : rows_by_column[c]) {
        if (cell)
          batch.columns[c].Append(*cell);
        else
          batch.columns[c].AppendNull();
      }
    }
    Column out;
    auto& rule = plan_.columns[column].rule;
    if (!rule) return InternalError("column has no rule");
    Status status = rule->Apply(batch, column, out);
    if (!status.ok()) return status;
    Cells cells;
    for (size_t i = 0; i < out.size(); ++i) {
      if (out.IsNull(i))
        cells.push_back(std::nullopt);
      else
        cells.emplace_back(std::string(out.Text(i)));
    }
    return cells;
  }

  TablePlan& plan() { return plan_; }
  RunResources& run() { return run_; }

 private:
  Secret secret_;
  Policy policy_;
  TableSchema schema_;
  RunResources run_;
  TablePlan plan_;
};

}  // namespace veil::testing
