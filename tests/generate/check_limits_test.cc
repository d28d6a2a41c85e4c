#include "generate/check_limits.h"

#include <gtest/gtest.h>

namespace veil {
namespace {

// The forms PostgreSQL's pg_get_constraintdef() prints, with casts and parentheses.
TEST(CheckLimitsTest, ReadsComparisonsAsPostgresPrintsThem) {
  const CheckLimits limits = ReadCheckLimits({
      "CHECK ((age >= 0))",
      "CONSTRAINT price_positive CHECK ((price > (0)::numeric))",
      "CHECK (((score >= 1) AND (score <= 5)))",
      "CHECK ((10 > rank))",
  });
  EXPECT_TRUE(limits.not_understood.empty());
  EXPECT_EQ(limits.columns.at("age").low, 0.0);
  EXPECT_TRUE(limits.columns.at("age").low_inclusive);
  EXPECT_EQ(limits.columns.at("price").low, 0.0);
  EXPECT_FALSE(limits.columns.at("price").low_inclusive);
  EXPECT_EQ(limits.columns.at("score").low, 1.0);
  EXPECT_EQ(limits.columns.at("score").high, 5.0);
  EXPECT_EQ(limits.columns.at("rank").high, 10.0);
  EXPECT_FALSE(limits.columns.at("rank").high_inclusive);
}

TEST(CheckLimitsTest, ReadsListsLengthsAndBetween) {
  const CheckLimits limits = ReadCheckLimits({
      "CHECK (((status)::text = ANY ((ARRAY['open'::character varying, 'it''s'::character "
      "varying])::text[])))",
      "CHECK (kind IN ('a', 'b', 'c'))",
      "CHECK ((length((code)::text) <= 3))",
      "CHECK (level BETWEEN 2 AND 4)",
      "CHECK ((\"Odd Name\" IS NOT NULL))",
  });
  EXPECT_TRUE(limits.not_understood.empty());
  EXPECT_EQ(limits.columns.at("status").allowed, (std::vector<std::string>{"open", "it's"}));
  EXPECT_EQ(limits.columns.at("kind").allowed, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(limits.columns.at("code").max_length, 3u);
  EXPECT_EQ(limits.columns.at("level").low, 2.0);
  EXPECT_EQ(limits.columns.at("level").high, 4.0);
}

TEST(CheckLimitsTest, ReportsWhatItCannotReadAndKeepsNothingOfIt) {
  const CheckLimits limits = ReadCheckLimits({
      "CHECK ((age >= 0))",
      "CHECK ((end_date >= start_date))",
      "CHECK (((a > 0) OR (b > 0)))",
  });
  EXPECT_EQ(limits.not_understood, (std::vector<size_t>{2, 3}));
  EXPECT_EQ(limits.columns.size(), 1u);  // nothing half-read from constraints 2 and 3
  EXPECT_EQ(limits.columns.at("age").low, 0.0);
}

// A hostile catalog: a constraint of a megabyte (std::regex would recurse through it).
TEST(CheckLimitsTest, LeavesAHugeConstraintUnreadWithoutCrashing) {
  const std::string huge = "CHECK ((kind IN ('" + std::string(1 << 20, 'x') + "')))";
  const CheckLimits limits = ReadCheckLimits({huge, "CHECK ((age >= 0))"});
  EXPECT_EQ(limits.not_understood, (std::vector<size_t>{1}));
  EXPECT_EQ(limits.columns.at("age").low, 0.0);
}

}  // namespace
}  // namespace veil
