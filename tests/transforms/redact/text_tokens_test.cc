#include "transforms/redact/text_tokens.h"

#include <gtest/gtest.h>

#include <string>

namespace veil {
namespace {

std::vector<std::string> WordTexts(std::string_view text) {
  std::vector<TextWord> words;
  SplitWords(text, words);
  std::vector<std::string> out;
  for (const auto& w : words) out.emplace_back(text.substr(w.begin, w.end - w.begin));
  return out;
}

TEST(TextTokensTest, WordsAreRunsOfLettersAndDigitsWithTheirBytes) {
  EXPECT_EQ(WordTexts("Spoke to Jane, tel 0117 496 0123."),
            (std::vector<std::string>{"Spoke", "to", "Jane", "tel", "0117", "496", "0123"}));
  EXPECT_EQ(WordTexts("jane.o'brien@x.org"),
            (std::vector<std::string>{"jane", "o", "brien", "x", "org"}));
  EXPECT_EQ(WordTexts("Zoë met José"), (std::vector<std::string>{"Zoë", "met", "José"}));
  EXPECT_TRUE(WordTexts("  ,.;  ").empty());
  EXPECT_TRUE(WordTexts("").empty());
}

TEST(TextTokensTest, CombiningMarksAndInvisibleCharactersBelongToTheWord) {
  const std::string nfd = "Jose\xCC\x81 said";  // e + U+0301
  EXPECT_EQ(WordTexts(nfd), (std::vector<std::string>{"Jose\xCC\x81", "said"}));
  EXPECT_EQ(HashWords(nfd).hash, HashWords("JOSÉ SAID").hash);
}

TEST(TextTokensTest, HashesIgnoreCaseAccentsAndSeparators) {
  EXPECT_EQ(HashWords("Jane Smith").hash, HashWords("JANE  smith").hash);
  EXPECT_EQ(HashWords("Jane Smith").hash, HashWords("jane-smith").hash);
  EXPECT_EQ(HashWords("Zoë").hash, HashWords("zoe").hash);
  EXPECT_NE(HashWords("Jane Smith").hash, HashWords("Smith Jane").hash);
  EXPECT_NE(HashWords("Jane").hash, HashWords("Janet").hash);
  EXPECT_EQ(HashWords("Jane Smith").words, 2u);
  EXPECT_EQ(HashWords("...").words, 0u);
}

TEST(TextTokensTest, CapitalsAndDigitsAreMarked) {
  std::vector<TextWord> words;
  SplitWords("Jane saw Émile at 10", words);
  ASSERT_EQ(words.size(), 5u);
  EXPECT_TRUE(words[0].capitalised);
  EXPECT_FALSE(words[1].capitalised);
  EXPECT_TRUE(words[2].capitalised);
  EXPECT_TRUE(words[4].all_digits);
  EXPECT_FALSE(words[0].all_digits);
}

TEST(TextTokensTest, InvalidUtf8IsPartOfWordsAndNeverRead) {
  const std::string text = "ab\xff\xfe cd \xc3";
  const auto words = WordTexts(text);
  ASSERT_EQ(words.size(), 3u);
  EXPECT_EQ(words[0], "ab\xff\xfe");
  EXPECT_EQ(words[2], "\xc3");
}

}  // namespace
}  // namespace veil
