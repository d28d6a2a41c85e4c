// ClassTable: classes from counted tuples (with and without a sensitive value) and
// Regroup, which maps codes and merges classes, their sizes and their histograms.
#include "privacy/class_table.h"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

namespace veil {
namespace {

using Keys = std::vector<int32_t>;
using Sizes = std::vector<int64_t>;
using Pairs = std::vector<std::pair<int32_t, int64_t>>;

// The histogram of class `c` as (value, records) pairs.
Pairs HistogramOf(const ClassTable& table, size_t c) {
  Pairs out;
  for (const auto& entry : table.Histogram(c)) out.emplace_back(entry.value, entry.records);
  return out;
}

TEST(ClassTableTest, ClassesFromTuplesWithoutSensitiveCountsRecordsInFirstSeenOrder) {
  // Width 2: (1,0) x2, (0,0) x1, (1,0) x3, (2,5) x4.
  const ClassTable table = ClassesFromTuples({1, 0, 0, 0, 1, 0, 2, 5}, {2, 1, 3, 4}, 2, false);
  EXPECT_EQ(table.width, 2u);
  ASSERT_EQ(table.Classes(), 3u);
  EXPECT_FALSE(table.HasSensitive());
  EXPECT_TRUE(table.hist.empty());
  EXPECT_EQ(table.keys, (Keys{1, 0, 0, 0, 2, 5}));
  EXPECT_EQ(table.sizes, (Sizes{5, 1, 4}));
  EXPECT_EQ(Keys(table.Key(2).begin(), table.Key(2).end()), (Keys{2, 5}));
}

TEST(ClassTableTest, ClassesFromTuplesWithSensitiveSortsAndMergesEachHistogram) {
  // Width 1 + sensitive: (7 | s9) x1, (3 | s4) x2, (7 | s2) x5, (7 | s9) x3, (3 | s4) x1.
  const ClassTable table =
      ClassesFromTuples({7, 9, 3, 4, 7, 2, 7, 9, 3, 4}, {1, 2, 5, 3, 1}, 1, true);
  EXPECT_EQ(table.width, 1u);
  ASSERT_EQ(table.Classes(), 2u);
  ASSERT_TRUE(table.HasSensitive());
  EXPECT_EQ(table.keys, (Keys{7, 3}));
  EXPECT_EQ(table.sizes, (Sizes{9, 3}));
  EXPECT_EQ(table.hist_begin, (std::vector<uint32_t>{0, 2, 3}));
  EXPECT_EQ(HistogramOf(table, 0), (Pairs{{2, 5}, {9, 4}}));
  EXPECT_EQ(HistogramOf(table, 1), (Pairs{{4, 3}}));
}

TEST(ClassTableTest, RegroupMergesSizesAndHistograms) {
  // Width 2 + sensitive. Classes: (0,0){1:2, 3:1}, (1,0){0:4}, (2,1){3:2}, (0,1){1:1, 2:1}.
  const ClassTable from = ClassesFromTuples({0, 0, 1, 0, 0, 3, 1, 0, 0, 2, 1, 3, 0, 1, 1, 0, 1, 2},
                                            {2, 1, 4, 2, 1, 1}, 2, true);
  ASSERT_EQ(from.Classes(), 4u);
  EXPECT_EQ(from.sizes, (Sizes{3, 4, 2, 2}));
  // Column 0: 0, 1 -> 0 and 2 -> 1; column 1: 0, 1 -> 0.
  const ClassTable merged = Regroup(from, {{0, 0, 1}, {0, 0}});
  EXPECT_EQ(merged.width, 2u);
  ASSERT_EQ(merged.Classes(), 2u);
  // (0,0) takes the first, second and fourth old classes; (1,0) the third.
  EXPECT_EQ(merged.keys, (Keys{0, 0, 1, 0}));
  EXPECT_EQ(merged.sizes, (Sizes{9, 2}));
  ASSERT_TRUE(merged.HasSensitive());
  // {1:2, 3:1} + {0:4} + {1:1, 2:1} = {0:4, 1:3, 2:1, 3:1}, sorted by value.
  EXPECT_EQ(HistogramOf(merged, 0), (Pairs{{0, 4}, {1, 3}, {2, 1}, {3, 1}}));
  EXPECT_EQ(HistogramOf(merged, 1), (Pairs{{3, 2}}));

  // Everything into one class; the identity map changes nothing.
  const ClassTable one = Regroup(from, {{0, 0, 0}, {0, 0}});
  ASSERT_EQ(one.Classes(), 1u);
  EXPECT_EQ(one.sizes, (Sizes{11}));
  EXPECT_EQ(HistogramOf(one, 0), (Pairs{{0, 4}, {1, 3}, {2, 1}, {3, 3}}));
  const ClassTable same = Regroup(from, {{0, 1, 2}, {0, 1}});
  EXPECT_EQ(same.keys, from.keys);
  EXPECT_EQ(same.sizes, from.sizes);
  EXPECT_EQ(same.hist_begin, from.hist_begin);
  for (size_t c = 0; c < from.Classes(); ++c) EXPECT_EQ(HistogramOf(same, c), HistogramOf(from, c));
}

TEST(ClassTableTest, RegroupWithoutSensitiveKeepsNoHistogram) {
  const ClassTable from = ClassesFromTuples({0, 1, 2, 3}, {1, 2, 3, 4}, 1, false);
  // 0, 2 -> 5 and 1, 3 -> 4: first-seen order puts 5 first.
  const ClassTable merged = Regroup(from, {{5, 4, 5, 4}});
  EXPECT_FALSE(merged.HasSensitive());
  EXPECT_EQ(merged.keys, (Keys{5, 4}));
  EXPECT_EQ(merged.sizes, (Sizes{4, 6}));
}

TEST(ClassTableTest, RegroupOfManyClassesKeepsEveryRecord) {
  // 3000 classes (i, i % 7) with sensitive i % 5, each of size 1 + i % 3, merged on
  // column 0 by i % 10.
  std::vector<int32_t> tuples;
  std::vector<int64_t> counts;
  int64_t total = 0;
  for (int32_t i = 0; i < 3000; ++i) {
    tuples.insert(tuples.end(), {i, i % 7, i % 5});
    counts.push_back(1 + i % 3);
    total += counts.back();
  }
  const ClassTable from = ClassesFromTuples(tuples, counts, 2, true);
  ASSERT_EQ(from.Classes(), 3000u);
  std::vector<int32_t> map0(3000);
  for (int32_t i = 0; i < 3000; ++i) map0[i] = i % 10;
  const ClassTable merged = Regroup(from, {map0, {0, 1, 2, 3, 4, 5, 6}});
  // (i % 10, i % 7) takes 70 distinct pairs (i % 70 decides both).
  ASSERT_EQ(merged.Classes(), 70u);
  int64_t sizes = 0;
  int64_t histogram_records = 0;
  for (size_t c = 0; c < merged.Classes(); ++c) {
    sizes += merged.sizes[c];
    int64_t in_class = 0;
    int32_t previous = -1;
    for (const auto& entry : merged.Histogram(c)) {
      EXPECT_GT(entry.value, previous);  // sorted, each value once
      previous = entry.value;
      in_class += entry.records;
    }
    EXPECT_EQ(in_class, merged.sizes[c]);
    histogram_records += in_class;
  }
  EXPECT_EQ(sizes, total);
  EXPECT_EQ(histogram_records, total);
}

}  // namespace
}  // namespace veil
