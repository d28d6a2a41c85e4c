#include "core/date_text.h"

#include <gtest/gtest.h>

namespace veil {
namespace {

std::string RoundTrip(const std::string& text, int shift_days) {
  const auto date = ParseDateText(text);
  if (!date) return "unparsed";
  std::string out;
  AppendDateText(date->day + std::chrono::days(shift_days), date->form, date->time_suffix, out);
  return out;
}

TEST(DateTextTest, ParsesAndWritesBackEachForm) {
  EXPECT_EQ(RoundTrip("2020-02-28", 1), "2020-02-29");
  EXPECT_EQ(RoundTrip("2020-02-29", 1), "2020-03-01");
  EXPECT_EQ(RoundTrip("31/12/1999", 1), "01/01/2000");
  EXPECT_EQ(RoundTrip("2021-06-01T12:30:00+01:00", -1), "2021-05-31T12:30:00+01:00");
  EXPECT_EQ(RoundTrip("2021-06-01 12:30:00.123", 0), "2021-06-01 12:30:00.123");
  EXPECT_EQ(RoundTrip("01/06/2021 09:15", 30), "01/07/2021 09:15");
}

TEST(DateTextTest, RejectsNonDates) {
  for (const char* bad : {"", "2021-02-30", "2021-13-01", "21-01-01", "32/01/2020", "hello world",
                          "2021-01-01x", "2021/01/01", "2021-01-01T", "12345"}) {
    EXPECT_FALSE(ParseDateText(bad).has_value()) << bad;
  }
  EXPECT_TRUE(ParseIsoDay("2020-01-01").has_value());
  EXPECT_FALSE(ParseIsoDay("01/01/2020").has_value());
}

}  // namespace
}  // namespace veil
