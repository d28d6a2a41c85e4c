// ParseSubsetOption, CheckSqlCondition and ParseSimpleCondition: the forms --subset takes.
#include "subset/subset_option.h"

#include <gtest/gtest.h>

#include "subset/simple_condition.h"

namespace veil {
namespace {

TEST(SubsetOptionTest, ReadsACondition) {
  const auto spec = ParseSubsetOption("ssd_person: pers_person_id = 'C1234'", 1);
  ASSERT_TRUE(spec.ok()) << spec.status().message();
  EXPECT_EQ(spec->table, "ssd_person");
  EXPECT_EQ(spec->kind, SubsetSpec::Kind::kCondition);
  EXPECT_EQ(spec->condition, "pers_person_id = 'C1234'");
}

TEST(SubsetOptionTest, ReadsAPercentAndRows) {
  const auto percent = ParseSubsetOption("ssd_person: 1%", 1);
  ASSERT_TRUE(percent.ok());
  EXPECT_EQ(percent->kind, SubsetSpec::Kind::kPercent);
  EXPECT_DOUBLE_EQ(percent->percent, 1.0);
  const auto half = ParseSubsetOption("t: 0.5 %", 1);
  ASSERT_TRUE(half.ok());
  EXPECT_DOUBLE_EQ(half->percent, 0.5);
  const auto rows = ParseSubsetOption("  t :  25 rows ", 1);
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->kind, SubsetSpec::Kind::kRows);
  EXPECT_EQ(rows->rows, 25);
  EXPECT_EQ(rows->table, "t");
}

TEST(SubsetOptionTest, APercentSignInsideAConditionIsACondition) {
  const auto spec = ParseSubsetOption("people: name LIKE 'A%'", 1);
  ASSERT_TRUE(spec.ok());
  EXPECT_EQ(spec->kind, SubsetSpec::Kind::kCondition);
}

TEST(SubsetOptionTest, AQuotedTableMayHoldAColon) {
  const auto spec = ParseSubsetOption(R"("odd: ""name""": id = 3)", 1);
  ASSERT_TRUE(spec.ok()) << spec.status().message();
  EXPECT_EQ(spec->table, "odd: \"name\"");
  EXPECT_EQ(spec->condition, "id = 3");
}

TEST(SubsetOptionTest, RefusesMalformedFormsNamingTheOption) {
  for (const char* bad : {"no colon here", ": id = 1", "t:", "t: 0%", "t: 101%", "t: 0 rows",
                          "t: -3 rows", "t: 1.5 rows", "\"t: id = 1", "t: 1..2%"}) {
    const auto spec = ParseSubsetOption(bad, 2);
    ASSERT_FALSE(spec.ok()) << bad;
    EXPECT_NE(spec.status().message().find("the 2nd --subset"), std::string::npos)
        << spec.status().message();
  }
}

TEST(SubsetOptionTest, NamesOccurrencesInEnglish) {
  EXPECT_EQ(SubsetOptionName(1), "the 1st --subset");
  EXPECT_EQ(SubsetOptionName(3), "the 3rd --subset");
  EXPECT_EQ(SubsetOptionName(11), "the 11th --subset");
  EXPECT_EQ(SubsetOptionName(22), "the 22nd --subset");
}

SubsetSpec Condition(const std::string& text) {
  SubsetSpec spec;
  spec.table = "t";
  spec.condition = text;
  return spec;
}

TEST(SubsetOptionTest, AnSqlConditionMustBeOneExpression) {
  for (const char* good : {"id = 1", "name = 'a;b' AND (x IN (1, 2))", "\"we;ird\" = 'it''s'"}) {
    EXPECT_TRUE(CheckSqlCondition(Condition(good)).ok()) << good;
  }
  for (const char* bad : {"1) UNION SELECT (1", "id = 1; DROP TABLE t", "id = 1 -- x",
                          "id = 1 /* x */", "(id = 1", "name = 'open"}) {
    const Status status = CheckSqlCondition(Condition(bad));
    ASSERT_FALSE(status.ok()) << bad;
    EXPECT_NE(status.message().find("--subset"), std::string::npos);
    EXPECT_EQ(status.message().find(bad), std::string::npos) << "echoes the condition";
  }
}

TEST(SimpleConditionTest, ReadsEqualsAndIn) {
  auto eq = ParseSimpleCondition(Condition("person_id = 'P 7'"), "csv directory d");
  ASSERT_TRUE(eq.ok()) << eq.status().message();
  EXPECT_EQ(eq->column, "person_id");
  EXPECT_TRUE(eq->Matches("P 7"));
  EXPECT_FALSE(eq->Matches("P7"));
  auto in = ParseSimpleCondition(Condition("\"the id\" in (a, 'b,c', 'd''e' )"), "csv");
  ASSERT_TRUE(in.ok()) << in.status().message();
  EXPECT_EQ(in->column, "the id");
  EXPECT_EQ(in->values, (std::vector<std::string>{"a", "b,c", "d'e"}));
  auto bare = ParseSimpleCondition(Condition("id = 42"), "csv");
  ASSERT_TRUE(bare.ok());
  EXPECT_TRUE(bare->Matches("42"));
}

TEST(SimpleConditionTest, RefusesAnythingElse) {
  for (const char* bad : {"id > 3", "id = 'a' AND x = 1", "id IN ()", "id IN (1, 2", "= 3",
                          "id = 'x' junk", "lower(id) = 'a'"}) {
    const auto parsed = ParseSimpleCondition(Condition(bad), "csv directory d");
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_NE(parsed.status().message().find("csv directory d"), std::string::npos);
  }
}

}  // namespace
}  // namespace veil
