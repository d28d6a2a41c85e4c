// End-to-end: the reports `veil verify --report` writes, from the real binary on the
// people fixture with a planted defect: the HTML as Debian's chromium renders it, and the
// Markdown and JSON files.
#include <nlohmann/json.hpp>

#include "e2e/e2e_support.h"
#include "support/chromium.h"

namespace veil::e2e {
namespace {

const std::map<std::string, std::string> kEnv = {
    {"VEIL_TEST_SECRET", "e2e-secret-0123456789abcdef"}};

class VerifyReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto r = AnonymisePeopleFixture(dir_, kEnv);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  RunResult VerifyTo(const std::string& report) {
    return RunVeil({"verify", "--policy", PeopleFixture("policy.yaml"), dir_ / "in", dir_ / "out",
                    "--report", dir_ / report},
                   kEnv);
  }

  ScratchDir dir_;
};

TEST_F(VerifyReportTest, HtmlReportOfAFailedRunRendersInChromium) {
  // Leave the surname of data row 6 as it was.
  Table people = ReadCsvTable(dir_ / "out/people.csv");
  const Table original = ReadCsvTable(dir_ / "in/people.csv");
  const std::string surname = original.rows[5][original.Col("last_name")];
  people.rows[5][people.Col("last_name")] = surname;
  WriteCsvTable(dir_ / "out/people.csv", people);
  const auto r = VerifyTo("report.html");
  ASSERT_EQ(r.exit_code, 1) << r.err;
  auto page = veil::testing::RenderedText((dir_ / "report.html").string());
  ASSERT_TRUE(page.ok()) << page.status().message();
  const std::string& text = *page;
  EXPECT_NE(text.find("FAILED"), std::string::npos) << text;
  EXPECT_NE(text.find("people"), std::string::npos);
  EXPECT_NE(text.find("last_name"), std::string::npos);
  EXPECT_NE(text.find("What these checks prove"), std::string::npos);
  EXPECT_NE(text.find(PeopleFixture("policy.yaml").string()), std::string::npos);
  EXPECT_EQ(text.find(surname), std::string::npos);
  EXPECT_EQ(ReadFile(dir_ / "report.html").find(surname), std::string::npos);
}

TEST_F(VerifyReportTest, HtmlReportOfAnHonestRunSaysPassed) {
  const auto r = VerifyTo("report.html");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  auto page = veil::testing::RenderedText((dir_ / "report.html").string());
  ASSERT_TRUE(page.ok()) << page.status().message();
  EXPECT_NE(page->find("PASSED"), std::string::npos) << *page;
  EXPECT_EQ(page->find("FAILED"), std::string::npos);
}

TEST_F(VerifyReportTest, MarkdownAndJsonReports) {
  ASSERT_EQ(VerifyTo("report.md").exit_code, 0);
  const std::string markdown = ReadFile(dir_ / "report.md");
  EXPECT_NE(markdown.find("PASSED"), std::string::npos);
  EXPECT_NE(markdown.find("episodes"), std::string::npos);
  ASSERT_EQ(VerifyTo("report.json").exit_code, 0);
  const auto json = nlohmann::json::parse(ReadFile(dir_ / "report.json"), nullptr, false);
  ASSERT_FALSE(json.is_discarded());
  EXPECT_TRUE(json["passed"].get<bool>());
  EXPECT_EQ(json["tables"]["people"]["rows_before"], 40);  // one note spans two lines
  // Reports are written aside and moved into place: nothing else is left.
  EXPECT_EQ(dir_.Entries(), (std::vector<std::string>{"in", "out", "report.json", "report.md"}));
}

}  // namespace
}  // namespace veil::e2e
