#include "generate/row_plan.h"

#include <gtest/gtest.h>

namespace veil {
namespace {

ColumnSchema Column(std::string name, std::string type, bool not_null = false, int pk = 0) {
  ColumnSchema column;
  column.name = std::move(name);
  column.declared_type = std::move(type);
  column.not_null = not_null;
  column.primary_key_position = pk;
  return column;
}

ForeignKeySchema Reference(std::string column, std::string table, std::string referenced) {
  return ForeignKeySchema{{std::move(column)}, std::move(table), {std::move(referenced)}, "", ""};
}

// person <- referral <- plan; plan also references person, and worker is a root.
std::vector<TableSchema> Schema() {
  TableSchema person{"person", {Column("id", "INTEGER", true, 1)}, {}, {}};
  TableSchema worker{"worker", {Column("id", "INTEGER", true, 1)}, {}, {}};
  TableSchema referral{
      "referral",
      {Column("id", "INTEGER", true, 1), Column("person_id", "INTEGER", true),
       Column("worker_id", "INTEGER")},
      {Reference("person_id", "person", "id"), Reference("worker_id", "worker", "id")},
      {}};
  TableSchema plan{
      "plan",
      {Column("id", "INTEGER", true, 1), Column("person_id", "INTEGER"),
       Column("referral_id", "INTEGER")},
      {Reference("person_id", "person", "id"), Reference("referral_id", "referral", "id")},
      {}};
  return {plan, referral, person, worker};
}

TEST(RowPlanTest, OwnersAreTheDeepestReferencedTables) {
  const auto tables = Schema();
  std::vector<std::string> notes;
  GenerationOptions options{{{"person", 100}}, {}, "seed", "2026-01-01"};
  auto plan = RowPlan::Make(tables, options, notes);
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  const auto& p = plan.value();
  EXPECT_EQ(p.table(static_cast<size_t>(p.Find("plan"))).owner_table, p.Find("referral"));
  EXPECT_EQ(p.table(static_cast<size_t>(p.Find("referral"))).owner_table, p.Find("person"));
  EXPECT_EQ(p.table(static_cast<size_t>(p.Find("person"))).count, 100);
  EXPECT_EQ(p.table(static_cast<size_t>(p.Find("worker"))).count, 10);  // a tenth of the roots
  const auto& referral = p.table(static_cast<size_t>(p.Find("referral")));
  EXPECT_GE(referral.count, 100);
  EXPECT_LE(referral.count, 300);
  // Every referral row hangs from a person row, in order, 1 to 3 per person.
  for (int64_t person = 0; person < 100; ++person) {
    const int64_t children = referral.starts[static_cast<size_t>(person) + 1] -
                             referral.starts[static_cast<size_t>(person)];
    EXPECT_GE(children, 1);
    EXPECT_LE(children, 3);
  }
  const auto plan_table = static_cast<size_t>(p.Find("plan"));
  for (int64_t row = 0; row < p.table(plan_table).count; ++row) {
    const int64_t referral_row = p.ParentRow(plan_table, row);
    EXPECT_EQ(p.AncestorRow(plan_table, row, p.Find("person")),
              p.ParentRow(static_cast<size_t>(p.Find("referral")), referral_row));
  }
  EXPECT_TRUE(notes.empty());
}

TEST(RowPlanTest, ExactCountsSpreadOverParentsAndRangesAreHonoured) {
  const auto tables = Schema();
  std::vector<std::string> notes;
  GenerationOptions options{
      {{"person", 7}, {"referral", 20}}, {{"plan", {2, 2}}}, "s", "2026-01-01"};
  auto plan = RowPlan::Make(tables, options, notes);
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  EXPECT_EQ(plan->table(static_cast<size_t>(plan->Find("referral"))).count, 20);
  EXPECT_EQ(plan->table(static_cast<size_t>(plan->Find("plan"))).count, 40);
}

TEST(RowPlanTest, RefusesOptionsNamingTablesTheSchemaLacks) {
  const auto tables = Schema();
  std::vector<std::string> notes;
  auto unknown = RowPlan::Make(tables, {{{"people", 5}}, {}, "s", "2026-01-01"}, notes);
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("--rows names table people"), std::string::npos);
  auto root = RowPlan::Make(tables, {{}, {{"person", {1, 2}}}, "s", "2026-01-01"}, notes);
  ASSERT_FALSE(root.ok());
  EXPECT_NE(root.status().message().find("references no other table"), std::string::npos);
  auto backwards = RowPlan::Make(tables, {{}, {{"plan", {3, 1}}}, "s", "2026-01-01"}, notes);
  EXPECT_FALSE(backwards.ok());
}

TEST(RowPlanTest, BreaksReferenceCyclesAndSaysSo) {
  TableSchema a{"a",
                {Column("id", "INTEGER", true, 1), Column("b_id", "INTEGER")},
                {Reference("b_id", "b", "id")},
                {}};
  TableSchema b{"b",
                {Column("id", "INTEGER", true, 1), Column("a_id", "INTEGER")},
                {Reference("a_id", "a", "id")},
                {}};
  const std::vector<TableSchema> tables = {a, b};
  std::vector<std::string> notes;
  auto plan = RowPlan::Make(tables, {{{"a", 4}}, {}, "s", "2026-01-01"}, notes);
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  EXPECT_EQ(plan->table(0).count, 4);
  EXPECT_EQ(plan->table(1).owner_table, 0);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].find("cycle"), std::string::npos);
}

}  // namespace
}  // namespace veil
