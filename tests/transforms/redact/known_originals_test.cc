#include "transforms/redact/known_originals.h"

#include <gtest/gtest.h>

namespace veil {
namespace {

KnownOriginals::Match At(const KnownOriginals& known, std::string_view text, size_t first) {
  std::vector<TextWord> words;
  SplitWords(text, words);
  return known.LongestAt(words, first);
}

TEST(KnownOriginalsTest, FindsTheLongestOriginalAtAWord) {
  KnownOriginals known;
  ASSERT_TRUE(known.Add("Jane", "Amanda", "[FIRST_NAME]"));
  ASSERT_TRUE(known.Add("Jane Smith", "Amanda Evans", "[FULL_NAME]"));
  const auto match = At(known, "spoke to JANE SMITH today", 2);
  ASSERT_EQ(match.words, 2u);
  EXPECT_EQ(known.Replacement(match.entry), "Amanda Evans");
  EXPECT_EQ(known.Tag(match.entry), "[FULL_NAME]");
  const auto single = At(known, "spoke to Jane today", 2);
  ASSERT_EQ(single.words, 1u);
  EXPECT_EQ(known.Replacement(single.entry), "Amanda");
  EXPECT_EQ(At(known, "spoke to Janet", 2).words, 0u);
  EXPECT_EQ(At(known, "spoke to Jane", 0).words, 0u);
}

TEST(KnownOriginalsTest, ThePrefixOfAnOriginalIsNotAnOriginal) {
  KnownOriginals known;
  ASSERT_TRUE(known.Add("12 High Street Leeds", "[ADDRESS]", "[REDACTED]"));
  EXPECT_EQ(At(known, "12 High Street", 0).words, 0u);
  EXPECT_EQ(At(known, "12 high street, LEEDS.", 0).words, 4u);
}

TEST(KnownOriginalsTest, TheFirstReplacementOfAnOriginalIsKept) {
  KnownOriginals known;
  ASSERT_TRUE(known.Add("Smith", "Evans", "[LAST_NAME]"));
  ASSERT_TRUE(known.Add("SMITH", "Jones", "[TOWN]"));
  EXPECT_EQ(known.size(), 1u);
  EXPECT_EQ(known.Replacement(At(known, "smith", 0).entry), "Evans");
}

TEST(KnownOriginalsTest, RefusesOriginalsWithoutWordsOrWithTooMany) {
  KnownOriginals known;
  EXPECT_FALSE(known.Add("--", "x", "[X]"));
  std::string long_value;
  for (size_t i = 0; i <= KnownOriginals::kMaxWords; ++i)
    long_value += "w" + std::to_string(i) + " ";
  EXPECT_FALSE(known.Add(long_value, "x", "[X]"));
  EXPECT_TRUE(known.empty());
}

TEST(KnownOriginalsTest, ManyOriginalsAreAllFound) {
  KnownOriginals known;
  for (int i = 0; i < 20000; ++i) {
    ASSERT_TRUE(known.Add("C" + std::to_string(100000 + i), "P" + std::to_string(i), "[CHILD]"));
  }
  for (int i = 0; i < 20000; i += 997) {
    const auto match = At(known, "ref c" + std::to_string(100000 + i), 1);
    ASSERT_EQ(match.words, 1u);
    EXPECT_EQ(known.Replacement(match.entry), "P" + std::to_string(i));
  }
  EXPECT_EQ(At(known, "ref c99999", 1).words, 0u);
}

}  // namespace
}  // namespace veil
