#include "transforms/redact/name_spans.h"

#include <gtest/gtest.h>

#include <string>

namespace veil {
namespace {

// "kind:text" of each name span found in `text`.
std::vector<std::string> Names(std::string_view text) {
  static const auto finder = NameFinder::Load();
  EXPECT_TRUE(finder.ok());
  std::vector<TextWord> words;
  SplitWords(text, words);
  std::vector<TextSpan> spans;
  finder.value()->Find(text, words, spans);
  std::vector<std::string> out;
  for (const auto& s : spans) {
    out.push_back(std::string(InfoOf(s.kind).name) + ":" +
                  std::string(text.substr(s.begin, s.end - s.begin)));
  }
  return out;
}

TEST(NameSpansTest, AListedFirstNameTakesTheCapitalisedWordsAfterIt) {
  EXPECT_EQ(Names("Spoke to Jane Okafor today."),
            (std::vector<std::string>{"first_name:Jane", "last_name:Okafor"}));
  EXPECT_EQ(Names("jane said"), std::vector<std::string>{});
  EXPECT_EQ(Names("Then Sarah left"), std::vector<std::string>{"first_name:Sarah"});
}

TEST(NameSpansTest, TitlesIntroduceNamesTheListsDoNotHold) {
  EXPECT_EQ(Names("met Mrs Okonkwo and Dr. Zielinski"),
            (std::vector<std::string>{"last_name:Okonkwo", "last_name:Zielinski"}));
}

TEST(NameSpansTest, CommonWordsAreNamesOnlyInContext) {
  EXPECT_EQ(Names("May we meet? Grace was shown."), std::vector<std::string>{});
  EXPECT_EQ(Names("Mrs May called"), std::vector<std::string>{"last_name:May"});
  EXPECT_EQ(Names("saw Grace Kelly"),
            (std::vector<std::string>{"first_name:Grace", "last_name:Kelly"}));
}

TEST(NameSpansTest, ListedSurnamesAloneCountWhenNotStartingASentence) {
  EXPECT_EQ(Names("the worker, Patel, visited"), std::vector<std::string>{"last_name:Patel"});
  EXPECT_EQ(Names("Patel visited"), std::vector<std::string>{});
}

}  // namespace
}  // namespace veil
