// VerificationJson(): the output parses as one JSON object carrying every field of the
// report with the documented names, types, nulls and order.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "report/report_fixtures.h"
#include "veil/verify.h"

namespace veil {
namespace {

using Json = nlohmann::ordered_json;
using testing::FailedReport;
using testing::kScriptTable;
using testing::PassedReport;

Json Parse(const VerificationReport& report) {
  return Json::parse(VerificationJson(report));
}

std::vector<std::string> Keys(const Json& object) {
  std::vector<std::string> keys;
  for (const auto& item : object.items()) keys.push_back(item.key());
  return keys;
}

TEST(VerificationJsonReport, CountsFindingsBySeverity) {
  EXPECT_EQ(FailedReport().errors(), 2);
  EXPECT_EQ(FailedReport().warnings(), 1);
  EXPECT_EQ(PassedReport().errors(), 0);
  EXPECT_EQ(PassedReport().warnings(), 0);
}

TEST(VerificationJsonReport, IsOnePrettyPrintedObjectWithEveryTopLevelField) {
  const std::string text = VerificationJson(FailedReport());
  EXPECT_EQ(text.rfind("{\n  \"passed\": false,\n", 0), 0u) << text.substr(0, 40);
  const Json json = Json::parse(text);
  ASSERT_TRUE(json.is_object());
  EXPECT_EQ(Keys(json), (std::vector<std::string>{
                            "passed", "errors", "warnings", "findings", "checks", "tables",
                            "original", "anonymised", "policy", "secret_fingerprint", "secret_note",
                            "veil_version", "started_at", "seconds", "leak"}));
}

TEST(VerificationJsonReport, TopLevelValuesAndTypes) {
  const Json json = Parse(FailedReport());
  EXPECT_EQ(json["passed"], false);
  EXPECT_TRUE(json["errors"].is_number_integer());
  EXPECT_EQ(json["errors"], 2);
  EXPECT_EQ(json["warnings"], 1);
  EXPECT_EQ(json["original"], "/data/extract-2024");
  EXPECT_EQ(json["anonymised"], "/data/extract-2024-anon");
  EXPECT_EQ(json["policy"],
            (Json{{"path", "/data/policy.yaml"}, {"sha256", std::string(64, 'a')}}));
  EXPECT_TRUE(json["secret_fingerprint"].is_null());
  EXPECT_EQ(json["secret_note"], "the policy's secret is ephemeral, so it cannot be loaded again");
  EXPECT_EQ(json["veil_version"], "0.1.0");
  EXPECT_EQ(json["started_at"], "2024-05-01T09:30:00Z");
  EXPECT_TRUE(json["seconds"].is_number_float());
  EXPECT_DOUBLE_EQ(json["seconds"].get<double>(), 12.34);
  EXPECT_EQ(json["leak"],
            (Json{{"values_searched", 1000},
                  {"values_skipped", 12},
                  {"skip_reason", "shorter than 3 characters or fewer than 6 digits"}}));
}

TEST(VerificationJsonReport, PassedReportHasFingerprintAndNoFindings) {
  const Json json = Parse(PassedReport());
  EXPECT_EQ(json["passed"], true);
  EXPECT_EQ(json["errors"], 0);
  EXPECT_EQ(json["warnings"], 0);
  EXPECT_TRUE(json["findings"].is_array());
  EXPECT_TRUE(json["findings"].empty());
  EXPECT_EQ(json["secret_fingerprint"], "sha256:0123456789abcdef");
  EXPECT_EQ(json["secret_note"], "");
  EXPECT_EQ(json["leak"]["skip_reason"], "");
}

TEST(VerificationJsonReport, FindingsCarryEveryField) {
  const Json findings = Parse(FailedReport())["findings"];
  ASSERT_EQ(findings.size(), 3u);
  const Json& first = findings[0];
  EXPECT_EQ(Keys(first), (std::vector<std::string>{"check", "severity", "table", "column", "count",
                                                   "rows", "detail"}));
  EXPECT_EQ(first["check"], "unchanged");
  EXPECT_EQ(first["severity"], "error");
  EXPECT_EQ(first["table"], "people");
  EXPECT_EQ(first["column"], "surname");
  EXPECT_EQ(first["count"], 57);
  EXPECT_EQ(first["rows"].size(), 20u);
  EXPECT_EQ(first["rows"][0], 3);
  EXPECT_EQ(first["rows"][19], 60);
  EXPECT_EQ(findings[1]["table"], kScriptTable);
  EXPECT_EQ(findings[1]["detail"], "An original surname appears in this column.\nCheck the notes.");
  EXPECT_EQ(findings[2]["severity"], "warning");
  EXPECT_TRUE(findings[2]["column"].is_null());
  EXPECT_TRUE(findings[2]["rows"].is_array());
  EXPECT_TRUE(findings[2]["rows"].empty());
}

TEST(VerificationJsonReport, ChecksCarryEveryField) {
  const Json checks = Parse(FailedReport())["checks"];
  ASSERT_EQ(checks.size(), 4u);
  EXPECT_EQ(Keys(checks[0]), (std::vector<std::string>{"check", "description", "coverage", "ran",
                                                       "errors", "warnings"}));
  EXPECT_EQ(checks[0]["check"], "unchanged");
  EXPECT_EQ(checks[0]["description"], "Transformed columns changed.");
  EXPECT_EQ(checks[0]["coverage"], "4 columns in 2 tables");
  EXPECT_EQ(checks[0]["ran"], true);
  EXPECT_EQ(checks[0]["errors"], 1);
  EXPECT_EQ(checks[2]["warnings"], 1);
  EXPECT_EQ(checks[3]["ran"], false);
}

TEST(VerificationJsonReport, TablesKeepTheirOrderAndNullTheUncounted) {
  const Json tables = Parse(FailedReport())["tables"];
  ASSERT_TRUE(tables.is_object());
  EXPECT_EQ(Keys(tables), (std::vector<std::string>{"people", kScriptTable, testing::kMarkdownTable,
                                                    "archive", "placements"}));
  const Json& people = tables["people"];
  EXPECT_EQ(Keys(people),
            (std::vector<std::string>{"action", "rows_before", "rows_after", "columns"}));
  EXPECT_EQ(people["action"], "anonymised");
  EXPECT_EQ(people["rows_before"], 100);
  EXPECT_EQ(people["rows_after"], 100);
  EXPECT_EQ(Keys(people["columns"]), (std::vector<std::string>{"id", "surname", "ethnicity"}));
  const Json& archive = tables["archive"];
  EXPECT_EQ(archive["action"], "dropped");
  EXPECT_TRUE(archive["rows_after"].is_null());
  EXPECT_TRUE(archive["columns"]["old_name"]["distinct_after"].is_null());
  EXPECT_EQ(archive["columns"]["old_name"]["distinct_before"], 30);
}

TEST(VerificationJsonReport, ColumnsCarryEveryFieldAndTheUnchangedShare) {
  const Json tables = Parse(FailedReport())["tables"];
  const Json& surname = tables["people"]["columns"]["surname"];
  EXPECT_EQ(Keys(surname),
            (std::vector<std::string>{"rule", "distinct_before", "distinct_after", "compared",
                                      "unchanged", "unchanged_share", "unchanged_threshold"}));
  EXPECT_EQ(surname["rule"], "fake");
  EXPECT_EQ(surname["distinct_before"], 60);
  EXPECT_EQ(surname["distinct_after"], 20);
  EXPECT_EQ(surname["compared"], 100);
  EXPECT_EQ(surname["unchanged"], 57);
  EXPECT_TRUE(surname["unchanged_share"].is_number_float());
  EXPECT_DOUBLE_EQ(surname["unchanged_share"].get<double>(), 0.57);
  EXPECT_DOUBLE_EQ(surname["unchanged_threshold"].get<double>(), 0.05);
  const Json& start = tables["placements"]["columns"]["start"];
  EXPECT_EQ(start["compared"], 0);
  EXPECT_TRUE(start["unchanged_share"].is_number());
  EXPECT_DOUBLE_EQ(start["unchanged_share"].get<double>(), 0.0);
}

TEST(VerificationJsonReport, InvalidUtf8IsReplacedNotThrown) {
  VerificationReport report = PassedReport();
  report.original = "/data/caf\xE9.csv";  // Latin-1, not UTF-8
  std::string text;
  ASSERT_NO_THROW(text = VerificationJson(report));
  EXPECT_EQ(Json::parse(text)["original"], "/data/caf\xEF\xBF\xBD.csv");
}

}  // namespace
}  // namespace veil
