#include "engine/table_plan.h"

#include <gtest/gtest.h>

#include "support/text_table.h"

#include "transforms/rule_fixture.h"

namespace veil {
namespace {

using testing::TextTable;

class TablePlanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto policy = ParsePolicy(R"(version: 1
tables:
  visit:
    columns: {id: keep, child: keep, note: drop}
  child:
    columns: {id: keep, family: keep}
  family:
    columns: {id: {value: X}}
  audit: delete
)",
                              "p.yaml");
    ASSERT_TRUE(policy.ok()) << policy.status().message();
    policy_ = std::move(policy).value();
    secret_.emplace(Secret::FromBytes("0123456789abcdef0123").value());
    run_.policy = &policy_;
    run_.secret = &*secret_;
    run_.fakes = FakeCatalog::Builtin().value();
    run_.code_lists = CodeLists::Builtin().value();
  }

  Policy policy_;
  std::optional<Secret> secret_;
  RunResources run_;
};

TEST_F(TablePlanTest, ParentsComeFirstAndDroppedColumnsLoseTheirKeysAndIndexes) {
  TableSchema visit = TextTable("visit", {"id", "child", "note"});
  visit.foreign_keys.push_back({{"child"}, "child", {"id"}, "", ""});
  visit.indexes.push_back({"visit_note", {"note"}, false, ""});
  visit.indexes.push_back({"visit_child", {"child"}, false, ""});
  visit.columns[0].primary_key_position = 1;  // key (id, note): loses note
  visit.columns[2].primary_key_position = 2;
  TableSchema child = TextTable("child", {"id", "family"});
  child.foreign_keys.push_back({{"family"}, "family", {"id"}, "", ""});
  auto plans = PlanTables({visit, child, TextTable("family", {"id"}), TextTable("audit", {"a"})},
                          BuiltinRules(), run_);
  ASSERT_TRUE(plans.ok()) << plans.status().message();
  std::vector<std::string> order;
  for (const auto& p : plans.value()) order.push_back(p.input.name);
  EXPECT_EQ(order, (std::vector<std::string>{"family", "child", "visit", "audit"}));
  const TablePlan& v = plans.value()[2];
  ASSERT_EQ(v.output.columns.size(), 2u);
  EXPECT_EQ(v.columns[2].kind, ColumnPlan::Kind::kDrop);
  ASSERT_EQ(v.output.indexes.size(), 1u);
  EXPECT_EQ(v.output.indexes[0].name, "visit_child");
  EXPECT_EQ(v.output.foreign_keys.size(), 1u);
  EXPECT_EQ(v.output.columns[0].primary_key_position, 0) << "a key without note is no key";
  EXPECT_EQ(plans.value()[0].columns[0].kind, ColumnPlan::Kind::kTransform);
  EXPECT_EQ(plans.value()[3].action, TableAction::kDelete);
}

}  // namespace
}  // namespace veil
