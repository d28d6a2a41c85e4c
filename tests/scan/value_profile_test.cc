// ValueProfile counts every cell, whether its facts were found again or remembered.
#include "scan/value_profile.h"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <random>
#include <set>
#include <string>

#include "scan/reference_sets_test_base.h"

namespace veil::scan {
namespace {

class ValueProfileTest : public ReferenceSetsTest {};

TEST_F(ValueProfileTest, RepeatedValuesAreCountedEveryTime) {
  ValueProfile p(references());
  const std::string long_note(ValueProfile::kMaxMemoLength + 10, 'x');
  for (int i = 0; i < 1000; ++i) {
    p.Add("9434765919");                   // an NHS number, remembered after the first
    p.Add(" Olivia ");                     // a first name with spaces around it
    p.Add("2023-01-02");                   // a date
    p.Add(long_note);                      // too long to remember: examined each time
    p.Add(fmt::format("{}", 100000 + i));  // distinct integers
  }
  EXPECT_EQ(p.values(), 5000);
  EXPECT_EQ(p.kind_matches(0), 1000);  // nhs_number
  EXPECT_EQ(p.first_names(), 1000);
  EXPECT_EQ(p.dates(), 1000);
  EXPECT_EQ(p.integers(), 2000);
  EXPECT_EQ(p.distinct(), 1004u);
  EXPECT_EQ(p.mean_words(), 1.0);  // one word each
}

TEST_F(ValueProfileTest, DistinctValuesAreExactUpToTheCap) {
  ValueProfile p(references());
  for (size_t i = 0; i < ValueProfile::kMaxDistinct + 5000; ++i) {
    p.Add(fmt::format("K{}", i));
    if (i % 3 == 0) p.Add("K0");
  }
  EXPECT_EQ(p.distinct(), ValueProfile::kMaxDistinct);
  EXPECT_TRUE(p.distinct_capped());
  ValueProfile q(references());
  for (int i = 0; i < 3000; ++i) q.Add(fmt::format("v{}", i % 2500));
  EXPECT_EQ(q.distinct(), 2500u);
  EXPECT_FALSE(q.distinct_capped());
}

TEST_F(ValueProfileTest, CodeListTalliesSurviveTheMemo) {
  ValueProfile p(references());
  for (int i = 0; i < 300; ++i) p.Add(i % 3 == 0 ? "WBRI" : (i % 3 == 1 ? "MWBC" : "AIND"));
  const auto match = p.BestCodeList();
  ASSERT_NE(match.list, nullptr);
  EXPECT_EQ(match.list->name, "dfe.ethnicity");
  EXPECT_EQ(match.matching, 300);
  EXPECT_EQ(match.distinct_matching, 3u);
}

// A column of a few thousand repeated values grows the memo part-way through (emptying
// it): every count is still that of every cell, as ExamineCell finds them one by one.
TEST_F(ValueProfileTest, GrowingTheMemoKeepsEveryCount) {
  ValueProfile p(references());
  std::mt19937 rng(7);
  int64_t dates = 0, numbers = 0, first_names = 0, postcodes = 0;
  std::set<std::string> distinct;
  const char* names[] = {"Olivia", "Jack", "Smith", "LS6 4RT"};
  for (int i = 0; i < 60000; ++i) {
    const unsigned draw = std::uniform_int_distribution<unsigned>(0, 5999)(rng);
    const std::string value =
        draw < 5000
            ? fmt::format("20{:02}-{:02}-{:02}", draw % 25, 1 + draw / 25 % 12, 1 + draw / 300)
            : (draw < 5900 ? fmt::format("{}", draw) : std::string(names[draw % 4]));
    p.Add(value);
    distinct.insert(value);
    const CellFacts facts = ExamineCell(value, references());
    dates += facts.date;
    numbers += facts.number;
    first_names += facts.first_name;
    postcodes += (facts.kinds >> 5) & 1;
  }
  EXPECT_EQ(p.values(), 60000);
  EXPECT_EQ(p.dates(), dates);
  EXPECT_EQ(p.numbers(), numbers);
  EXPECT_EQ(p.first_names(), first_names);
  EXPECT_EQ(p.kind_matches(5), postcodes);  // postcode
  EXPECT_EQ(p.distinct(), distinct.size());
  EXPECT_GT(dates, 0);
  EXPECT_GT(first_names, 0);
  EXPECT_GT(postcodes, 0);
}

// A memo that finds nothing in a column of distinct values rests, then is tried again:
// the repeated values that follow are counted as before.
TEST_F(ValueProfileTest, ARestingMemoKeepsEveryCount) {
  ValueProfile p(references());
  for (int i = 0; i < 100000; ++i) p.Add(fmt::format("id-{}", i));
  for (int i = 0; i < 100000; ++i) p.Add(i % 2 ? "9434765919" : "WBRI");
  EXPECT_EQ(p.values(), 200000);
  EXPECT_EQ(p.kind_matches(0), 50000);  // nhs_number
  EXPECT_EQ(p.distinct(), ValueProfile::kMaxDistinct);
  const auto match = p.BestCodeList();
  EXPECT_EQ(match.list, nullptr);  // too many distinct values to compare with the lists
}

}  // namespace
}  // namespace veil::scan
