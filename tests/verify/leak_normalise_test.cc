#include "verify/leak_normalise.h"

#include <gtest/gtest.h>

#include <string>

namespace veil {
namespace {

TEST(LeakNormaliseTest, LowerCasesAscii) {
  EXPECT_EQ(NormaliseForLeakScan("Ann SMITH 42 @X.org"), "ann smith 42 @x.org");
}

TEST(LeakNormaliseTest, FoldsLatin1AndLatinExtendedALettersToAsciiBases) {
  EXPECT_EQ(NormaliseForLeakScan("José Zoë ÀÉÎÕÜ Ñ Ç Ø Ý ÿ"), "jose zoe aeiou n c o y y");
  EXPECT_EQ(NormaliseForLeakScan("Straße Æsir Þór Œuvre Ĳssel"),
            "strasse aesir thor oeuvre ijssel");
  EXPECT_EQ(NormaliseForLeakScan("ŁÓDŹ Dvořák Şişli Đorđe Ħal ſ"), "lodz dvorak sisli dorde hal s");
}

TEST(LeakNormaliseTest, DecomposedAndPrecomposedAccentsGiveTheSameText) {
  EXPECT_EQ(NormaliseForLeakScan("Jose\xCC\x81"), NormaliseForLeakScan("José"));
  EXPECT_EQ(NormaliseForLeakScan("Zoe\xCC\x88"), "zoe");
  EXPECT_EQ(NormaliseForLeakScan("A\xCC\x8A"
                                 "ngstro\xCC\x88m"),
            "angstrom");
}

TEST(LeakNormaliseTest, MapsUnicodePunctuationToAscii) {
  EXPECT_EQ(NormaliseForLeakScan("Jean\u2010Paul\u00A0O\u2019Neil \u201CX\u201D"),
            "jean-paul o'neil \"x\"");
  EXPECT_EQ(NormaliseForLeakScan("An\u00ADna Bo\u200Bb \uFEFF"), "anna bob ");
  EXPECT_EQ(NormaliseForLeakScan("\uFF21\uFF42\uFF43\uFF11"), "abc1");
  EXPECT_EQ(NormaliseForLeakScan("a\u00D7b\u00ABc\u00BB"), "a b c ");
}

TEST(LeakNormaliseTest, KeepsOtherScriptsAndInvalidBytes) {
  EXPECT_EQ(NormaliseForLeakScan("Ωμέγα Москва 東京"), "Ωμέγα Москва 東京");
  EXPECT_EQ(NormaliseForLeakScan("A\xFF\xC3"), "a\xFF\xC3");
  EXPECT_EQ(NormaliseForLeakScan("\xC1\x81"), "\xC1\x81");  // overlong 'A' stays bytes
}

TEST(LeakNormaliseTest, NeverGrowsTheText) {
  for (std::string text : {"ß", "Æ", "Þ", "Ĳ", "\u00BC", "\u2026", "ÆßÞĲŒ"}) {
    EXPECT_LE(NormaliseForLeakScan(text).size(), text.size()) << text;
  }
}

TEST(LeakNormaliseTest, MarksLettersAndDigitsAsWordBytes) {
  EXPECT_TRUE(IsLeakWordByte('a'));
  EXPECT_TRUE(IsLeakWordByte('7'));
  EXPECT_TRUE(IsLeakWordByte(0xC3));
  EXPECT_FALSE(IsLeakWordByte(' '));
  EXPECT_FALSE(IsLeakWordByte('@'));
  EXPECT_FALSE(IsLeakWordByte('-'));
}

}  // namespace
}  // namespace veil
