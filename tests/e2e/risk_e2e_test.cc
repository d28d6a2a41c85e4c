// End-to-end tests of `veil risk` and `veil hierarchy` on small files whose figures are
// worked out by hand in the comments.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "e2e/e2e_support.h"

namespace veil::e2e {
namespace {

// Ten people; quasi-identifiers age and sex. Classes: (30,F) x3, (30,M) x2,
// (41,F) x1, (52,M) x4 -> sizes {1:1, 2:1, 3:1, 4:1}.
constexpr const char* kPeople =
    "name,age,sex,diagnosis\n"
    "a,30,F,flu\nb,30,F,flu\nc,30,F,cold\n"
    "d,30,M,flu\ne,30,M,cold\n"
    "f,41,F,flu\n"
    "g,52,M,cold\nh,52,M,flu\ni,52,M,flu\nj,52,M,asthma\n";

constexpr const char* kPolicy =
    "version: 1\n"
    "tables:\n"
    "  people:\n"
    "    columns:\n"
    "      name: drop\n"
    "      age: {generalise: {intervals: [0, 40, 80], levels: [1, 2]}}\n"
    "      sex: {generalise: {groups: [2]}}\n"
    "      diagnosis: keep\n"
    "    privacy: {k: 2}\n";

class RiskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(dir_ / "people.csv") << kPeople;
    std::ofstream(dir_ / "policy.yaml") << kPolicy;
  }
  RunResult Risk(std::vector<std::string> extra) {
    std::vector<std::string> args{"risk", "--policy", (dir_ / "policy.yaml").string(),
                                  (dir_ / "people.csv").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunVeil(args);
  }
  ScratchDir dir_;
};

TEST_F(RiskTest, JsonFiguresAreTheHandComputedOnes) {
  const auto result = Risk({"--format", "json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["records"], 10);
  EXPECT_EQ(json["equivalence_classes"], 4);
  EXPECT_EQ(json["min_class_size"], 1);
  EXPECT_EQ(json["sample_uniques"], 1);
  EXPECT_DOUBLE_EQ(json["sample_uniqueness"], 0.1);
  EXPECT_EQ(json["class_size_distribution"],
            nlohmann::json({{"1", 1}, {"2", 1}, {"3", 1}, {"4", 1}}));
  // Prosecutor: average = classes / records = 4/10; highest = 1/1; one record there;
  // above 0.2: records in classes of size < 5 with 1/size > 0.2 -> all 10.
  EXPECT_DOUBLE_EQ(json["prosecutor"]["average_risk"], 0.4);
  EXPECT_DOUBLE_EQ(json["prosecutor"]["highest_risk"], 1.0);
  EXPECT_EQ(json["prosecutor"]["records_at_highest_risk"], 1);
  EXPECT_EQ(json["prosecutor"]["records_above_threshold"]["0.2"], 10);
  EXPECT_DOUBLE_EQ(json["marketer"]["average_risk"], 0.4);
  EXPECT_FALSE(json.contains("population_uniqueness"));
  // Released with k = 2: sex to '*' (level 2 of groups [2]) or age to bands. The
  // cheapest: age [0, 40) / [40, 80) keeps sex: (F,<40) 3, (M,<40) 2, (F,40+) 1 ... no:
  // the search result is checked for k = 2 rather than guessed here.
  ASSERT_TRUE(json.contains("released"));
  EXPECT_GE(json["released"]["min_class_size"].get<int>(), 2);
  EXPECT_EQ(json["released"]["records"], 10);
}

TEST_F(RiskTest, PopulationAddsJournalistAndUniquenessEstimates) {
  const auto result = Risk({"--format", "json", "--population", "100"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  // Journalist: F_j = f_j * N / n = 10 f_j; average = classes / N = 4/100; highest 1/10.
  EXPECT_DOUBLE_EQ(json["journalist"]["average_risk"], 0.04);
  EXPECT_DOUBLE_EQ(json["journalist"]["highest_risk"], 0.1);
  EXPECT_EQ(json["population_uniqueness"]["population"], 100);
  EXPECT_DOUBLE_EQ(json["population_uniqueness"]["sampling_fraction"], 0.1);
  EXPECT_TRUE(json["population_uniqueness"].contains("zayatz"));
  EXPECT_TRUE(json["population_uniqueness"].contains("pitman"));
}

TEST_F(RiskTest, RiskOfTheAnonymisedOutputEqualsTheReleasedFigures) {
  const auto released = dir_ / "released.csv";
  ASSERT_EQ(RunVeil({"anonymise", "-q", "--policy", (dir_ / "policy.yaml").string(),
                     (dir_ / "people.csv").string(), released.string()})
                .exit_code,
            0);
  const auto before = nlohmann::json::parse(Risk({"--format", "json"}).out);
  const auto after = RunVeil(
      {"risk", "--policy", (dir_ / "policy.yaml").string(), released.string(), "--format", "json"});
  ASSERT_EQ(after.exit_code, 0) << after.err;
  const auto json = nlohmann::json::parse(after.out);
  for (const char* key : {"records", "equivalence_classes", "min_class_size",
                          "class_size_distribution", "prosecutor", "marketer"}) {
    EXPECT_EQ(json[key], before["released"][key]) << key;
  }
}

TEST_F(RiskTest, TextAndHtmlReports) {
  const auto result = Risk({"--report", (dir_ / "risk.html").string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("Equivalence classes"), std::string::npos) << result.out;
  const std::string html = ReadFile(dir_ / "risk.html");
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("bar before"), std::string::npos);
  EXPECT_NE(html.find("bar after"), std::string::npos);
  EXPECT_EQ(html.find("http://"), std::string::npos);
}

TEST_F(RiskTest, DelimiterOption) {
  std::string semicolons = kPeople;
  std::replace(semicolons.begin(), semicolons.end(), ',', ';');
  std::ofstream(dir_ / "people.csv", std::ios::trunc) << semicolons;
  const auto result = Risk({"--format", "json", "--delimiter", ";"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(nlohmann::json::parse(result.out)["equivalence_classes"], 4);
  const auto hierarchy = RunVeil({"hierarchy", "--policy", (dir_ / "policy.yaml").string(),
                                  (dir_ / "people.csv").string(), "sex", "--delimiter", ";"});
  ASSERT_EQ(hierarchy.exit_code, 0) << hierarchy.err;
  EXPECT_EQ(hierarchy.out, "F;F..M;*\nM;F..M;*\n");
  EXPECT_EQ(Risk({"--delimiter", ";;"}).exit_code, 2);
}

TEST_F(RiskTest, BadArgumentsExitTwo) {
  EXPECT_EQ(Risk({"--format", "xml"}).exit_code, 2);
  EXPECT_EQ(Risk({"--report", (dir_ / "r.txt").string()}).exit_code, 2);
  EXPECT_EQ(Risk({"--population", "5"}).exit_code, 1) << "a population smaller than the data";
  EXPECT_EQ(Risk({"--table", "nothing"}).exit_code, 1);
}

TEST_F(RiskTest, HierarchyCommandWritesTheBuiltHierarchy) {
  const auto result = RunVeil({"hierarchy", "--policy", (dir_ / "policy.yaml").string(),
                               (dir_ / "people.csv").string(), "people.age"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "30;[0, 40);[0, 80);*\n"
            "41;[40, 80);[0, 80);*\n"
            "52;[40, 80);[0, 80);*\n");
  const auto file = dir_ / "sex.csv";
  ASSERT_EQ(RunVeil({"hierarchy", "--policy", (dir_ / "policy.yaml").string(),
                     (dir_ / "people.csv").string(), "sex", "--output", file.string()})
                .exit_code,
            0);
  EXPECT_EQ(ReadFile(file), "F;F..M;*\nM;F..M;*\n");
  EXPECT_EQ(RunVeil({"hierarchy", "--policy", (dir_ / "policy.yaml").string(),
                     (dir_ / "people.csv").string(), "diagnosis"})
                .exit_code,
            1);
}

TEST(HierarchyCommand, AnArxFileComesBackAsItIs) {
  const fs::path adult = SourceDir() / "tests/fixtures/adult";
  const auto result = RunVeil({"hierarchy", "--policy", (adult / "policy.yaml").string(),
                               (adult / "adult.csv").string(), "education"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::string expected = ReadFile(adult / "adult_hierarchy_education.csv");
  std::erase(expected, '\r');
  EXPECT_EQ(result.out, expected);
}

}  // namespace
}  // namespace veil::e2e
