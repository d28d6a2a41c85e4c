#include "transforms/redact/text_date.h"

#include <gtest/gtest.h>

namespace veil {
namespace {

using std::chrono::days;

// The text with its date moved by `shift` days, or "-" when it is not a date.
std::string Shifted(std::string_view text, int shift) {
  const auto date = TextDate::Read(text);
  if (!date) return "-";
  std::string out;
  date->Write(date->day() + days(shift), out);
  return out;
}

TEST(TextDateTest, KeepsTheLayoutOfNumericDates) {
  EXPECT_EQ(Shifted("03/04/2021", 1), "04/04/2021");
  EXPECT_EQ(Shifted("3/4/2021", 30), "3/5/2021");
  EXPECT_EQ(Shifted("31.12.2020", 1), "01.01.2021");
  EXPECT_EQ(Shifted("2021-04-03", -3), "2021-03-31");
  EXPECT_EQ(Shifted("03-04-21", 365), "03-04-22");
}

TEST(TextDateTest, KeepsTheLayoutOfNamedMonths) {
  EXPECT_EQ(Shifted("3rd April 2021", 1), "4th April 2021");
  EXPECT_EQ(Shifted("1 Jan 2020", 31), "1 Feb 2020");
  EXPECT_EQ(Shifted("April 3, 2021", 19), "April 22, 2021");
  EXPECT_EQ(Shifted("21ST OF MARCH 2019", 1), "22ND OF MARCH 2019");
  EXPECT_EQ(Shifted("30 sept 2020", 1), "1 oct 2020");
}

TEST(TextDateTest, OnlyRealCalendarDatesAreDates) {
  EXPECT_EQ(Shifted("31/02/2021", 0), "-");
  EXPECT_EQ(Shifted("13/13/2021", 0), "-");
  EXPECT_EQ(Shifted("01/01/1700", 0), "-");
  EXPECT_EQ(Shifted("12 Smarch 2020", 0), "-");
  EXPECT_EQ(Shifted("1/2", 0), "-");
  EXPECT_EQ(Shifted("29/02/2020", 0), "29/02/2020");
  EXPECT_EQ(Shifted("2222222222/1/2000", 0), "-");  // found by the redact fuzz target
  EXPECT_EQ(Shifted("1 May 22222222222", 0), "-");
}

}  // namespace
}  // namespace veil
