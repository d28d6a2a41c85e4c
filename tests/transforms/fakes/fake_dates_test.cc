// date_of_birth: a different day within two years, in the original's form; a fallback
// range for values that are not dates.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>

#include "core/date_text.h"
#include "transforms/fakes/fake_test_support.h"

namespace veil {
namespace {

using std::chrono::sys_days;
using testing::GenerateAll;
using testing::Kind;

// Checks every fake of `original` against the rules, and returns how many distinct values.
size_t CheckShiftedDates(const std::string& original) {
  const auto before = ParseDateText(original);
  EXPECT_TRUE(before.has_value()) << original;
  if (!before) return 0;
  const auto values = GenerateAll(Kind("date_of_birth"), original);
  for (const std::string& v : values) {
    const auto after = ParseDateText(v);
    EXPECT_TRUE(after.has_value()) << v;
    if (!after) return 0;
    const int days = static_cast<int>((after->day - before->day).count());
    EXPECT_NE(v, original);
    EXPECT_NE(days, 0) << v;
    EXPECT_LE(std::abs(days), 730) << v;
    EXPECT_EQ(after->form, before->form) << v;
    EXPECT_EQ(after->time_suffix, before->time_suffix) << v;
    if (::testing::Test::HasFailure()) return 0;
  }
  return testing::DistinctCount(values);
}

TEST(FakeDateTest, IsoDatesMoveWithinTwoYears) {
  EXPECT_GT(CheckShiftedDates("1985-06-15"), 1400u);  // 1,460 possible days
}

TEST(FakeDateTest, DayMonthYearDatesKeepTheirForm) {
  EXPECT_GT(CheckShiftedDates("15/06/1985"), 1400u);
  CheckShiftedDates("08/11/2016 10:30");
}

TEST(FakeDateTest, TimePartsAreKeptVerbatim) {
  CheckShiftedDates("2021-03-04T10:00:00Z");
  CheckShiftedDates("2021-03-04 10:00:00.123+01:00");
}

TEST(FakeDateTest, LeapDaysAndCalendarEdges) {
  CheckShiftedDates("2000-02-29");
  CheckShiftedDates("1999-12-31");
  CheckShiftedDates("0001-01-01");  // may only move forward
  CheckShiftedDates("9999-12-31");  // may only move backward
}

TEST(FakeDateTest, NonDatesGetAnIsoDateInTheFallbackRange) {
  const sys_days earliest{std::chrono::year(1940) / 1 / 1};
  const sys_days latest{std::chrono::year(2024) / 12 / 31};
  for (const char* original : {"unknown", "1985-13-40", "31/02/2001", "15.06.1985", "19850615"}) {
    const auto values = GenerateAll(Kind("date_of_birth"), original);
    for (const std::string& v : values) {
      const auto parsed = ParseDateText(v);
      ASSERT_TRUE(parsed.has_value()) << v;
      ASSERT_EQ(parsed->form, DateForm::kIso) << v;
      ASSERT_TRUE(parsed->time_suffix.empty()) << v;
      ASSERT_GE(parsed->day, earliest) << v;
      ASSERT_LE(parsed->day, latest) << v;
    }
    EXPECT_GT(testing::DistinctCount(values), 8000u) << original;  // ~8,550 expected
  }
}

}  // namespace
}  // namespace veil
