// Test support for verify checks: a one-table plan from a policy text, and paired rows
// built from literal cells, fed to a check without any file or database.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "policy/policy.h"
#include "transforms/code_lists.h"
#include "verify/check.h"
#include "verify/verify_plan.h"

namespace veil::testing {

using Cells = std::vector<std::optional<std::string>>;

class CheckFixture {
 public:
  // Table t with text `columns`, planned under `policy_yaml`, present on both sides.
  CheckFixture(const std::string& policy_yaml, const std::vector<std::string>& columns) {
    auto policy = ParsePolicy(policy_yaml, "/test/policy.yaml");
    EXPECT_TRUE(policy.ok()) << policy.status().message();
    if (policy.ok()) policy_ = std::move(*policy);
    TableSchema schema;
    schema.name = "t";
    for (const auto& name : columns) {
      ColumnSchema column;
      column.name = name;
      column.declared_type = "TEXT";
      schema.columns.push_back(column);
    }
    auto lists = CodeLists::Builtin();
    EXPECT_TRUE(lists.ok());
    plan_ = PlanVerification(policy_, **lists, {schema}, {schema}, true);
  }

  const Policy& policy() const { return policy_; }
  const VerifyPlan& plan() const { return plan_; }

  // Feeds rows (one Cells per column, on each side) to `check` as one window, then asks
  // for its findings.
  std::vector<Finding> Run(Check& check, const std::vector<Cells>& original,
                           const std::vector<Cells>& copy) {
    const Batch before = MakeBatch(original), after = MakeBatch(copy);
    const VerifiedTable& table = plan_.tables.front();
    EXPECT_TRUE(check.OnOriginal(table, before).ok());
    EXPECT_TRUE(check.OnCopy(table, after).ok());
    const PairedRows rows{table, before, 0, after, 0, before.rows(), 1};
    EXPECT_TRUE(check.OnPairs(rows).ok());
    check.OnTableEnd(table, static_cast<int64_t>(before.rows()),
                     static_cast<int64_t>(after.rows()));
    std::vector<Finding> findings;
    CheckOutcome outcome;
    check.Finish(findings, outcome);
    EXPECT_FALSE(outcome.description.empty());
    return findings;
  }

 private:
  static Batch MakeBatch(const std::vector<Cells>& columns) {
    Batch batch;
    batch.Reset(columns.size());
    for (size_t c = 0; c < columns.size(); ++c) {
      for (const auto& cell : columns[c]) {
        if (cell) {
          batch.columns[c].Append(*cell);
        } else {
          batch.columns[c].AppendNull();
        }
      }
    }
    return batch;
  }

  Policy policy_;
  VerifyPlan plan_;
};

}  // namespace veil::testing
