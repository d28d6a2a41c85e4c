#include "verify/leak/scanner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

namespace veil {
namespace {

// Every pattern index the scanner reports for `cell`, failing on a repeated report.
std::vector<size_t> Found(const LeakScanner& scanner, std::string_view cell) {
  std::vector<size_t> found;
  scanner.Scan(cell, [&](size_t index) { found.push_back(index); });
  std::sort(found.begin(), found.end());
  EXPECT_TRUE(std::adjacent_find(found.begin(), found.end()) == found.end())
      << "a pattern was reported twice";
  return found;
}

LeakScanner Build(std::vector<std::string> patterns, const LeakScannerOptions& options = {}) {
  Result<LeakScanner> scanner = LeakScanner::Build(patterns, options);
  EXPECT_TRUE(scanner.ok()) << scanner.status().message();
  return std::move(scanner).value();
}

LeakScannerOptions MinDigits(size_t min_digits) {
  LeakScannerOptions options;
  options.min_digits = min_digits;
  return options;
}

using Indexes = std::vector<size_t>;

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

TEST(LeakScannerTest, FindsAWholeValue) {
  LeakScanner scanner = Build({"Ann Smith", "Bob Jones"});
  EXPECT_EQ(Found(scanner, "Ann Smith"), Indexes{0});
  EXPECT_EQ(Found(scanner, "Bob Jones"), Indexes{1});
  EXPECT_EQ(Found(scanner, " Ann Smith\t"), Indexes{0});
  EXPECT_EQ(Found(scanner, "Ann Smyth"), Indexes{});
  EXPECT_EQ(Found(scanner, ""), Indexes{});
}

TEST(LeakScannerTest, FindsATokenInsideFreeText) {
  LeakScanner scanner = Build({"Ann", "Smith"});
  EXPECT_EQ(Found(scanner, "met Ann, 3pm"), Indexes{0});
  EXPECT_EQ(Found(scanner, "Ann: called back"), Indexes{0});
  EXPECT_EQ(Found(scanner, "called back (Ann)"), Indexes{0});
  EXPECT_EQ(Found(scanner, "spoke to Ann/Smith today"), (Indexes{0, 1}));
}

TEST(LeakScannerTest, DoesNotFindAPatternInsideALongerWord) {
  LeakScanner scanner = Build({"Ann"});
  EXPECT_EQ(Found(scanner, "Annual report"), Indexes{});
  EXPECT_EQ(Found(scanner, "Joanne"), Indexes{});
  EXPECT_EQ(Found(scanner, "Ann2"), Indexes{});
  EXPECT_EQ(Found(scanner, "Annés"), Indexes{});  // é is a letter too
  // An occurrence inside a word does not hide a later token.
  EXPECT_EQ(Found(scanner, "Annual report by Ann"), Indexes{0});
}

TEST(LeakScannerTest, IsCaseInsensitive) {
  LeakScanner scanner = Build({"McDonald"});
  EXPECT_EQ(Found(scanner, "MCDONALD"), Indexes{0});
  EXPECT_EQ(Found(scanner, "seen by mcdonald."), Indexes{0});
  EXPECT_EQ(Found(scanner, "mCdOnAlD"), Indexes{0});
}

TEST(LeakScannerTest, IsAccentInsensitiveInBothDirections) {
  LeakScanner scanner = Build({"José", "Zoe", "ŁUKASZ", "Jose\xCC\x81 Maria"});
  EXPECT_EQ(Found(scanner, "JOSE"), Indexes{0});
  EXPECT_EQ(Found(scanner, "dear jose,"), Indexes{0});
  EXPECT_EQ(Found(scanner, "Jose\xCC\x81"), Indexes{0});  // decomposed é
  EXPECT_EQ(Found(scanner, "Zoë"), Indexes{1});
  EXPECT_EQ(Found(scanner, "ZOË"), Indexes{1});
  EXPECT_EQ(Found(scanner, "Zoe\xCC\x88"), Indexes{1});  // decomposed ë
  EXPECT_EQ(Found(scanner, "Łukasz"), Indexes{2});
  EXPECT_EQ(Found(scanner, "lukasz"), Indexes{2});
  EXPECT_EQ(Found(scanner, "José María"), (Indexes{0, 3}));
}

TEST(LeakScannerTest, FindsAnEmailInsideASentence) {
  LeakScanner scanner = Build({"ann.smith@example.org"});
  EXPECT_EQ(Found(scanner, "Please contact Ann.Smith@Example.ORG for details."), Indexes{0});
  EXPECT_EQ(Found(scanner, "<ann.smith@example.org>"), Indexes{0});
  EXPECT_EQ(Found(scanner, "joann.smith@example.org"), Indexes{});
  EXPECT_EQ(Found(scanner, "ann.smith@example.organisation"), Indexes{});
}

TEST(LeakScannerTest, FindsADigitsIdOnlyAsAWholeNumber) {
  LeakScanner scanner = Build({"123456789"});
  EXPECT_EQ(Found(scanner, "ref 123456789."), Indexes{0});
  EXPECT_EQ(Found(scanner, "123456789"), Indexes{0});
  EXPECT_EQ(Found(scanner, "91234567890"), Indexes{});
  EXPECT_EQ(Found(scanner, "1234567890"), Indexes{});
  EXPECT_EQ(Found(scanner, "x123456789"), Indexes{});
}

TEST(LeakScannerTest, ChecksBoundariesOnlyAtLetterOrDigitEdges) {
  LeakScanner scanner = Build({"+44 20 7946 0958", "(555)"}, MinDigits(3));
  EXPECT_EQ(Found(scanner, "tel:+44 20 7946 0958."), Indexes{0});
  EXPECT_EQ(Found(scanner, "tel:+44 20 7946 09581"), Indexes{});
  EXPECT_EQ(Found(scanner, "area(555)-1234"), Indexes{1});
}

TEST(LeakScannerTest, TellsApartPatternsThatShareABeginning) {
  LeakScanner scanner = Build({"Annabel", "Annabelle", "Anna", "Annabel Lee", "Annabel-Jo"});
  EXPECT_EQ(Found(scanner, "Annabelle met Annabel Lee"), (Indexes{0, 1, 3}));
  EXPECT_EQ(Found(scanner, "Annabel-Joanne"), (Indexes{0}));
  EXPECT_EQ(Found(scanner, "Annab"), Indexes{});
  EXPECT_EQ(Found(scanner, "Anna"), Indexes{2});
}

TEST(LeakScannerTest, ReportsEveryPatternWithTheSameTextOnceEach) {
  LeakScanner scanner = Build({"José", "JOSE", "Ann"});
  EXPECT_EQ(Found(scanner, "jose and Ann and José and ann"), (Indexes{0, 1, 2}));
  EXPECT_EQ(Found(scanner, "nobody"), Indexes{});
  EXPECT_EQ(Found(scanner, "Jose"), (Indexes{0, 1}));  // state of the previous scans is gone
}

TEST(LeakScannerTest, SkipsAndReportsPatternsTooWeakToScanFor) {
  LeakScanner scanner = Build({"Al", "Bob", "", "   ", "---", "É", " Li ", "Zoë"});
  EXPECT_EQ(scanner.skipped(), (std::vector<size_t>{0, 2, 3, 4, 5, 6}));
  EXPECT_EQ(scanner.pattern_count(), 2u);
  EXPECT_EQ(Found(scanner, "Al and Li met Bob and Zoe --- É"), (Indexes{1, 7}));
  std::string summary = scanner.SkipSummary();
  EXPECT_NE(summary.find("6 patterns"), std::string::npos) << summary;
  EXPECT_NE(summary.find("0, 2, 3, 4, 5, 6"), std::string::npos) << summary;
  EXPECT_EQ(Build({"Bob"}).SkipSummary(), "");
}

TEST(LeakScannerTest, AnEmptyPatternListFindsNothing) {
  LeakScanner scanner = Build({});
  EXPECT_EQ(scanner.pattern_count(), 0u);
  EXPECT_EQ(Found(scanner, "anything at all"), Indexes{});
  Result<LeakScanner> clone = scanner.Clone();
  ASSERT_TRUE(clone.ok());
  EXPECT_EQ(Found(clone.value(), "anything at all"), Indexes{});
}

TEST(LeakScannerTest, FindsEachOfManyPatternsExactlyWhenPlanted) {
  std::mt19937_64 rng(20261129);
  const std::string letters = "abcdefghijklmnopqrstuvwxyz";
  auto random_word = [&](size_t min, size_t max) {
    std::string word(std::uniform_int_distribution<size_t>(min, max)(rng), ' ');
    for (char& c : word) c = letters[rng() % letters.size()];
    return word;
  };
  constexpr size_t kCount = 10'000;
  std::vector<std::string> patterns;
  std::unordered_set<std::string> unique;
  while (patterns.size() < kCount) {
    std::string pattern = random_word(4, 9);
    if (rng() % 3 == 0) pattern += std::to_string(rng() % 1000);
    if (unique.insert(pattern).second) patterns.push_back(pattern);
  }
  LeakScanner scanner = Build(patterns);
  ASSERT_EQ(scanner.pattern_count(), kCount);

  for (size_t i = 0; i < kCount; ++i) {
    // Planted alone, upper-cased, between filler words that are not patterns.
    std::string planted = patterns[i];
    for (char& c : planted) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    ASSERT_EQ(Found(scanner, "see, " + planted + " - 12"), Indexes{i}) << "pattern " << i;
    // Glued to a letter it is not a token (unless the longer word is itself a pattern).
    if (!unique.count(patterns[i] + "q")) {
      ASSERT_EQ(Found(scanner, "see " + patterns[i] + "q"), Indexes{}) << "pattern " << i;
    }
  }
  // Several in one cell.
  Indexes several = {17, 4242, 9999};
  EXPECT_EQ(Found(scanner, patterns[17] + "; " + patterns[4242] + " and (" + patterns[9999] + ")"),
            several);
  // Random text that plants nothing finds nothing.
  for (int n = 0; n < 2'000; ++n) {
    std::string cell;
    for (int w = 0; w < 6; ++w) {
      std::string word = random_word(4, 9);
      if (unique.count(word)) continue;
      cell += word + " ";
    }
    ASSERT_EQ(Found(scanner, cell), Indexes{}) << "cell " << n;
  }
}

TEST(LeakScannerTest, ErrorsAndReportsNeverContainPatternText) {
  // A value over max_bytes (free text) is skipped, not an error, and the report about it
  // quotes neither it nor its neighbours.
  std::string long_value;
  while (long_value.size() <= LeakScannerOptions().max_bytes) long_value += "Verysecret Person ";
  LeakScanner skipping = Build({"Jane Doe", long_value});
  EXPECT_EQ(skipping.skipped(), std::vector<size_t>{1});
  EXPECT_EQ(skipping.skip_counts().too_long, 1u);
  const std::string message = skipping.SkipSummary();
  EXPECT_NE(message.find("1 pattern not scanned for"), std::string::npos) << message;
  EXPECT_NE(message.find("index 1"), std::string::npos) << message;
  EXPECT_EQ(Lower(message).find("verysecret"), std::string::npos) << message;
  EXPECT_EQ(Lower(message).find("jane"), std::string::npos) << message;

  LeakScanner scanner = Build({"Qz", "Jane Doe", "Xw"});
  std::string summary = Lower(scanner.SkipSummary());
  EXPECT_NE(summary.find("0, 2"), std::string::npos) << summary;
  EXPECT_EQ(summary.find("qz"), std::string::npos) << summary;
  EXPECT_EQ(summary.find("xw"), std::string::npos) << summary;
  EXPECT_EQ(summary.find("jane"), std::string::npos) << summary;
}

TEST(LeakScannerTest, ClonesScanOnTheirOwnThreads) {
  LeakScanner scanner = Build({"Ann", "Bob"});
  Result<LeakScanner> clone = scanner.Clone();
  ASSERT_TRUE(clone.ok());
  size_t ann = 0;
  size_t bob = 0;
  std::thread other([&] {
    for (int i = 0; i < 20'000; ++i) bob += Found(clone.value(), "hi Bob").size();
  });
  for (int i = 0; i < 20'000; ++i) ann += Found(scanner, "hi Ann").size();
  other.join();
  EXPECT_EQ(ann, 20'000u);
  EXPECT_EQ(bob, 20'000u);
}

}  // namespace
}  // namespace veil
