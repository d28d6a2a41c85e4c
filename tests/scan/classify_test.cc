// ClassifyColumn on profiles of made-up values: the value evidence decides over the name,
// and anything uncertain gets the safer rule with a reason to review.
#include "scan/classify.h"

#include <gtest/gtest.h>

#include <fmt/format.h>

namespace veil::scan {
namespace {

class ClassifyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = ReferenceSets::Load();
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    references_ = new std::shared_ptr<const ReferenceSets>(loaded.value());
  }
  static void TearDownTestSuite() { delete references_; }

  Classification Classify(const std::string& name, const std::vector<std::string>& values,
                          bool is_key = false, int empties = 0) {
    ValueProfile profile(**references_);
    for (const auto& v : values) profile.Add(v);
    for (int i = 0; i < empties; ++i) profile.AddEmpty();
    ColumnSchema column;
    column.name = name;
    return ClassifyColumn(column, is_key, profile);
  }

  static std::vector<std::string> Repeat(const std::vector<std::string>& values, int times) {
    std::vector<std::string> out;
    for (int i = 0; i < times; ++i) out.insert(out.end(), values.begin(), values.end());
    return out;
  }

  static std::shared_ptr<const ReferenceSets>* references_;
};
std::shared_ptr<const ReferenceSets>* ClassifyTest::references_ = nullptr;

TEST_F(ClassifyTest, ValuesDecideWhateverTheName) {
  const auto nhs = Classify("col7", Repeat({"9434765919", "943 476 5919"}, 20));
  EXPECT_EQ(nhs.finding.rule, "{fake: nhs_number}");
  EXPECT_EQ(nhs.finding.role, ColumnRole::kDirectIdentifier);
  EXPECT_EQ(Classify("ref", Repeat({"a.b@council.gov.uk", "c@x.org"}, 20)).finding.rule,
            "{fake: email}");
  EXPECT_EQ(Classify("x", Repeat({"Olivia", "George", "Harry", "Amelia"}, 10)).finding.rule,
            "{fake: first_name}");
  EXPECT_EQ(Classify("who", Repeat({"Olivia Smith", "George Jones"}, 10)).finding.rule,
            "{fake: full_name}");
}

TEST_F(ClassifyTest, KeysAndDatesWaitForTheirEntity) {
  const auto key = Classify("case_no", Repeat({"1", "2", "3"}, 5), true);
  EXPECT_TRUE(key.names_entity);
  EXPECT_EQ(key.finding.rule, fmt::format("{{pseudonymise: {}}}", kEntityMarker));
  const auto label = Classify("invo_professional_role_id",
                              Repeat({"Allocated Social Worker", "Family Support Worker"}, 10));
  EXPECT_FALSE(label.names_entity) << label.finding.rule;
  const auto dates = Classify("started", Repeat({"2023-01-02", "02/03/2021"}, 10));
  EXPECT_TRUE(dates.shifts_dates);
  EXPECT_EQ(dates.finding.role, ColumnRole::kQuasiIdentifier);
}

TEST_F(ClassifyTest, UncertainColumnsGetTheSaferRuleAndAReason) {
  const auto empty = Classify("anything", {}, false, 30);
  EXPECT_EQ(empty.finding.rule, "null");
  EXPECT_FALSE(empty.finding.review.empty());
  std::vector<std::string> distinct;
  for (int i = 0; i < 100; ++i) distinct.push_back(fmt::format("K{}X{}", i * 7, i % 3));
  const auto unique = Classify("thing", distinct);
  EXPECT_EQ(unique.finding.rule, "null");
  EXPECT_NE(unique.finding.review.find("distinct"), std::string::npos);
  std::vector<std::string> notes;
  for (int i = 0; i < 30; ++i)
    notes.push_back(fmt::format("the family was seen at gate {} today", i));
  const auto text = Classify("c", notes);
  EXPECT_EQ(text.finding.role, ColumnRole::kFreeText);
  EXPECT_EQ(text.finding.rule, "redact");
  const auto hinted = Classify("pers_forename", Repeat({"Q1", "Q2"}, 5));
  EXPECT_EQ(hinted.finding.rule, "{fake: first_name}");
  EXPECT_FALSE(hinted.finding.review.empty());
}

TEST_F(ClassifyTest, LowCardinalityCategoriesAreKept) {
  const auto labels =
      Classify("c", Repeat({"Allocated Social Worker", "Family Support Worker"}, 20));
  EXPECT_EQ(labels.finding.rule, "keep");
  const auto flag = Classify("is_active", Repeat({"Y", "N", "N"}, 30));
  EXPECT_EQ(flag.finding.rule, "keep");
  EXPECT_EQ(flag.finding.role, ColumnRole::kNonPersonal);
  const auto amount = Classify("amount", Repeat({"12.50", "3.75", "100.00"}, 10));
  EXPECT_EQ(amount.finding.rule, "keep");
}

TEST_F(ClassifyTest, EvidenceIsCountsAndSharesNeverValues) {
  const auto c = Classify("col7", Repeat({"9434765919"}, 10), false, 5);
  ASSERT_FALSE(c.finding.evidence.empty());
  EXPECT_EQ(c.finding.evidence.front(), "10 of 15 sampled rows hold a value");
  for (const auto& line : c.finding.evidence) EXPECT_EQ(line.find("9434765919"), std::string::npos);
}

}  // namespace
}  // namespace veil::scan
