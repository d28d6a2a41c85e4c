// Test support for verify checks: a one-table plan from a policy text, and paired rows
// built from literal cells, fed to a check without any file or database.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "policy/policy.h"
#include "support/text_table.h"
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

  // Tables of any shape on each side, planned under `policy_yaml`; `same_kind` says
  // whether both sides are the same kind of store (types are then compared).
  CheckFixture(const std::string& policy_yaml, const std::vector<TableSchema>& originals,
               const std::vector<TableSchema>& copies, bool same_kind = true) {
    auto policy = ParsePolicy(policy_yaml, "/test/policy.yaml");
    EXPECT_TRUE(policy.ok()) << policy.status().message();
    if (policy.ok()) policy_ = std::move(*policy);
    auto lists = CodeLists::Builtin();
    EXPECT_TRUE(lists.ok());
    plan_ = PlanVerification(policy_, **lists, originals, copies, same_kind);
  }

  const Policy& policy() const { return policy_; }
  const VerifyPlan& plan() const { return plan_; }

  // Feeds rows (one Cells per column, on each side) to `check` as one window, then asks
  // for its findings.
  std::vector<Finding> Run(Check& check, const std::vector<Cells>& original,
                           const std::vector<Cells>& copy) {
    Feed(check, 0, original, copy);
    CheckOutcome outcome;
    return Finish(check, outcome);
  }

  // Feeds table `table` (its id in the plan) to `check` as the verifier does: OnOriginal
  // and, when the copy has the table, OnCopy and OnPairs for the rows both sides have;
  // then OnTableEnd with both sides' row counts (-1 for a table the copy lacks).
  void Feed(BatchObserver& check, size_t table_id, const std::vector<Cells>& original,
            const std::vector<Cells>& copy) {
    const Batch before = MakeBatch(original), after = MakeBatch(copy);
    const VerifiedTable& table = plan_.tables.at(table_id);
    EXPECT_TRUE(check.OnOriginal(table, before).ok());
    int64_t copy_rows = -1;
    if (table.in_copy()) {
      EXPECT_TRUE(check.OnCopy(table, after).ok());
      const PairedRows rows{table, before, 0, after, 0, std::min(before.rows(), after.rows()), 1};
      if (rows.rows > 0) {
        EXPECT_TRUE(check.OnPairs(rows).ok());
      }
      copy_rows = static_cast<int64_t>(after.rows());
    }
    check.OnTableEnd(table, static_cast<int64_t>(before.rows()), copy_rows);
  }

  // The check's findings, and its outcome in `outcome`.
  std::vector<Finding> Finish(Check& check, CheckOutcome& outcome) {
    std::vector<Finding> findings;
    check.Finish(findings, outcome);
    EXPECT_FALSE(outcome.description.empty());
    for (const auto& finding : findings) EXPECT_EQ(finding.check, check.name());
    return findings;
  }

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

 private:
  Policy policy_;
  VerifyPlan plan_;
};

}  // namespace veil::testing
