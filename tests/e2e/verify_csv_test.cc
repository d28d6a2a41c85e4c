// End-to-end: `veil verify` on honest veil output of the people/episodes CSV fixture,
// and on copies of that output with one defect planted each: every check must catch its
// defect with the right table, column and rows, and pass when the defect is absent.
#include <openssl/evp.h>
#include <nlohmann/json.hpp>

#include "core/date_text.h"
#include "e2e/e2e_support.h"

namespace veil::e2e {
namespace {

using Json = nlohmann::json;

const auto& kEnv = PeopleFixtureEnv();

std::string Sha256Hex(const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr);
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    static const char* const kHex = "0123456789abcdef";
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 15];
  }
  return hex;
}

// The findings of one check, as JSON objects.
std::vector<Json> FindingsOf(const Json& report, const std::string& check) {
  std::vector<Json> found;
  for (const auto& f : report["findings"]) {
    if (f["check"] == check) found.push_back(f);
  }
  return found;
}

class VerifyCsvTest : public PeopleCopyTest {
 protected:
  // Runs verify with --format json; returns the parsed report and the exit code.
  Json Verify(int& exit_code) {
    const auto r = RunVeil({"verify", "--policy", PeopleFixture("policy.yaml"), dir_ / "in",
                            dir_ / "out", "--format", "json"},
                           kEnv);
    exit_code = r.exit_code;
    last_output_ = r.out + r.err;
    Json report = Json::parse(r.out, nullptr, false);
    EXPECT_FALSE(report.is_discarded()) << r.out << r.err;
    return report;
  }

  void WritePeople() { WriteCsvTable(dir_ / "out/people.csv", people_); }
  void WriteEpisodes() { WriteCsvTable(dir_ / "out/episodes.csv", episodes_); }

  std::string last_output_;
};

TEST_F(VerifyCsvTest, PassesAnHonestRun) {
  int code = -1;
  const Json report = Verify(code);
  EXPECT_EQ(code, 0) << report.dump(2);
  EXPECT_TRUE(report["passed"].get<bool>());
  EXPECT_TRUE(report["findings"].empty()) << report["findings"].dump(2);
  EXPECT_EQ(report["tables"]["people"]["rows_before"], in_people_.rows.size());
  EXPECT_EQ(report["tables"]["people"]["rows_after"], people_.rows.size());
  EXPECT_EQ(report["tables"]["people"]["columns"]["last_name"]["rule"], "fake");
  EXPECT_GT(report["leak"]["values_searched"].get<int>(), 100);
}

TEST_F(VerifyCsvTest, CatchesASurnameLeftInPlace) {
  const size_t row = 5;  // 1-based data row
  people_.rows[row - 1][people_.Col("last_name")] =
      in_people_.rows[row - 1][in_people_.Col("last_name")];
  WritePeople();
  int code = -1;
  const Json report = Verify(code);
  EXPECT_EQ(code, 1);
  EXPECT_FALSE(report["passed"].get<bool>());
  const auto unchanged = FindingsOf(report, "unchanged");
  ASSERT_EQ(unchanged.size(), 1u) << report["findings"].dump(2);
  EXPECT_EQ(unchanged[0]["table"], "people");
  EXPECT_EQ(unchanged[0]["column"], "last_name");
  EXPECT_EQ(unchanged[0]["rows"], Json::array({row}));
  EXPECT_EQ(unchanged[0]["severity"], "error");
  const auto leak = FindingsOf(report, "leak");
  ASSERT_EQ(leak.size(), 1u);
  EXPECT_EQ(leak[0]["column"], "last_name");
  EXPECT_EQ(leak[0]["rows"], Json::array({row}));
}

TEST_F(VerifyCsvTest, CatchesAnOriginalMovedToAnotherRow) {
  // A "shuffle" keeps every value but moves it: unchanged sees nothing, leak does.
  people_.rows[2][people_.Col("email")] = in_people_.rows[7][in_people_.Col("email")];
  WritePeople();
  int code = -1;
  const Json report = Verify(code);
  EXPECT_EQ(code, 1);
  EXPECT_TRUE(FindingsOf(report, "unchanged").empty());
  const auto leak = FindingsOf(report, "leak");
  ASSERT_EQ(leak.size(), 1u) << report["findings"].dump(2);
  EXPECT_EQ(leak[0]["table"], "people");
  EXPECT_EQ(leak[0]["column"], "email");
  EXPECT_EQ(leak[0]["rows"], Json::array({3}));
}

TEST_F(VerifyCsvTest, CatchesADanglingReference) {
  const size_t row = 4;
  episodes_.rows[row - 1][episodes_.Col("person_id")] = "9999999999";
  WriteEpisodes();
  int code = -1;
  const Json report = Verify(code);
  EXPECT_EQ(code, 1);
  const auto fk = FindingsOf(report, "foreign_key");
  ASSERT_EQ(fk.size(), 1u) << report["findings"].dump(2);
  EXPECT_EQ(fk[0]["table"], "episodes");
  EXPECT_EQ(fk[0]["column"], "person_id");
  EXPECT_EQ(fk[0]["rows"], Json::array({row}));
}

