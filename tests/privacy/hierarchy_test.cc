// Hierarchy::FromTable: dense first-seen codes per level, Generalise, Lift, LeavesUnder,
// LeafCode and Label; errors for tables that are not hierarchies name the place and a
// line, never a value.
#include "privacy/hierarchy.h"

#include <gtest/gtest.h>

#include <string>

namespace veil {
namespace {

// Leaves (codes = rows): 10 20 31 32 40.
// Level 1: 10, 20 -> 1x-2x (0); 31, 32 -> 3x (1); 40 -> 4x (2).
// Level 2: 1x-2x -> low (0); 3x, 4x -> high (1).
// Level 3: * (0).
const HierarchyTable kTable = {{"10", "1x-2x", "low", "*"},
                               {"31", "3x", "high", "*"},
                               {"20", "1x-2x", "low", "*"},
                               {"40", "4x", "high", "*"},
                               {"32", "3x", "high", "*"}};

TEST(HierarchyTest, CodesEveryLevelInFirstSeenOrder) {
  auto hierarchy = Hierarchy::FromTable(kTable, "column n");
  ASSERT_TRUE(hierarchy.ok()) << hierarchy.status().message();
  const Hierarchy& h = *hierarchy;
  EXPECT_EQ(h.Levels(), 4);
  EXPECT_EQ(h.Leaves(), 5);
  EXPECT_EQ(h.Values(0), 5);
  EXPECT_EQ(h.Values(1), 3);
  EXPECT_EQ(h.Values(2), 2);
  EXPECT_EQ(h.Values(3), 1);
  // Leaves are the rows: 10 = 0, 31 = 1, 20 = 2, 40 = 3, 32 = 4.
  EXPECT_EQ(h.LeafCode("10"), 0);
  EXPECT_EQ(h.LeafCode("31"), 1);
  EXPECT_EQ(h.LeafCode("32"), 4);
  EXPECT_EQ(h.LeafCode("3x"), std::nullopt);  // a level-1 label is not a leaf
  EXPECT_EQ(h.LeafCode("99"), std::nullopt);
  EXPECT_EQ(h.Label(0, 3), "40");
  // Level 1: 1x-2x = 0, 3x = 1, 4x = 2.
  EXPECT_EQ(h.Label(1, 0), "1x-2x");
  EXPECT_EQ(h.Label(1, 1), "3x");
  EXPECT_EQ(h.Label(1, 2), "4x");
  EXPECT_EQ(h.Label(2, 0), "low");
  EXPECT_EQ(h.Label(2, 1), "high");
  EXPECT_EQ(h.Label(3, 0), "*");
  // Generalise(leaf, level).
  EXPECT_EQ(h.Generalise(0, 0), 0);
  EXPECT_EQ(h.Generalise(2, 1), 0);  // 20 -> 1x-2x
  EXPECT_EQ(h.Generalise(4, 1), 1);  // 32 -> 3x
  EXPECT_EQ(h.Generalise(3, 1), 2);  // 40 -> 4x
  EXPECT_EQ(h.Generalise(3, 2), 1);  // 40 -> high
  EXPECT_EQ(h.Generalise(2, 3), 0);
}

TEST(HierarchyTest, LiftAndLeavesUnder) {
  auto hierarchy = Hierarchy::FromTable(kTable, "column n");
  ASSERT_TRUE(hierarchy.ok());
  const Hierarchy& h = *hierarchy;
  // Lift(code, from, to).
  EXPECT_EQ(h.Lift(4, 0, 1), 1);  // 32 -> 3x
  EXPECT_EQ(h.Lift(4, 0, 0), 4);
  EXPECT_EQ(h.Lift(0, 1, 2), 0);  // 1x-2x -> low
  EXPECT_EQ(h.Lift(1, 1, 2), 1);  // 3x -> high
  EXPECT_EQ(h.Lift(2, 1, 2), 1);  // 4x -> high
  EXPECT_EQ(h.Lift(2, 1, 1), 2);
  EXPECT_EQ(h.Lift(1, 2, 3), 0);
  EXPECT_EQ(h.Lift(2, 1, 3), 0);
  // Lifting in two steps equals lifting at once.
  for (int32_t leaf = 0; leaf < h.Leaves(); ++leaf) {
    for (int mid = 0; mid < h.Levels(); ++mid) {
      for (int to = mid; to < h.Levels(); ++to) {
        EXPECT_EQ(h.Lift(h.Lift(leaf, 0, mid), mid, to), h.Generalise(leaf, to));
      }
    }
  }
  // LeavesUnder(level, code).
  EXPECT_EQ(h.LeavesUnder(0, 3), 1);
  EXPECT_EQ(h.LeavesUnder(1, 0), 2);
  EXPECT_EQ(h.LeavesUnder(1, 1), 2);
  EXPECT_EQ(h.LeavesUnder(1, 2), 1);
  EXPECT_EQ(h.LeavesUnder(2, 0), 2);
  EXPECT_EQ(h.LeavesUnder(2, 1), 3);
  EXPECT_EQ(h.LeavesUnder(3, 0), 5);
}

TEST(HierarchyTest, TwoLevelsAndLabelsRepeatedAcrossLevels) {
  // "a" is a leaf and also a level-1 label: codes are per level.
  auto hierarchy = Hierarchy::FromTable({{"b", "a"}, {"a", "a"}, {"c", "*"}}, "column x");
  ASSERT_TRUE(hierarchy.ok()) << hierarchy.status().message();
  EXPECT_EQ(hierarchy->Levels(), 2);
  EXPECT_EQ(hierarchy->Values(1), 2);
  EXPECT_EQ(hierarchy->LeafCode("a"), 1);
  EXPECT_EQ(hierarchy->Generalise(1, 1), 0);
  EXPECT_EQ(hierarchy->Generalise(2, 1), 1);
  EXPECT_EQ(hierarchy->Label(1, 1), "*");
  EXPECT_EQ(hierarchy->LeavesUnder(1, 0), 2);
}

// The error of FromTable for `table`, which must name `where` and not hold `secret`.
std::string ErrorOf(const HierarchyTable& table, const std::string& secret) {
  auto hierarchy = Hierarchy::FromTable(table, "column zip");
  EXPECT_FALSE(hierarchy.ok());
  if (hierarchy.ok()) return "";
  EXPECT_EQ(hierarchy.status().code(), ErrorCode::kPolicy);
  const std::string message = hierarchy.status().message();
  EXPECT_NE(message.find("column zip"), std::string::npos) << message;
  if (!secret.empty()) {
    EXPECT_EQ(message.find(secret), std::string::npos) << message;
  }
  return message;
}

TEST(HierarchyTest, RejectsTablesThatAreNotHierarchiesWithoutNamingValues) {
  EXPECT_NE(ErrorOf({}, "").find("no hierarchy rows"), std::string::npos);
  EXPECT_NE(ErrorOf({{"SECRET-1"}, {"SECRET-2"}}, "SECRET").find("line 1"), std::string::npos);
  const std::string ragged = ErrorOf({{"SECRET-1", "S1x", "*"}, {"SECRET-2", "*"}}, "SECRET");
  EXPECT_NE(ragged.find("line 2 has 2 levels, line 1 has 3"), std::string::npos) << ragged;
  const std::string repeated =
      ErrorOf({{"SECRET-7", "A", "*"}, {"SECRET-8", "A", "*"}, {"SECRET-7", "B", "*"}}, "SECRET");
  EXPECT_NE(repeated.find("line 3 repeats an original value of line 1"), std::string::npos)
      << repeated;
  // SECRET-A generalises to two level-2 values.
  const std::string split = ErrorOf({{"1", "SECRET-A", "SECRET-X", "*"},
                                     {"2", "SECRET-B", "SECRET-X", "*"},
                                     {"3", "SECRET-A", "SECRET-Y", "*"}},
                                    "SECRET");
  EXPECT_NE(split.find("line 3: a level-1 value generalises to two different level-2 values"),
            std::string::npos)
      << split;
  // Inconsistent at the top: SECRET-X ends in two tops.
  const std::string top = ErrorOf({{"1", "SECRET-X", "*"}, {"2", "SECRET-X", "ALL"}}, "SECRET");
  EXPECT_NE(top.find("line 2"), std::string::npos) << top;
}

}  // namespace
}  // namespace veil
