#include "transforms/pseudonym_tracker.h"

#include <gtest/gtest.h>

namespace veil {
namespace {

TEST(PseudonymTrackerTest, SameOriginalTwiceIsFineDifferentOriginalIsCollision) {
  PseudonymTracker tracker("person", 40);
  EXPECT_TRUE(tracker.Record({{1, 100}, {2, 200}, {1, 100}}).ok());
  EXPECT_EQ(tracker.distinct(), 2u);
  const Status s = tracker.Record({{2, 201}});
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("person"), std::string::npos);
}

TEST(PseudonymTrackerTest, StaysExhaustiveForSmallSpacesAndStopsForHugeOnes) {
  PseudonymTracker small("a", 60);
  PseudonymTracker huge("b", 120);
  std::vector<PseudonymTracker::Entry> entries;
  for (uint64_t i = 1; i <= PseudonymTracker::kExactLimit + 10; ++i) entries.push_back({i, i});
  ASSERT_TRUE(small.Record(entries).ok());
  ASSERT_TRUE(huge.Record(entries).ok());
  EXPECT_TRUE(small.exhaustive());
  EXPECT_FALSE(huge.exhaustive());
}

}  // namespace
}  // namespace veil