TEST_F(VerifyCsvTest, CatchesOneDateMoved) {
  // Row 4 is the second of three episodes of one person: move its start by one day.
  const size_t row = 4;
  const size_t col = episodes_.Col("start_date");
  auto date = ParseDateText(episodes_.rows[row - 1][col]);
  ASSERT_TRUE(date.has_value());
  std::string moved;
  AppendDateText(date->day + std::chrono::days(1), date->form, date->time_suffix, moved);
  episodes_.rows[row - 1][col] = moved;
  WriteEpisodes();
  int code = -1;
  const Json report = Verify(code);
  EXPECT_EQ(code, 1);
  const auto dates = FindingsOf(report, "date_interval");
  ASSERT_EQ(dates.size(), 1u) << report["findings"].dump(2);
  EXPECT_EQ(dates[0]["table"], "episodes");
  EXPECT_EQ(dates[0]["column"], "start_date");
  EXPECT_EQ(dates[0]["rows"], Json::array({row}));
}

TEST_F(VerifyCsvTest, CatchesABadCheckDigit) {
  const size_t row = 2;
  std::string& nhs = people_.rows[row - 1][people_.Col("nhs_number")];
  ASSERT_EQ(nhs.size(), 10u);
  nhs.back() = nhs.back() == '9' ? '0' : static_cast<char>(nhs.back() + 1);
  WritePeople();
  int code = -1;
  const Json report = Verify(code);
  EXPECT_EQ(code, 1);
  const auto format = FindingsOf(report, "format");
  ASSERT_EQ(format.size(), 1u) << report["findings"].dump(2);
  EXPECT_EQ(format[0]["table"], "people");
  EXPECT_EQ(format[0]["column"], "nhs_number");
  EXPECT_EQ(format[0]["rows"], Json::array({row}));
}

TEST_F(VerifyCsvTest, WarnsOfATruncatedUnkeyedSha256) {
  const size_t col = episodes_.Col("episode_id");
  for (size_t i = 0; i < episodes_.rows.size(); ++i) {
    episodes_.rows[i][col] = Sha256Hex(in_episodes_.rows[i][col]).substr(0, 12);
  }
  WriteEpisodes();
  int code = -1;
  const Json report = Verify(code);
  EXPECT_EQ(code, 1);
  const auto hashed = FindingsOf(report, "unkeyed_hash");
  ASSERT_EQ(hashed.size(), 1u) << report["findings"].dump(2);
  EXPECT_EQ(hashed[0]["severity"], "warning");
  EXPECT_EQ(hashed[0]["table"], "episodes");
  EXPECT_EQ(hashed[0]["column"], "episode_id");
  EXPECT_EQ(hashed[0]["rows"].size(), 20u);
}

TEST_F(VerifyCsvTest, CatchesAMissingRowAndAKeptDroppedColumn) {
  episodes_.rows.pop_back();
  WriteEpisodes();
  people_.header.push_back("notes");
  for (auto& r : people_.rows) r.push_back("");
  WritePeople();
  int code = -1;
  const Json report = Verify(code);
  EXPECT_EQ(code, 1);
  const auto rows = FindingsOf(report, "row_count");
  ASSERT_EQ(rows.size(), 1u) << report["findings"].dump(2);
  EXPECT_EQ(rows[0]["table"], "episodes");
  EXPECT_EQ(rows[0]["count"], 1);
  const auto schema = FindingsOf(report, "schema");
  ASSERT_EQ(schema.size(), 1u) << report["findings"].dump(2);
  EXPECT_EQ(schema[0]["table"], "people");
  EXPECT_EQ(schema[0]["column"], "notes");
}

