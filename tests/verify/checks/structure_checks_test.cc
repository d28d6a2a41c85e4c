#include "verify/checks/structure_checks.h"

#include "verify/checks/check_fixture.h"

namespace veil {
namespace {

using testing::Cells;
using testing::CheckFixture;
using testing::TextTable;

constexpr const char* kTablesPolicy = R"(version: 1
tables:
  kept: keep
  gone: drop
  emptied: delete
)";

TableSchema Typed(TableSchema table, size_t column, const std::string& type) {
  table.columns[column].declared_type = type;
  return table;
}

std::vector<std::string> Details(const std::vector<Finding>& findings) {
  std::vector<std::string> details;
  for (const auto& finding : findings) details.push_back(finding.table + ": " + finding.detail);
  return details;
}

TEST(RowCountCheckTest, EveryTableHasTheRowsItsActionImplies) {
  const TableSchema kept = TextTable("kept", {"a"}), gone = TextTable("gone", {"a"}),
                    emptied = TextTable("emptied", {"a"});
  CheckFixture f(kTablesPolicy, {kept, gone, emptied}, {kept, emptied});
  RowCountCheck check(f.plan());
  f.Feed(check, 0, {{"1", "2"}}, {{"x", "y"}});
  f.Feed(check, 1, {{"1"}}, {});
  f.Feed(check, 2, {{"1", "2"}}, {Cells{}});
  CheckOutcome outcome;
  EXPECT_TRUE(f.Finish(check, outcome).empty());
  EXPECT_EQ(outcome.errors, 0);
  EXPECT_EQ(outcome.coverage, "3 tables");
}

TEST(RowCountCheckTest, MissingExtraAndMiscountedTablesAreErrors) {
  const TableSchema kept = TextTable("kept", {"a"}), gone = TextTable("gone", {"a"}),
                    emptied = TextTable("emptied", {"a"}), extra = TextTable("extra", {"a"});
  CheckFixture f(kTablesPolicy, {kept, gone, emptied}, {gone, emptied, extra});
  RowCountCheck check(f.plan());
  f.Feed(check, 0, {{"1", "2"}}, {});
  f.Feed(check, 1, {{"1"}}, {{"1"}});
  f.Feed(check, 2, {{"1", "2"}}, {{"x"}});
  CheckOutcome outcome;
  const auto findings = f.Finish(check, outcome);
  EXPECT_EQ(Details(findings),
            (std::vector<std::string>{
                "kept: the table is missing from the copy",
                "gone: the policy drops this table, but the copy still has it",
                "emptied: the policy deletes this table's rows, but the copy has 1 rows",
                "extra: the copy has a table the original does not"}));
  EXPECT_EQ(outcome.errors, 4);
  ASSERT_EQ(findings.size(), 4u);
  EXPECT_EQ(findings[0].count, 2);  // the original's rows
}

TEST(RowCountCheckTest, AKeptTableWithRowsMissingIsAnError) {
  const TableSchema kept = TextTable("kept", {"a"});
  CheckFixture f("version: 1\ntables:\n  kept: keep\n", {kept}, {kept});
  RowCountCheck check(f.plan());
  f.Feed(check, 0, {{"1", "2", "3"}}, {{"1"}});
  CheckOutcome outcome;
  const auto findings = f.Finish(check, outcome);
  EXPECT_EQ(Details(findings),
            (std::vector<std::string>{"kept: the copy has 1 rows where the original has 3"}));
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].count, 2);
}

constexpr const char* kColumnsPolicy = R"(version: 1
tables:
  t:
    columns:
      a: keep
      b: drop
      c: keep
)";

std::vector<std::string> ColumnDetails(const std::vector<Finding>& findings) {
  std::vector<std::string> details;
  for (const auto& finding : findings) details.push_back(finding.column + ": " + finding.detail);
  return details;
}

TEST(SchemaCheckTest, TheCopyHasTheOriginalsColumnsLessTheDroppedOnes) {
  const TableSchema original = Typed(TextTable("t", {"a", "b", "c"}), 2, "INTEGER");
  const TableSchema copy = Typed(TextTable("t", {"a", "c"}), 1, "integer");
  CheckFixture f(kColumnsPolicy, {original}, {copy});
  SchemaCheck check(f.plan());
  CheckOutcome outcome;
  EXPECT_TRUE(f.Finish(check, outcome).empty());
  EXPECT_EQ(outcome.coverage, "1 tables, columns and types");
}

TEST(SchemaCheckTest, KeptDroppedColumnsMissingExtraAndRetypedColumnsAreErrors) {
  const TableSchema original = Typed(TextTable("t", {"a", "b", "c"}), 2, "INTEGER");
  const TableSchema copy = TextTable("t", {"b", "c", "d"});
  CheckFixture f(kColumnsPolicy, {original}, {copy});
  SchemaCheck check(f.plan());
  CheckOutcome outcome;
  const auto findings = f.Finish(check, outcome);
  EXPECT_EQ(ColumnDetails(findings),
            (std::vector<std::string>{"a: the column is missing from the copy",
                                      "b: the policy drops this column, but the copy still has it",
                                      "d: the copy has a column the original does not",
                                      "c: the column's type differs from the original's"}));
  EXPECT_EQ(outcome.errors, 4);
}

TEST(SchemaCheckTest, TypesAreNotComparedAcrossKindsOfStore) {
  const TableSchema original = Typed(TextTable("t", {"a", "b", "c"}), 2, "INTEGER");
  const TableSchema copy = TextTable("t", {"a", "c"});
  CheckFixture f(kColumnsPolicy, {original}, {copy}, /*same_kind=*/false);
  SchemaCheck check(f.plan());
  CheckOutcome outcome;
  EXPECT_TRUE(f.Finish(check, outcome).empty());
  EXPECT_NE(outcome.coverage.find("types not compared"), std::string::npos) << outcome.coverage;
}

}  // namespace
}  // namespace veil
