#include "verify/checks/column_statistics.h"

#include "verify/checks/check_fixture.h"

namespace veil {
namespace {

using testing::CheckFixture;

constexpr const char* kPolicy = R"(version: 1
tables:
  t:
    columns:
      name: {mask: {keep_last: 1}}
      secret: drop
)";

TEST(DistinctCounterTest, CountsDistinctNonNullValuesOnEachSide) {
  CheckFixture f(kPolicy, {testing::TextTable("t", {"name", "secret"})},
                 {testing::TextTable("t", {"name"})});
  DistinctCounter counter;
  f.Feed(counter, 0, {{"ann", "bob", "ann", std::nullopt}, {"s1", "s2", "s2", "s2"}},
         {{"**n", "**b", "**n", "**x"}});
  const DistinctCounts name = counter.Counts(0, 0);
  EXPECT_EQ(name.before, 2);  // ann, bob; NULL is not a value
  EXPECT_EQ(name.after, 3);
  const DistinctCounts secret = counter.Counts(0, 1);
  EXPECT_EQ(secret.before, 2);
  EXPECT_EQ(secret.after, -1);  // dropped: not in the copy
}

TEST(DistinctCounterTest, AColumnNeverSeenIsNotCounted) {
  DistinctCounter counter;
  const DistinctCounts counts = counter.Counts(3, 1);
  EXPECT_EQ(counts.before, -1);
  EXPECT_EQ(counts.after, -1);
}

}  // namespace
}  // namespace veil
