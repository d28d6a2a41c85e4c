#include "core/date_text.h"
#include "transforms/rule_fixture.h"

namespace veil {
namespace {

using testing::Cells;
using testing::RuleFixture;

const char* kPolicy = R"(version: 1
entities:
  person:
    date_shift: {min_days: -30, max_days: 30}
tables:
  t:
    keys: {person: pid}
    columns:
      pid: keep
      when: {date_shift: person}
      other: {date_shift: {min_days: 5, max_days: 9}}
)";

int64_t DaysBetween(const std::string& a, const std::string& b) {
  return (ParseDateText(b)->day - ParseDateText(a)->day).count();
}

TEST(DateShiftRuleTest, OneOffsetPerEntityKeepsIntervalsAndForms) {
  RuleFixture f(kPolicy, {"pid", "when", "other"});
  ASSERT_TRUE(f.Plan().ok());
  const Cells pid = {"A", "A", "B", "A", "B"};
  const Cells when = {"2020-01-01", "2020-03-15T10:20:00Z", "01/02/2019", "31/12/2020 08:00",
                      "2019-02-28"};
  const Cells other = {"2020-01-01", "2020-01-01", "2020-01-01", "2020-01-01", "2020-01-01"};
  auto out = f.Apply(1, {pid, when, other});
  ASSERT_TRUE(out.ok()) << out.status().message();
  const Cells& o = out.value();
  EXPECT_EQ(o[1]->substr(10), "T10:20:00Z");
  EXPECT_EQ(o[3]->substr(10), " 08:00");
  EXPECT_EQ((*o[3])[2], '/');
  const int64_t shift_a = DaysBetween(*when[0], *o[0]);
  const int64_t shift_b = DaysBetween(*when[2], *o[2]);
  EXPECT_NE(shift_a, 0);
  EXPECT_NE(shift_b, 0);
  EXPECT_GE(shift_a, -30);
  EXPECT_LE(shift_a, 30);
  EXPECT_EQ(DaysBetween(*when[1], *o[1]), shift_a);
  EXPECT_EQ(DaysBetween(*when[3], *o[3]), shift_a);
  EXPECT_EQ(DaysBetween(*when[4], *o[4]), shift_b);
}

TEST(DateShiftRuleTest, PerValueRangeIsRespectedAndDeterministicByRow) {
  RuleFixture f(kPolicy, {"pid", "when", "other"});
  ASSERT_TRUE(f.Plan().ok());
  Cells pid(200, "x"), when(200, "2020-01-01"), other(200, "2020-06-30");
  auto out = f.Apply(2, {pid, when, other}, 7);
  ASSERT_TRUE(out.ok());
  for (const auto& v : out.value()) {
    const int64_t d = DaysBetween("2020-06-30", *v);
    EXPECT_GE(d, 5);
    EXPECT_LE(d, 9);
  }
  auto again = f.Apply(2, {pid, when, other}, 7);
  EXPECT_EQ(out.value(), again.value());
}

TEST(DateShiftRuleTest, NonDateStopsWithRowAndWithoutValue) {
  RuleFixture f(kPolicy, {"pid", "when", "other"});
  ASSERT_TRUE(f.Plan().ok());
  auto out = f.Apply(1, {{"A", "A"}, {"2020-01-01", "Bartholomew"}, {"", ""}}, 10);
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("row 11"), std::string::npos) << out.status().message();
  EXPECT_EQ(out.status().message().find("Bartholomew"), std::string::npos);
}

TEST(DateShiftRuleTest, OpenEndedPostgresDatesAndTimestampsWithZonesAndFractions) {
  RuleFixture f(kPolicy, {"pid", "when", "other"});
  ASSERT_TRUE(f.Plan().ok());
  const Cells when = {"infinity", "-infinity", "2020-01-01 10:00:00.123456+00"};
  auto out = f.Apply(1, {{"A", "A", "A"}, when, {"", "", ""}});
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(out.value()[0], "infinity");
  EXPECT_EQ(out.value()[1], "-infinity");
  EXPECT_EQ(out.value()[2]->substr(10), " 10:00:00.123456+00");
  EXPECT_NE(out.value()[2], when[2]);
}

TEST(DateShiftRuleTest, EntityWithoutRangeOrTableWithoutKeyIsRefused) {
  RuleFixture no_range(
      "version: 1\nentities:\n  p: {}\ntables:\n  t:\n    keys: {p: a}\n    columns:\n"
      "      a: keep\n      d: {date_shift: p}\n",
      {"a", "d"});
  EXPECT_FALSE(no_range.Plan().ok());
  RuleFixture no_key(
      "version: 1\nentities:\n  p: {date_shift: {min_days: 1, max_days: 2}}\ntables:\n  t:\n"
      "    columns:\n      a: keep\n      d: {date_shift: p}\n",
      {"a", "d"});
  const Status status = no_key.Plan();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("keys"), std::string::npos);
}

}  // namespace
}  // namespace veil
