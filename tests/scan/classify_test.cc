// ClassifyColumn on profiles of made-up values: the value evidence decides over the name,
// and anything uncertain gets the safer rule with a reason to review.
#include "scan/classify.h"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "scan/reference_sets_test_base.h"

namespace veil::scan {
namespace {

class ClassifyTest : public ReferenceSetsTest {
 protected:
  Classification Classify(const std::string& name, const std::vector<std::string>& values,
                          bool is_key = false, int empties = 0) {
    ValueProfile profile(references());
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
};

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

// Found by bench/ssd: personal columns the draft kept, and labels it replaced.
TEST_F(ClassifyTest, NationalityAndHealthCategoriesAreNotKept) {
  const auto nationality =
      Classify("pers_nationality", Repeat({"British", "British", "Polish", "Eritrean"}, 20));
  EXPECT_EQ(nationality.finding.role, ColumnRole::kQuasiIdentifier);
  EXPECT_NE(nationality.finding.rule, "keep");
  EXPECT_FALSE(nationality.finding.review.empty());
  const auto status = Classify("immi_immigration_status", Repeat({"UASC", "Refugee status"}, 20));
  EXPECT_EQ(status.finding.role, ColumnRole::kQuasiIdentifier);
  EXPECT_NE(status.finding.rule, "keep");
  const auto substance = Classify("clas_substance_misused", Repeat({"Alcohol", "Cannabis"}, 20));
  EXPECT_EQ(substance.finding.role, ColumnRole::kSensitive);
  EXPECT_NE(substance.finding.rule, "keep");
  const auto need = Classify("senn_active_ehcp_need_type", Repeat({"ASD", "SEMH", "SLCN"}, 20));
  EXPECT_EQ(need.finding.role, ColumnRole::kSensitive);
}

TEST_F(ClassifyTest, AProviderUrnIsPseudonymised) {
  const auto urn =
      Classify("clap_cla_placement_urn", Repeat({"SC123456", "SC654321", "SC111222"}, 10));
  EXPECT_TRUE(urn.names_entity) << urn.finding.rule;
  EXPECT_EQ(urn.finding.role, ColumnRole::kIdentifier);
}

TEST_F(ClassifyTest, LabelsUnderAFreeTextNameAreKeptWithAReason) {
  const auto reason = Classify("earl_episode_end_reason",
                               Repeat({"Needs met", "Family disengaged", "Moved away"}, 20));
  EXPECT_EQ(reason.finding.role, ColumnRole::kNonPersonal);
  EXPECT_EQ(reason.finding.rule, "keep");
  EXPECT_FALSE(reason.finding.review.empty());
  // Too few values to tell labels from notes: still free text.
  const auto few = Classify("cine_referral_source_desc", Repeat({"Police", "Schools"}, 3));
  EXPECT_EQ(few.finding.role, ColumnRole::kFreeText);
  std::vector<std::string> notes;
  for (int i = 0; i < 40; ++i) notes.push_back(fmt::format("Called back on day {} about it", i));
  EXPECT_EQ(Classify("case_notes", notes).finding.role, ColumnRole::kFreeText);
}

TEST_F(ClassifyTest, TeamNamesAndFullTimeEquivalentsAreNotPersonal) {
  std::vector<std::string> teams;
  for (int i = 1; i <= 12; ++i) teams.push_back(fmt::format("Front Door Team {}", i));
  const auto team = Classify("dept_team_name", teams);
  EXPECT_EQ(team.finding.role, ColumnRole::kNonPersonal) << team.finding.rule;
  EXPECT_FALSE(team.finding.review.empty());
  // A name the lists know still decides: an organisation named after a person.
  const auto people = Classify("provider_name", Repeat({"Olivia Smith", "George Jones"}, 10));
  EXPECT_EQ(people.finding.rule, "{fake: full_name}");
  const auto fte = Classify("prof_full_time_equivalency", Repeat({"0.5", "1.0", "0.8"}, 10));
  EXPECT_EQ(fte.finding.rule, "keep");
  EXPECT_EQ(fte.finding.role, ColumnRole::kNonPersonal);
}

TEST_F(ClassifyTest, EvidenceIsCountsAndSharesNeverValues) {
  const auto c = Classify("col7", Repeat({"9434765919"}, 10), false, 5);
  ASSERT_FALSE(c.finding.evidence.empty());
  EXPECT_EQ(c.finding.evidence.front(), "10 of 15 sampled rows hold a value");
  for (const auto& line : c.finding.evidence) EXPECT_EQ(line.find("9434765919"), std::string::npos);
}

}  // namespace
}  // namespace veil::scan
