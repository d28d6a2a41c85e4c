#include "verify/row_tally.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "verify/column_role.h"

namespace veil {
namespace {

TEST(RowTallyTest, KeepsTheFirstRowsAndCountsAll) {
  RowTally tally;
  for (int64_t row = 1; row <= 57; ++row) tally.Add(row);
  tally.Add(57);  // the same row again counts once
  EXPECT_EQ(tally.count(), 57);
  ASSERT_EQ(tally.rows().size(), kMaxFindingRows);
  EXPECT_EQ(tally.rows().front(), 1);
  EXPECT_EQ(tally.rows().back(), 20);
}

TEST(RowTallyTest, UnorderedRowsAndMergesKeepTheSmallest) {
  RowTally a, b;
  for (int64_t row : {90, 5, 40, 3}) a.AddUnordered(row);
  for (int64_t row = 100; row > 60; --row) b.AddUnordered(row);
  a.Merge(b);
  EXPECT_EQ(a.count(), 44);
  ASSERT_EQ(a.rows().size(), kMaxFindingRows);
  EXPECT_EQ(a.rows()[0], 3);
  EXPECT_EQ(a.rows()[1], 5);
  EXPECT_EQ(a.rows()[2], 40);
  EXPECT_EQ(a.rows()[3], 61);
  EXPECT_TRUE(std::is_sorted(a.rows().begin(), a.rows().end()));
}

TEST(UnchangedThresholdTest, DependsOnTheRule) {
  VerifyPolicy policy;
  ColumnRole fake;
  fake.rule = "fake";
  fake.chance_unchanged = 0;
  EXPECT_EQ(UnchangedThreshold(fake, policy, 1000), 0);
  ColumnRole choice;
  choice.rule = "choice";
  choice.chance_unchanged = 1.0 / 3;
  const double t = UnchangedThreshold(choice, policy, 1000);
  EXPECT_GT(t, 1.0 / 3);
  EXPECT_LT(t, 0.4);
  ColumnRole kept;
  EXPECT_EQ(UnchangedThreshold(kept, policy, 1000), 1);
  policy.unchanged["choice"] = 0.9;
  EXPECT_EQ(UnchangedThreshold(choice, policy, 1000), 0.9);
}

}  // namespace
}  // namespace veil