TEST_F(VerifyCsvTest, NoPersonalValueInAnyOutputChannel) {
  // Plant several defects so that findings exist, then look for every original value.
  people_.rows[0][people_.Col("last_name")] = in_people_.rows[0][in_people_.Col("last_name")];
  people_.rows[1][people_.Col("email")] = in_people_.rows[4][in_people_.Col("email")];
  people_.rows[2][people_.Col("nhs_number")] = in_people_.rows[2][in_people_.Col("nhs_number")];
  WritePeople();
  const auto json = RunVeil({"verify", "--policy", PeopleFixture("policy.yaml"), dir_ / "in",
                             dir_ / "out", "--format", "json", "--report", dir_ / "r.json"},
                            kEnv);
  const auto text = RunVeil({"verify", "--policy", PeopleFixture("policy.yaml"), dir_ / "in",
                             dir_ / "out", "--report", dir_ / "r.md"},
                            kEnv);
  const auto html = RunVeil({"verify", "--policy", PeopleFixture("policy.yaml"), dir_ / "in",
                             dir_ / "out", "--report", dir_ / "r.html"},
                            kEnv);
  ASSERT_EQ(json.exit_code, 1);
  ASSERT_EQ(text.exit_code, 1);
  ASSERT_EQ(html.exit_code, 1);
  const std::string everything = json.out + json.err + text.out + text.err + html.out + html.err +
                                 ReadFile(dir_ / "r.json") + ReadFile(dir_ / "r.md") +
                                 ReadFile(dir_ / "r.html");
  ASSERT_NE(everything.find("last_name"), std::string::npos);  // the findings are there
  int searched = 0;
  for (const auto& row : in_people_.rows) {
    for (const std::string column : {"first_name", "last_name", "email", "nhs_number", "phone",
                                     "postcode", "person_id", "dob"}) {
      const std::string& value = row[in_people_.Col(column)];
      if (value.size() < 4) continue;
      ++searched;
      EXPECT_EQ(everything.find(value), std::string::npos) << column;
    }
  }
  EXPECT_GT(searched, 200);
  EXPECT_EQ(everything.find(kEnv.at("VEIL_TEST_SECRET")), std::string::npos);
}

TEST_F(VerifyCsvTest, JobsDoNotChangeTheFindings) {
  for (size_t row : {1, 7, 19, 33}) {
    people_.rows[row][people_.Col("email")] = in_people_.rows[row][in_people_.Col("email")];
  }
  WritePeople();
  std::vector<Json> findings;
  for (const char* jobs : {"1", "2", "4"}) {
    const auto r = RunVeil({"verify", "--policy", PeopleFixture("policy.yaml"), dir_ / "in",
                            dir_ / "out", "--format", "json", "--jobs", jobs},
                           kEnv);
    ASSERT_EQ(r.exit_code, 1) << r.err;
    findings.push_back(Json::parse(r.out)["findings"]);
  }
  ASSERT_FALSE(findings[0].empty());
  EXPECT_EQ(findings[0], findings[1]);
  EXPECT_EQ(findings[0], findings[2]);
}

TEST_F(VerifyCsvTest, DelimiterAppliesToTheOriginal) {
  // A semicolon-separated original; veil's copy is written with commas.
  fs::create_directories(dir_ / "semi");
  std::string text = ReadFile(dir_ / "in/episodes.csv");
  for (char& c : text) c = c == ',' ? ';' : c;
  std::ofstream(dir_ / "semi/episodes.csv") << text;
  // The fixture's policy without its people table.
  const std::string full = ReadFile(PeopleFixture("policy.yaml"));
  const std::string policy =
      full.substr(0, full.find("  people:")) + full.substr(full.find("  episodes:"));
  std::ofstream(dir_ / "episodes_policy.yaml") << policy;
  ASSERT_EQ(RunVeil({"anonymise", "-q", "--delimiter", ";", "--policy",
                     dir_ / "episodes_policy.yaml", dir_ / "semi", dir_ / "semi_out"},
                    kEnv)
                .exit_code,
            0);
  const auto ok = RunVeil({"verify", "--delimiter", ";", "--policy", dir_ / "episodes_policy.yaml",
                           dir_ / "semi", dir_ / "semi_out"},
                          kEnv);
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  const auto bad = RunVeil({"verify", "--delimiter", ";;", "--policy",
                            dir_ / "episodes_policy.yaml", dir_ / "semi", dir_ / "semi_out"},
                           kEnv);
  EXPECT_EQ(bad.exit_code, 2);
}

TEST_F(VerifyCsvTest, HelpListsEveryOption) {
  const auto verify = RunVeil({"verify", "--help"});
  EXPECT_EQ(verify.exit_code, 0);
  for (const char* option : {"--policy", "--format", "--report", "--delimiter", "--jobs"}) {
    EXPECT_NE(verify.out.find(option), std::string::npos) << option;
  }
  const auto anonymise = RunVeil({"anonymise", "--help"});
  EXPECT_NE(anonymise.out.find("--verify"), std::string::npos);
}

TEST_F(VerifyCsvTest, UsageAndInputErrorsExitTwo) {
  EXPECT_EQ(
      RunVeil({"verify", "--policy", PeopleFixture("policy.yaml"), dir_ / "in"}, kEnv).exit_code,
      2);
  EXPECT_EQ(
      RunVeil({"verify", "--policy", PeopleFixture("policy.yaml"), dir_ / "in", dir_ / "nope"},
              kEnv)
          .exit_code,
      1);
  EXPECT_EQ(RunVeil({"verify", "--policy", PeopleFixture("policy.yaml"), dir_ / "in", dir_ / "out",
                     "--report", dir_ / "r.pdf"},
                    kEnv)
                .exit_code,
            2);
  EXPECT_FALSE(fs::exists(dir_ / "r.pdf"));
}

}  // namespace
}  // namespace veil::e2e
