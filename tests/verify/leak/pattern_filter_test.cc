// Which patterns the leak scanner skips, and how the scanner counts them.
#include "verify/leak/pattern_filter.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "verify/leak/scanner.h"

namespace veil {
namespace {

LeakSkipReason Classify(std::string_view pattern, LeakScannerOptions options = {}) {
  return ClassifyLeakPattern(pattern, options);
}

TEST(LeakPatternFilterTest, SkipsShortValuesCountingCharacters) {
  EXPECT_EQ(Classify(""), LeakSkipReason::kTooShort);
  EXPECT_EQ(Classify("al"), LeakSkipReason::kTooShort);
  EXPECT_EQ(Classify("bob"), LeakSkipReason::kNone);
  EXPECT_EQ(Classify("Ωμ"), LeakSkipReason::kTooShort);  // 2 characters, 4 bytes
  EXPECT_EQ(Classify("Ωμέ"), LeakSkipReason::kNone);
  LeakScannerOptions options;
  options.min_length = 0;  // acts as 1
  EXPECT_EQ(Classify("", options), LeakSkipReason::kTooShort);
  EXPECT_EQ(Classify("x", options), LeakSkipReason::kNone);
}

TEST(LeakPatternFilterTest, SkipsValuesWithoutALetterOrDigit) {
  EXPECT_EQ(Classify("---"), LeakSkipReason::kNoLetterOrDigit);
  EXPECT_EQ(Classify("(+) ."), LeakSkipReason::kNoLetterOrDigit);
  EXPECT_EQ(Classify("a--"), LeakSkipReason::kNone);
}

TEST(LeakPatternFilterTest, SkipsNumbersWithFewDigits) {
  EXPECT_EQ(Classify("12345"), LeakSkipReason::kFewDigits);
  EXPECT_EQ(Classify("123456"), LeakSkipReason::kNone);
  EXPECT_EQ(Classify("12.50"), LeakSkipReason::kFewDigits);
  EXPECT_EQ(Classify("+44 (2) 12"), LeakSkipReason::kFewDigits);
  EXPECT_EQ(Classify("+44 (20) 1234"), LeakSkipReason::kNone);
  EXPECT_EQ(Classify("12/3-4.5"), LeakSkipReason::kFewDigits);
  EXPECT_EQ(Classify("1234a"), LeakSkipReason::kNone);  // a letter: not only a number
  EXPECT_EQ(Classify("12,50"), LeakSkipReason::kNone);  // ',' is not a number separator
  LeakScannerOptions options;
  options.min_digits = 3;
  EXPECT_EQ(Classify("555", options), LeakSkipReason::kNone);
  EXPECT_EQ(Classify("55", options), LeakSkipReason::kTooShort);
  EXPECT_EQ(Classify("5-5", options), LeakSkipReason::kFewDigits);
}

TEST(LeakPatternFilterTest, SkipsDateShapedValues) {
  for (const char* date :
       {"2024-05-12", "2024/5/1", "2024.05.12", "12/05/2024", "1-5-2024", "31.12.1999",
        "2024-05-12 10:30", "2024-05-12t10:30:59", "2024-05-12t10:30:59.123z",
        "12/05/2024 9:05:00 +01:00", "2024-05-12 10:30-0500", "2024-05-12t10:30:00+02"}) {
    EXPECT_EQ(Classify(date), LeakSkipReason::kDate) << date;
  }
  for (const char* other :
       {"2024-05-123", "2024-05/12", "20240512", "12/05/24 10:30", "2024-05-12 10",
        "2024-05-12 10:30 ann", "ann 2024-05-12", "1234-56-78-90", "12-05-2024x"}) {
    EXPECT_NE(Classify(other), LeakSkipReason::kDate) << other;
  }
  LeakScannerOptions options;
  options.skip_dates = false;
  EXPECT_EQ(Classify("2024-05-12", options), LeakSkipReason::kNone);
}

TEST(LeakPatternFilterTest, SkipsLongValues) {
  EXPECT_EQ(Classify(std::string(256, 'x')), LeakSkipReason::kNone);
  EXPECT_EQ(Classify(std::string(257, 'x')), LeakSkipReason::kTooLong);
  LeakScannerOptions options;
  options.max_bytes = 10;
  EXPECT_EQ(Classify("abcdefghij", options), LeakSkipReason::kNone);
  EXPECT_EQ(Classify("abcdefghijk", options), LeakSkipReason::kTooLong);
  EXPECT_EQ(Classify("ab", options), LeakSkipReason::kTooShort);
}

TEST(LeakPatternFilterTest, TheScannerCountsEachReasonAndScansTheRest) {
  const std::vector<std::string> patterns = {
      "Al",                   // 0 too short
      "Ann Smith",            // 1 kept
      "12345",                // 2 few digits
      "2024-05-12",           // 3 date
      std::string(300, 'x'),  // 4 too long
      "--",                   // 5 too short (before "no letter or digit")
      "---",                  // 6 no letter or digit
      " 12/05/2024 ",         // 7 date, once trimmed
      "123456789",            // 8 kept
      "(555) 12",             // 9 few digits
      "ÉVA",                  // 10 kept
  };
  Result<LeakScanner> built = LeakScanner::Build(patterns);
  ASSERT_TRUE(built.ok()) << built.status().message();
  const LeakScanner& scanner = built.value();
  const LeakSkipCounts& counts = scanner.skip_counts();
  EXPECT_EQ(counts.too_short, 2u);
  EXPECT_EQ(counts.few_digits, 2u);
  EXPECT_EQ(counts.date, 2u);
  EXPECT_EQ(counts.too_long, 1u);
  EXPECT_EQ(counts.no_letter_or_digit, 1u);
  EXPECT_EQ(counts.total(), 8u);
  EXPECT_EQ(scanner.pattern_count(), 3u);
  EXPECT_EQ(scanner.skipped(), (std::vector<size_t>{0, 2, 3, 4, 5, 6, 7, 9}));

  Column column;
  for (const std::string& pattern : patterns) column.Append("note: " + pattern + ".");
  std::vector<LeakHit> hits;
  scanner.ScanColumn(column, LeakScope::kTokens, hits);
  EXPECT_EQ(hits, (std::vector<LeakHit>{{1, 1}, {8, 8}, {10, 10}}));

  const std::string summary = scanner.SkipSummary();
  for (const char* part :
       {"8 patterns not scanned for", "2 shorter than 3 characters",
        "2 numbers with fewer than 6 digits", "2 dates", "1 longer than 256 bytes",
        "1 without a letter or digit", "indexes 0, 2, 3, 4, 5, 6, 7, 9"}) {
    EXPECT_NE(summary.find(part), std::string::npos) << summary;
  }
  EXPECT_EQ(summary.find("xxx"), std::string::npos) << summary;
  EXPECT_EQ(summary.find("2024"), std::string::npos) << summary;
}

}  // namespace
}  // namespace veil
