#include "privacy/hierarchy_builders.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "policy/yaml_value.h"
#include "privacy/hierarchy_file.h"

namespace veil {
namespace {

using Values = std::vector<std::string>;

// Builds `yaml` for `values` as column c; fails the test unless it succeeds with a table
// that passes CheckHierarchy and ends in "*" on every row.
HierarchyTable Build(const std::string& yaml, const Values& values) {
  auto table = BuildHierarchy(ToPolicyValue(YAML::Load(yaml)), values, "column c");
  EXPECT_TRUE(table.ok()) << table.status().message();
  if (!table.ok()) return {};
  const Status check = CheckHierarchy(*table, "column c");
  EXPECT_TRUE(check.ok()) << check.message();
  for (const HierarchyRow& row : *table) EXPECT_EQ(row.back(), "*");
  return *table;
}

// The error of building `yaml` for `values`; fails the test if it builds, or if the
// message does not start with the column or contains `secret`.
Status BuildError(const std::string& yaml, const Values& values, const std::string& secret = "") {
  auto table = BuildHierarchy(ToPolicyValue(YAML::Load(yaml)), values, "column c");
  EXPECT_FALSE(table.ok());
  if (table.ok()) return Status::Ok();
  const Status status = table.status();
  const std::string& message = status.message();
  EXPECT_EQ(message.rfind("column c", 0), 0u) << message;
  if (!secret.empty()) {
    EXPECT_EQ(message.find(secret), std::string::npos) << message;
  }
  return status;
}

TEST(HierarchyBuildersTest, MaskRightSortsNumbersAndMasksShortValuesFully) {
  EXPECT_EQ(Build("{mask: right}", {"12345", "9876", "123"}),
            (HierarchyTable{{"123", "12*", "1**", "***", "***", "***", "*"},
                            {"9876", "987*", "98**", "9***", "****", "****", "*"},
                            {"12345", "1234*", "123**", "12***", "1****", "*****", "*"}}));
}

TEST(HierarchyBuildersTest, MaskLeftCountsCharactersNotBytes) {
  EXPECT_EQ(Build("{mask: left}", {"Zoë", "Al"}),
            (HierarchyTable{{"Al", "*l", "**", "**", "*"}, {"Zoë", "*oë", "**ë", "***", "*"}}));
}

TEST(HierarchyBuildersTest, MaskOfSingleCharactersAddsNoSecondTop) {
  EXPECT_EQ(Build("{mask: right}", {"b", "a", "", "a"}), (HierarchyTable{{"a", "*"}, {"b", "*"}}));
}

TEST(HierarchyBuildersTest, MaskErrors) {
  EXPECT_EQ(BuildError("{mask: middle}", {"1"}).message(), "column c: `mask` is right or left");
  const std::string long_value(101, 'x');
  const Status status = BuildError("{mask: right}", {"ab", long_value}, long_value);
  EXPECT_EQ(status.code(), ErrorCode::kInput);
}

TEST(HierarchyBuildersTest, DatesByCalendarPeriods) {
  EXPECT_EQ(Build("{date: [month, quarter, semester, year, decade]}",
                  {"2024-02-14T10:00:00", "2024-02-14", "15/08/2019", "2019-12-30 08:00:00"}),
            (HierarchyTable{
                {"15/08/2019", "2019-08", "2019-Q3", "2019-H2", "2019", "2010s", "*"},
                {"2019-12-30 08:00:00", "2019-12", "2019-Q4", "2019-H2", "2019", "2010s", "*"},
                {"2024-02-14", "2024-02", "2024-Q1", "2024-H1", "2024", "2020s", "*"},
                {"2024-02-14T10:00:00", "2024-02", "2024-Q1", "2024-H1", "2024", "2020s", "*"}}));
  EXPECT_EQ(Build("{date: year}", {"2001-05-06"}), (HierarchyTable{{"2001-05-06", "2001", "*"}}));
}

TEST(HierarchyBuildersTest, WeeksAreIsoWeeksAndCarryTheirWeekYearUpwards) {
  EXPECT_EQ(Build("{date: [week, year, decade]}",
                  {"2024-12-30", "2021-01-03", "2024-02-14", "2019-12-30"}),
            (HierarchyTable{{"2019-12-30", "2020-W01", "2020", "2020s", "*"},
                            {"2021-01-03", "2020-W53", "2020", "2020s", "*"},
                            {"2024-02-14", "2024-W07", "2024", "2020s", "*"},
                            {"2024-12-30", "2025-W01", "2025", "2020s", "*"}}));
  EXPECT_EQ(Build("{date: [week]}", {"2027-01-01"}),
            (HierarchyTable{{"2027-01-01", "2026-W53", "*"}}));
}

TEST(HierarchyBuildersTest, DateErrors) {
  EXPECT_EQ(BuildError("{date: [year, month]}", {}).code(), ErrorCode::kPolicy);
  EXPECT_EQ(BuildError("{date: [month, month]}", {}).code(), ErrorCode::kPolicy);
  EXPECT_EQ(BuildError("{date: []}", {}).code(), ErrorCode::kPolicy);
  EXPECT_EQ(BuildError("{date: [fortnight]}", {}).message(),
            "column c: `date` lists 'fortnight', which is not a period; the periods are week, "
            "month, quarter, semester, year and decade");
  for (const char* yaml : {"{date: [week, month]}", "{date: [week, quarter, year]}"}) {
    EXPECT_NE(BuildError(yaml, {}).message().find("straddle"), std::string::npos) << yaml;
  }
  const Status status = BuildError("{date: [month]}", {"2020-01-01", "Sarah Jones"}, "Sarah");
  EXPECT_EQ(status.code(), ErrorCode::kInput);
  EXPECT_EQ(status.message(), "column c holds a value that is not a date");
}

TEST(HierarchyBuildersTest, IntervalsMergeBaseIntervalsAndKeepTheOpenEnds) {
  EXPECT_EQ(Build("{intervals: [0, 18, 30, 45, 65], levels: [1, 2, 4]}",
                  {"64", "5", "18", "29.5", "44", "-1", "65", "100"}),
            (HierarchyTable{{"-1", "<0", "<0", "<0", "*"},
                            {"5", "[0, 18)", "[0, 30)", "[0, 65)", "*"},
                            {"18", "[18, 30)", "[0, 30)", "[0, 65)", "*"},
                            {"29.5", "[18, 30)", "[0, 30)", "[0, 65)", "*"},
                            {"44", "[30, 45)", "[30, 65)", "[0, 65)", "*"},
                            {"64", "[45, 65)", "[30, 65)", "[0, 65)", "*"},
                            {"65", ">=65", ">=65", ">=65", "*"},
                            {"100", ">=65", ">=65", ">=65", "*"}}));
}

TEST(HierarchyBuildersTest, IntervalsShortLastGroupDecimalsAndDefaultLevels) {
  EXPECT_EQ(
      Build("{intervals: [0, 10, 20, 30], levels: [1, 2]}", {"25", "15"}),
      (HierarchyTable{{"15", "[10, 20)", "[0, 20)", "*"}, {"25", "[20, 30)", "[20, 30)", "*"}}));
  EXPECT_EQ(Build("{intervals: [0.5, 10000, 25000.25]}", {"12000", "0.25"}),
            (HierarchyTable{{"0.25", "<0.5", "*"}, {"12000", "[10000, 25000.25)", "*"}}));
}

TEST(HierarchyBuildersTest, IntervalErrors) {
  for (const char* yaml :
       {"{intervals: [0, 10, 10]}", "{intervals: [5]}", "{intervals: [0, ten]}",
        "{intervals: [0, 10], levels: [2, 3]}", "{intervals: [0, 10], levels: [0]}",
        "{intervals: [0, 10], levels: [2, 2]}", "{intervals: 10}"}) {
    EXPECT_EQ(BuildError(yaml, {"1"}).code(), ErrorCode::kPolicy) << yaml;
  }
  const Status status = BuildError("{intervals: [0, 10]}", {"3", "N/A income"}, "N/A");
  EXPECT_EQ(status.code(), ErrorCode::kInput);
  EXPECT_EQ(status.message(), "column c holds a value that is not a number");
}

TEST(HierarchyBuildersTest, GroupsWithoutOrderFollowTheSortedValues) {
  EXPECT_EQ(Build("{groups: [2, 4]}", {"10", "2", "3", "7", "5"}),
            (HierarchyTable{{"2", "2..3", "2..7", "*"},
                            {"3", "2..3", "2..7", "*"},
                            {"5", "5..7", "2..7", "*"},
                            {"7", "5..7", "2..7", "*"},
                            {"10", "10", "10", "*"}}));
}

TEST(HierarchyBuildersTest, GroupsWithOrderCountOverTheWholeOrder) {
  EXPECT_EQ(Build("{order: [none, primary, secondary, degree, doctorate], groups: [2, 4]}",
                  {"degree", "none", "secondary", "doctorate"}),
            (HierarchyTable{{"none", "none..primary", "none..degree", "*"},
                            {"secondary", "secondary..degree", "none..degree", "*"},
                            {"degree", "secondary..degree", "none..degree", "*"},
                            {"doctorate", "doctorate", "doctorate", "*"}}));
}

TEST(HierarchyBuildersTest, GroupErrors) {
  const Status missing = BuildError("{order: [a, b], groups: [2]}", {"a", "Smith"}, "Smith");
  EXPECT_EQ(missing.code(), ErrorCode::kInput);
  EXPECT_EQ(missing.message(), "column c holds a value that `order` does not list");
  EXPECT_EQ(BuildError("{order: [a, b, a], groups: [2]}", {"a"}).message(),
            "column c: items 1 and 3 of `order` are the same");
  EXPECT_EQ(BuildError("{groups: [3, 4]}", {"a"}).code(), ErrorCode::kPolicy);
  EXPECT_EQ(BuildError("{order: [a, b]}", {"a"}).code(), ErrorCode::kPolicy);
  // Labels that clash with a value make an inconsistent hierarchy, which is refused.
  const Status clash = BuildError("{order: [a, b, c, d, a..b], groups: [2, 4]}", {"a", "a..b"});
  EXPECT_EQ(clash.code(), ErrorCode::kPolicy);
  EXPECT_NE(clash.message().find("inconsistent"), std::string::npos) << clash.message();
}

TEST(HierarchyBuildersTest, SpecErrorsNameTheColumn) {
  EXPECT_EQ(BuildError("{mask: right, colour: red}", {"a"}).message(),
            "column c: `generalise` has an unknown key 'colour'; the keys are mask, date, "
            "intervals (with levels) and groups (with order)");
  EXPECT_EQ(BuildError("{mask: right, groups: [2]}", {"a"}).message(),
            "column c: `generalise` takes exactly one of mask, date, intervals and groups");
  EXPECT_EQ(BuildError("{}", {"a"}).code(), ErrorCode::kPolicy);
  EXPECT_EQ(BuildError("mask", {"a"}).code(), ErrorCode::kPolicy);
  EXPECT_EQ(BuildError("{groups: [2], levels: [1]}", {"a"}).message(),
            "column c: `levels` goes with `intervals`");
}

TEST(HierarchyBuildersTest, NoValuesGiveAnEmptyTableButTheSpecIsStillChecked) {
  auto table = BuildHierarchy(ToPolicyValue(YAML::Load("{date: [month, year]}")), {}, "column c");
  ASSERT_TRUE(table.ok()) << table.status().message();
  EXPECT_TRUE(table->empty());
  EXPECT_EQ(BuildError("{date: [year, month]}", {}).code(), ErrorCode::kPolicy);
}

}  // namespace
}  // namespace veil
