// KeyIndex: dense first-seen ids for fixed-width keys, lookups, growth well past the
// initial capacity, and TakeKeys.
#include "privacy/key_index.h"

#include <gtest/gtest.h>

#include <vector>

namespace veil {
namespace {

using Key = std::vector<int32_t>;

TEST(KeyIndexTest, InsertGivesDenseIdsInFirstSeenOrder) {
  KeyIndex index(3);
  EXPECT_EQ(index.width(), 3u);
  EXPECT_EQ(index.size(), 0u);
  const Key a = {1, 2, 3};
  const Key b = {3, 2, 1};
  const Key c = {-1, 0, 2147483647};
  EXPECT_EQ(index.Find(a.data()), -1);
  EXPECT_EQ(index.Insert(a.data()), std::make_pair(0u, true));
  EXPECT_EQ(index.Insert(b.data()), std::make_pair(1u, true));
  EXPECT_EQ(index.Insert(a.data()), std::make_pair(0u, false));
  EXPECT_EQ(index.Insert(c.data()), std::make_pair(2u, true));
  EXPECT_EQ(index.Insert(b.data()), std::make_pair(1u, false));
  EXPECT_EQ(index.size(), 3u);
  EXPECT_EQ(index.Find(a.data()), 0);
  EXPECT_EQ(index.Find(b.data()), 1);
  EXPECT_EQ(index.Find(c.data()), 2);
  const Key absent = {1, 2, 4};
  EXPECT_EQ(index.Find(absent.data()), -1);
  EXPECT_EQ(Key(index.Key(1), index.Key(1) + 3), b);
  EXPECT_EQ(index.keys(), (Key{1, 2, 3, 3, 2, 1, -1, 0, 2147483647}));
}

TEST(KeyIndexTest, GrowsPastOneHundredThousandKeys) {
  // Starts with room for 16 keys; 150000 distinct keys (i, i * 7 % 1000, -i).
  constexpr int32_t kKeys = 150000;
  KeyIndex index(3, 16);
  for (int32_t i = 0; i < kKeys; ++i) {
    const Key key = {i, i * 7 % 1000, -i};
    const auto [id, added] = index.Insert(key.data());
    ASSERT_TRUE(added) << i;
    ASSERT_EQ(id, static_cast<uint32_t>(i));
  }
  EXPECT_EQ(index.size(), static_cast<size_t>(kKeys));
  for (int32_t i = 0; i < kKeys; ++i) {
    const Key key = {i, i * 7 % 1000, -i};
    ASSERT_EQ(index.Find(key.data()), i);
    const auto [id, added] = index.Insert(key.data());
    ASSERT_FALSE(added);
    ASSERT_EQ(id, static_cast<uint32_t>(i));
    ASSERT_EQ(index.Key(id)[2], -i);
  }
  const Key absent = {5, 36, -5};  // 5 * 7 % 1000 = 35
  EXPECT_EQ(index.Find(absent.data()), -1);
  EXPECT_EQ(index.size(), static_cast<size_t>(kKeys));
  EXPECT_EQ(index.keys().size(), 3u * kKeys);
}

TEST(KeyIndexTest, TakeKeysEmptiesTheIndex) {
  KeyIndex index(2, 4);
  for (int32_t i = 0; i < 40; ++i) {
    const Key key = {i % 5, i % 8};  // 40 distinct pairs (i mod 40)
    index.Insert(key.data());
  }
  ASSERT_EQ(index.size(), 40u);
  const std::vector<int32_t> keys = index.TakeKeys();
  ASSERT_EQ(keys.size(), 80u);
  for (int32_t i = 0; i < 40; ++i) {
    EXPECT_EQ(keys[2 * i], i % 5);
    EXPECT_EQ(keys[2 * i + 1], i % 8);
  }
  EXPECT_EQ(index.size(), 0u);
  EXPECT_TRUE(index.keys().empty());
  const Key first = {0, 0};
  EXPECT_EQ(index.Find(first.data()), -1);
  // Usable again, ids from 0.
  const Key other = {9, 9};
  EXPECT_EQ(index.Insert(other.data()), std::make_pair(0u, true));
  EXPECT_EQ(index.Insert(first.data()), std::make_pair(1u, true));
  EXPECT_EQ(index.Find(other.data()), 0);
  EXPECT_EQ(index.keys(), (Key{9, 9, 0, 0}));
}

TEST(KeyIndexTest, WidthOneKeysThatDifferOnlyInHighBits) {
  KeyIndex index(1, 1);
  std::vector<int32_t> values;
  for (int32_t shift = 0; shift < 31; ++shift) {
    values.push_back(1 << shift);
    values.push_back(-(1 << shift));
  }
  values.push_back(0);
  for (size_t i = 0; i < values.size(); ++i) {
    EXPECT_EQ(index.Insert(&values[i]), std::make_pair(static_cast<uint32_t>(i), true));
  }
  for (size_t i = 0; i < values.size(); ++i) {
    EXPECT_EQ(index.Find(&values[i]), static_cast<int64_t>(i));
  }
}

}  // namespace
}  // namespace veil
