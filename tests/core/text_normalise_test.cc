#include "core/text_normalise.h"

#include <gtest/gtest.h>

#include <random>
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

// UTF-8 of code point `cp`.
std::string Utf8(uint32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

TEST(LeakNormaliseTest, NeverOutputsTheCellSeparator) {
  EXPECT_FALSE(IsLeakWordByte(static_cast<unsigned char>(kLeakCellSeparator)));
  for (int byte = 0; byte < 256; ++byte) {
    std::string text(1, static_cast<char>(byte));
    EXPECT_EQ(NormaliseForLeakScan(text).find(kLeakCellSeparator), std::string::npos) << byte;
  }
  for (uint32_t cp = 0x80; cp < 0x30000; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    const std::string text = Utf8(cp);
    ASSERT_EQ(NormaliseForLeakScan(text).find(kLeakCellSeparator), std::string::npos) << cp;
  }
  EXPECT_EQ(NormaliseForLeakScan("ZZZ \uFF3A").find(kLeakCellSeparator), std::string::npos);
}

TEST(LeakNormaliseTest, TheEightByteAsciiPathAgreesWithTheByteByByteOne) {
  // Lower-casing one byte at a time is the reference; texts of every length up to 40, with
  // every ASCII byte, sometimes with a non-ASCII character inside.
  std::mt19937 rng(7);
  for (int n = 0; n < 20'000; ++n) {
    std::string text(rng() % 41, ' ');
    for (char& c : text) c = static_cast<char>(rng() % 128);
    std::string expected = text;
    for (char& c : expected) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    ASSERT_EQ(NormaliseForLeakScan(text), expected) << n;
    if (!text.empty() && n % 3 == 0) {
      const size_t at = rng() % text.size();
      const std::string mixed = text.substr(0, at) + "É" + text.substr(at);
      ASSERT_EQ(NormaliseForLeakScan(mixed), expected.substr(0, at) + "e" + expected.substr(at))
          << n;
    }
  }
}

TEST(LeakNormaliseTest, TrimsAsciiWhitespaceOnly) {
  EXPECT_EQ(TrimLeakSpace(" \t\n\r\f\vann smith \t"), "ann smith");
  EXPECT_EQ(TrimLeakSpace("   "), "");
  EXPECT_EQ(TrimLeakSpace(""), "");
  EXPECT_EQ(TrimLeakSpace("\u00A0ann"), "\u00A0ann");
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
