// RiskJson, RiskText and RiskHtml: exact JSON keys and values, the figures in the text
// table and its alignment, and an HTML page that escapes everything it is given and draws
// one bar per non-empty class-size bucket per side.
#include "report/risk_output.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "privacy/risk.h"

namespace veil {
namespace {

using Json = nlohmann::json;

RiskFigures Figures(const std::map<int64_t, int64_t>& sizes,
                    std::optional<int64_t> population = std::nullopt) {
  Result<RiskFigures> r = ComputeRisk(sizes, population);
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? r.value() : RiskFigures{};
}

// {1:2, 2:1, 5:1}: 9 records, 4 classes (see tests/privacy/risk_test.cc).
RiskFigures Small(std::optional<int64_t> population = std::nullopt) {
  return Figures({{1, 2}, {2, 1}, {5, 1}}, population);
}

std::set<std::string> Keys(const Json& object) {
  std::set<std::string> keys;
  for (const auto& item : object.items()) keys.insert(item.key());
  return keys;
}

size_t Count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

const std::set<std::string> kRecordRiskKeys = {
    "average_risk", "highest_risk", "records_at_highest_risk", "records_above_threshold"};

TEST(RiskJsonOutput, HasExactlyTheDocumentedKeysWithoutAPopulation) {
  const Json json = report::RiskJson(Small());
  EXPECT_EQ(Keys(json),
            (std::set<std::string>{"records", "equivalence_classes", "min_class_size",
                                   "sample_uniques", "sample_uniqueness", "class_size_distribution",
                                   "prosecutor", "journalist", "marketer"}));
  EXPECT_EQ(Keys(json["prosecutor"]), kRecordRiskKeys);
  EXPECT_EQ(Keys(json["journalist"]), kRecordRiskKeys);
  EXPECT_EQ(Keys(json["marketer"]), (std::set<std::string>{"average_risk"}));
  EXPECT_EQ(Keys(json["prosecutor"]["records_above_threshold"]),
            (std::set<std::string>{"0.2", "0.1", "0.05"}));
}

TEST(RiskJsonOutput, CarriesTheFigures) {
  const Json json = report::RiskJson(Small());
  EXPECT_EQ(json["records"], 9);
  EXPECT_EQ(json["equivalence_classes"], 4);
  EXPECT_EQ(json["min_class_size"], 1);
  EXPECT_EQ(json["sample_uniques"], 2);
  EXPECT_DOUBLE_EQ(json["sample_uniqueness"].get<double>(), 2.0 / 9);
  EXPECT_EQ(json["class_size_distribution"], (Json{{"1", 2}, {"2", 1}, {"5", 1}}));
  EXPECT_DOUBLE_EQ(json["prosecutor"]["average_risk"].get<double>(), 4.0 / 9);
  EXPECT_EQ(json["prosecutor"]["highest_risk"], 1.0);
  EXPECT_EQ(json["prosecutor"]["records_at_highest_risk"], 2);
  EXPECT_EQ(json["prosecutor"]["records_above_threshold"],
            (Json{{"0.2", 4}, {"0.1", 9}, {"0.05", 9}}));
  EXPECT_EQ(json["journalist"], json["prosecutor"]);
  EXPECT_DOUBLE_EQ(json["marketer"]["average_risk"].get<double>(), 4.0 / 9);
}

TEST(RiskJsonOutput, PopulationUniquenessOnlyWithAPopulationAndPitmanNullWhenUnavailable) {
  const Json json = report::RiskJson(Small(90));
  ASSERT_TRUE(json.contains("population_uniqueness"));
  const Json& p = json["population_uniqueness"];
  EXPECT_EQ(Keys(p),
            (std::set<std::string>{"population", "sampling_fraction", "zayatz", "pitman"}));
  EXPECT_EQ(p["population"], 90);
  EXPECT_DOUBLE_EQ(p["sampling_fraction"].get<double>(), 0.1);
  EXPECT_TRUE(p["zayatz"].is_number());
  EXPECT_TRUE(p["pitman"].is_number());
  EXPECT_EQ(json["journalist"]["records_above_threshold"],
            (Json{{"0.2", 0}, {"0.1", 0}, {"0.05", 2}}));
  // Every record unique: no Pitman maximum.
  const Json unique = report::RiskJson(Figures({{1, 40}}, 400));
  EXPECT_TRUE(unique["population_uniqueness"]["pitman"].is_null());
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(RiskTextOutput, ShowsTheFiguresAsPercentagesWithTwoDecimals) {
  const std::string text = report::RiskText(Small(90), "people (name, zip)");
  EXPECT_EQ(text.rfind("people (name, zip)\n", 0), 0u) << text;
  for (const char* expected :
       {"Records", "Equivalence classes", "Prosecutor risk", "Journalist risk", "Marketer risk",
        "44.44%",      // prosecutor average 4/9
        "100.00%",     // prosecutor highest
        "4 (44.44%)",  // above 20%: 4 of 9 records
        "2 (22.22%)",  // sample uniques
        "4.44%",       // journalist and marketer average 4/90
        "Sampling fraction", "10.00%", "Population uniques (Zayatz)",
        "Population uniques (Pitman)"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
}

TEST(RiskTextOutput, FigureValuesEndInOneColumn) {
  const std::vector<std::string> lines = Lines(report::RiskText(Small(90), "t"));
  std::set<size_t> widths;
  for (const std::string& line : lines) {
    if (line == "Class sizes") break;
    if (line.rfind("  ", 0) == 0) widths.insert(line.size());
  }
  EXPECT_EQ(widths.size(), 1u);
}

// 20 sizes 1..20 with one class each: rows for sizes 1..15, then "≥ 16" with the classes
// of sizes 16..20 (5 classes, 16+17+18+19+20 = 90 records).
TEST(RiskTextOutput, DistributionHasFifteenRowsThenABucket) {
  std::map<int64_t, int64_t> sizes;
  for (int64_t s = 1; s <= 20; ++s) sizes[s] = 1;
  const std::vector<std::string> lines = Lines(report::RiskText(Figures(sizes), "t"));
  size_t header = 0;
  while (header < lines.size() && lines[header] != "Class sizes") ++header;
  ASSERT_EQ(lines.size(), header + 18);  // heading, column names, 15 sizes, bucket
  EXPECT_EQ(lines[header + 1], "  size  classes  records");
  EXPECT_EQ(lines[header + 2], "     1        1        1");
  EXPECT_EQ(lines[header + 16], "    15        1       15");
  EXPECT_EQ(lines[header + 17], "  \xE2\x89\xA5 16        5       90");
}

report::RiskPage Page() {
  report::RiskPage page;
  page.title = "<script>alert(1)</script>";
  page.policy_path = "/p/policy \"x\".yaml";
  page.source = "data/people.csv";
  page.table = "people&co";
  page.quasi_identifiers = {"zip", "<b>birth</b>"};
  // Buckets before: 1 (2 records), 2 (2), 5-9 (5), 50+ (60 of 69, 86.96%): four bars.
  page.before = Figures({{1, 2}, {2, 1}, {5, 1}, {60, 1}});
  return page;
}

TEST(RiskHtmlOutput, EscapesEverythingItIsGiven) {
  report::RiskPage page = Page();
  page.after = Figures({{3, 2}, {12, 1}});
  page.after_label = "After <k=3>";
  const std::string html = report::RiskHtml(page);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("people&amp;co"), std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;birth&lt;/b&gt;"), std::string::npos);
  EXPECT_NE(html.find("policy &quot;x&quot;.yaml"), std::string::npos);
  EXPECT_NE(html.find("After &lt;k=3&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_EQ(html.find("<k=3>"), std::string::npos);
}

TEST(RiskHtmlOutput, IsSelfContained) {
  const std::string html = report::RiskHtml(Page());
  EXPECT_EQ(html.rfind("<!doctype html>", 0), 0u);
  for (const char* external : {"http:", "https:", "src=", "href=", "@import", "url("}) {
    EXPECT_EQ(html.find(external), std::string::npos) << external;
  }
  EXPECT_NE(html.find("<style>"), std::string::npos);
}

// After: {3:2, 12:1}: buckets 3 (6 records) and 10-19 (12 records): two bars.
TEST(RiskHtmlOutput, OneBarPerNonEmptyBucketPerSide) {
  report::RiskPage page = Page();
  page.after = Figures({{3, 2}, {12, 1}});
  const std::string html = report::RiskHtml(page);
  EXPECT_EQ(Count(html, "<rect class=\"bar before\""), 4u);
  EXPECT_EQ(Count(html, "<rect class=\"bar after\""), 2u);
  for (const char* bar :
       {"\"bar before\" data-bucket=\"1\"", "\"bar before\" data-bucket=\"2\"",
        "\"bar before\" data-bucket=\"5-9\"", "\"bar before\" data-bucket=\"50+\"",
        "\"bar after\" data-bucket=\"3\"", "\"bar after\" data-bucket=\"10-19\""}) {
    EXPECT_NE(html.find(bar), std::string::npos) << bar;
  }
  EXPECT_EQ(Count(html, "<rect "), Count(html, "</title></rect>"));  // each bar has a title
  EXPECT_NE(html.find("<title>Before: 60 records (86.96%) in classes of size 50+</title>"),
            std::string::npos);
  EXPECT_NE(html.find("role=\"img\""), std::string::npos);
}

TEST(RiskHtmlOutput, WithoutAfterHasNoAfterBarsOrColumn) {
  const std::string html = report::RiskHtml(Page());
  EXPECT_EQ(Count(html, "<rect class=\"bar before\""), 4u);
  EXPECT_EQ(Count(html, "bar after"), 0u);
  EXPECT_EQ(html.find(">After<"), std::string::npos);
  // Before: 2+2+5+60 = 69 records in 5 classes; prosecutor average 5/69 = 7.246...%.
  EXPECT_NE(html.find(">7.25%<"), std::string::npos);
}

}  // namespace
}  // namespace veil
