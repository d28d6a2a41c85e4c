// LeakScanner::ScanColumn: both scopes, row numbers, NULLs, cell separation, batching,
// clones on threads and multi-threaded builds.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/column.h"
#include "verify/leak/scanner.h"

namespace veil {
namespace {

using Hits = std::vector<LeakHit>;

LeakScanner Build(const std::vector<std::string>& patterns, LeakScannerOptions options = {}) {
  Result<LeakScanner> scanner = LeakScanner::Build(patterns, options);
  EXPECT_TRUE(scanner.ok()) << scanner.status().message();
  return std::move(scanner).value();
}

// A column from cells; nullopt is NULL.
Column MakeColumn(const std::vector<std::optional<std::string>>& cells) {
  Column column;
  for (const auto& cell : cells) {
    if (cell) {
      column.Append(*cell);
    } else {
      column.AppendNull();
    }
  }
  return column;
}

Hits Scan(const LeakScanner& scanner, const Column& column, LeakScope scope = LeakScope::kTokens) {
  Hits hits;
  scanner.ScanColumn(column, scope, hits);
  return hits;
}

std::string Describe(const Hits& hits) {
  std::string text;
  for (const LeakHit& hit : hits) {
    text += "(" + std::to_string(hit.row) + "," + std::to_string(hit.pattern) + ")";
  }
  return text;
}

TEST(LeakScanColumnTest, ReportsRowsOfTheColumnWithNullsCounted) {
  LeakScanner scanner = Build({"Ann", "Bob"});
  Column column = MakeColumn({"nothing here", std::nullopt, "met Ann today", "", std::nullopt,
                              "Bob", "Ann Bob", "Annual Bobcat"});
  Hits hits = Scan(scanner, column);
  EXPECT_EQ(hits, (Hits{{2, 0}, {5, 1}, {6, 0}, {6, 1}})) << Describe(hits);
}

TEST(LeakScanColumnTest, AppendsToTheHitsGiven) {
  LeakScanner scanner = Build({"Ann"});
  Hits hits = {{7, 7}};
  scanner.ScanColumn(MakeColumn({"Ann"}), LeakScope::kTokens, hits);
  scanner.ScanColumn(MakeColumn({"x", "ann"}), LeakScope::kWholeValue, hits);
  EXPECT_EQ(hits, (Hits{{7, 7}, {0, 0}, {1, 0}})) << Describe(hits);
}

TEST(LeakScanColumnTest, ReportsAPatternOncePerCellHoweverOftenItOccurs) {
  LeakScanner scanner = Build({"Ann", "ANN", "Bob"});
  Column column = MakeColumn({"ANN and ann and Ann, ann.", "bob bob Ann"});
  Hits hits = Scan(scanner, column);
  // "Ann" and "ANN" have the same normalised text: both patterns are reported, once.
  EXPECT_EQ(hits, (Hits{{0, 0}, {0, 1}, {1, 0}, {1, 1}, {1, 2}})) << Describe(hits);
}

TEST(LeakScanColumnTest, NeverMatchesAcrossTwoAdjacentCells) {
  LeakScanner scanner = Build({"ann smith", "annsmith", "ann-smith"});
  EXPECT_EQ(Scan(scanner, MakeColumn({"ann", "smith"})), Hits{});
  EXPECT_EQ(Scan(scanner, MakeColumn({"met ann", "smith said"})), Hits{});
  EXPECT_EQ(Scan(scanner, MakeColumn({"ann ", "smith"})), Hits{});
  EXPECT_EQ(Scan(scanner, MakeColumn({"ann-", "smith"})), Hits{});
  EXPECT_EQ(Scan(scanner, MakeColumn({"ann", std::nullopt, "smith"})), Hits{});
  EXPECT_EQ(Scan(scanner, MakeColumn({"ann", "", "smith"})), Hits{});
  // The same text inside one cell is found.
  EXPECT_EQ(Scan(scanner, MakeColumn({"x", "met ann smith", "y"})), (Hits{{1, 0}}));
  EXPECT_EQ(Scan(scanner, MakeColumn({"ann", "annsmith"})), (Hits{{1, 1}}));
}

TEST(LeakScanColumnTest, ACellEdgeIsATokenBoundaryWhateverTheNeighbourCellHolds) {
  LeakScanner scanner = Build({"Ann", "123456"});
  // The cell before ends in a letter or digit, the cell after starts with one.
  Column column = MakeColumn({"xyz", "Ann", "abc", "9", "123456", "7", "Annx", "x123456"});
  Hits hits = Scan(scanner, column);
  EXPECT_EQ(hits, (Hits{{1, 0}, {4, 1}})) << Describe(hits);
}

TEST(LeakScanColumnTest, FindsPatternsAtTheVeryStartAndEndOfTheColumn) {
  LeakScanner scanner = Build({"Ann", "Bob Jones"});
  EXPECT_EQ(Scan(scanner, MakeColumn({"Ann"})), (Hits{{0, 0}}));
  EXPECT_EQ(Scan(scanner, MakeColumn({"Ann says hi", "x", "y", "call Bob Jones"})),
            (Hits{{0, 0}, {3, 1}}));
  EXPECT_EQ(Scan(scanner, MakeColumn({"bob jones"}), LeakScope::kWholeValue), (Hits{{0, 1}}));
}

TEST(LeakScanColumnTest, WholeValueScopeMatchesOnlyTheWholeTrimmedCell) {
  LeakScanner scanner = Build({"Ann", "José", "JOSE", "Ann Smith"});
  Column column = MakeColumn({" Ann ", "ANN", "Ann Smith", "Annie", "met Ann", std::nullopt,
                              "\tjose\n", "Ann  Smith", "", "  "});
  Hits hits = Scan(scanner, column, LeakScope::kWholeValue);
  EXPECT_EQ(hits, (Hits{{0, 0}, {1, 0}, {2, 3}, {6, 1}, {6, 2}})) << Describe(hits);
  // The token scope finds more in the same column.
  Hits tokens = Scan(scanner, column);
  EXPECT_EQ(tokens, (Hits{{0, 0}, {1, 0}, {2, 0}, {2, 3}, {4, 0}, {6, 1}, {6, 2}, {7, 0}}))
      << Describe(tokens);
}

TEST(LeakScanColumnTest, StrongTokensScopeFindsOnlyStrongPatternsInsideCells) {
  // Patterns 0 and 2 strong, 1 weak; "bob" shares a prefix with no strong pattern, "ann."
  // shares the strong matcher's prefix "ann." with pattern 0.
  Result<LeakScanner> built = LeakScanner::Build({"ann.lee@x.org", "Bob", "C100123", "ann.le"}, {},
                                                 {true, false, true, false});
  ASSERT_TRUE(built.ok()) << built.status().message();
  const LeakScanner& scanner = *built;
  EXPECT_EQ(scanner.strong_count(), 2u);
  Column column = MakeColumn({"seen at ANN.LEE@X.ORG", "Bob", "met Bob", "ref C100123.",
                              std::nullopt, "ann.le", "C100123"});
  // Row 6 is one ASCII token: a whole value, which kWholeValue finds.
  Hits hits = Scan(scanner, column, LeakScope::kStrongTokens);
  EXPECT_EQ(hits, (Hits{{0, 0}, {3, 2}})) << Describe(hits);
  hits = Scan(scanner, column, LeakScope::kWholeValue);
  EXPECT_EQ(hits, (Hits{{1, 1}, {5, 3}, {6, 2}})) << Describe(hits);
  // kTokens still finds every pattern.
  hits = Scan(scanner, column, LeakScope::kTokens);
  EXPECT_EQ(hits, (Hits{{0, 0}, {1, 1}, {2, 1}, {3, 2}, {5, 3}, {6, 2}})) << Describe(hits);
}

TEST(LeakScanColumnTest, StrongTokensScopeWithoutStrongPatternsFindsNothing) {
  LeakScanner scanner = Build({"Ann", "C100123"});
  EXPECT_EQ(scanner.strong_count(), 0u);
  EXPECT_TRUE(Scan(scanner, MakeColumn({"Ann", "C100123"}), LeakScope::kStrongTokens).empty());
}

TEST(LeakScanColumnTest, StrongTokensScopeWhenEveryPatternIsStrong) {
  Result<LeakScanner> built = LeakScanner::Build({"C100123", "D200456"}, {}, {true, true});
  ASSERT_TRUE(built.ok());
  Result<LeakScanner> clone = built->Clone();
  ASSERT_TRUE(clone.ok());
  const Hits hits =
      Scan(*clone, MakeColumn({"x D200456 C100123", "none"}), LeakScope::kStrongTokens);
  EXPECT_EQ(hits, (Hits{{0, 0}, {0, 1}})) << Describe(hits);
}

TEST(LeakScanColumnTest, StrongFlagsOfTheWrongSizeAreRefused) {
  EXPECT_FALSE(LeakScanner::Build({"C100123", "D200456"}, {}, {true}).ok());
}

TEST(LeakScanColumnTest, AScannerWithoutPatternsFindsNothing) {
  LeakScanner scanner = Build({"Al", "12", "---"});
  EXPECT_EQ(scanner.pattern_count(), 0u);
  Column column = MakeColumn({"Al", "12", "---"});
  EXPECT_EQ(Scan(scanner, column), Hits{});
  EXPECT_EQ(Scan(scanner, column, LeakScope::kWholeValue), Hits{});
}

// A column long enough to be scanned in several Hyperscan batches, with patterns planted
// in some rows.
Column LongColumn(size_t rows, const std::vector<std::pair<size_t, std::string>>& planted) {
  Column column;
  size_t next = 0;
  for (size_t row = 0; row < rows; ++row) {
    if (next < planted.size() && planted[next].first == row) {
      column.Append("see " + planted[next++].second + " here");
    } else {
      column.Append("row " + std::to_string(row) + " of plain filler text, nothing to see");
    }
  }
  return column;
}

TEST(LeakScanColumnTest, RowsStayRightAcrossInternalBatches) {
  LeakScanner scanner = Build({"Ann Smith", "Bob Jones"});
  // About 50 bytes a row: 20,000 rows is about 1 MB, several batches.
  Column column = LongColumn(
      20'000,
      {{0, "Ann Smith"}, {5'243, "bob jones"}, {12'000, "ANN SMITH"}, {19'999, "Bob Jones"}});
  Hits hits = Scan(scanner, column);
  EXPECT_EQ(hits, (Hits{{0, 0}, {5'243, 1}, {12'000, 0}, {19'999, 1}})) << Describe(hits);
}

// Distinct patterns of several shapes: names, e-mails, numbers (which share 4-digit
// prefixes densely), addresses.
std::vector<std::string> ManyPatterns(size_t count) {
  std::mt19937_64 rng(4);
  const std::string letters = "abcdefghijklmnopqrstuvwxyz";
  auto word = [&](size_t n) {
    std::string w;
    for (size_t i = 0; i < n; ++i) w += letters[rng() % letters.size()];
    return w;
  };
  std::vector<std::string> patterns;
  for (size_t i = 0; i < count; ++i) {
    switch (i % 4) {
      case 0:
        patterns.push_back(word(5) + " " + word(7));
        break;
      case 1:
        patterns.push_back(word(6) + "." + std::to_string(i) + "@example.org");
        break;
      case 2:
        patterns.push_back(std::to_string(100'000'000 + i * 7));
        break;
      default:
        patterns.push_back(std::to_string(1 + i % 300) + " " + word(6) + " Road");
    }
  }
  return patterns;
}

TEST(LeakScanColumnTest, AOneThreadAndATwoThreadBuildFindTheSame) {
  std::vector<std::string> patterns = ManyPatterns(120'000);
  patterns.push_back("Al");          // too short
  patterns.push_back(patterns[17]);  // a duplicate
  LeakScannerOptions one;
  one.build_threads = 1;
  LeakScannerOptions two;
  two.build_threads = 2;
  LeakScanner a = Build(patterns, one);
  LeakScanner b = Build(patterns, two);
  EXPECT_EQ(a.pattern_count(), b.pattern_count());
  EXPECT_EQ(a.skipped(), b.skipped());
  EXPECT_EQ(a.skipped(), std::vector<size_t>{120'000});
  std::vector<std::pair<size_t, std::string>> planted;
  for (size_t i = 0; i < patterns.size(); i += 997)
    planted.emplace_back(planted.size() * 3, patterns[i]);
  planted.emplace_back(planted.size() * 3, patterns[17]);
  Column column = LongColumn(planted.size() * 3, planted);
  Hits from_a = Scan(a, column);
  EXPECT_EQ(from_a, Scan(b, column));
  // Every planted pattern is found, the duplicate of pattern 17 with it.
  for (size_t k = 0; k + 1 < planted.size(); ++k) {
    const size_t pattern = k * 997;
    EXPECT_TRUE(std::find(from_a.begin(), from_a.end(),
                          LeakHit{static_cast<uint32_t>(k * 3), static_cast<uint32_t>(pattern)}) !=
                from_a.end())
        << "pattern " << pattern;
  }
  const auto last_row = static_cast<uint32_t>((planted.size() - 1) * 3);
  EXPECT_TRUE(std::find(from_a.begin(), from_a.end(), LeakHit{last_row, 120'001}) != from_a.end());
  EXPECT_TRUE(std::find(from_a.begin(), from_a.end(), LeakHit{last_row, 17}) != from_a.end());
}

TEST(LeakScanColumnTest, ACloneOnAnotherThreadFindsTheSame) {
  std::vector<std::string> patterns = ManyPatterns(20'000);
  LeakScanner scanner = Build(patterns);
  Result<LeakScanner> clone = scanner.Clone();
  ASSERT_TRUE(clone.ok()) << clone.status().message();
  std::vector<std::pair<size_t, std::string>> planted;
  for (size_t i = 0; i < patterns.size(); i += 101)
    planted.emplace_back(planted.size() * 2 + 1, patterns[i]);
  Column column = LongColumn(planted.size() * 2 + 1, planted);
  Hits here;
  Hits there;
  std::thread other([&] {
    for (int round = 0; round < 5; ++round) {
      there.clear();
      clone.value().ScanColumn(column, LeakScope::kTokens, there);
    }
  });
  for (int round = 0; round < 5; ++round) {
    here.clear();
    scanner.ScanColumn(column, LeakScope::kTokens, here);
  }
  other.join();
  EXPECT_EQ(here.size(), planted.size());
  EXPECT_EQ(here, there);
}

}  // namespace
}  // namespace veil
