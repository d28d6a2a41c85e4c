// VerificationMarkdown(): the verdict, the sections in order, findings with their row
// numbers, table figures, and escaping of every string that comes from the report.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "report/report_fixtures.h"
#include "veil/verify.h"

namespace veil {
namespace {

using testing::FailedReport;
using testing::PassedReport;
using testing::WarningsOnlyReport;

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The number of `|` in a line that are not escaped with a backslash.
int CellBars(const std::string& line) {
  int bars = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\') {
      ++i;
    } else if (line[i] == '|') {
      ++bars;
    }
  }
  return bars;
}

TEST(VerificationMarkdownReport, StartsWithTitleAndVerdict) {
  const std::vector<std::string> passed = Lines(VerificationMarkdown(PassedReport()));
  ASSERT_GE(passed.size(), 3u);
  EXPECT_EQ(passed[0], "# Verification of an anonymised copy");
  EXPECT_EQ(passed[2], "**PASSED: no problems found**");
  const std::vector<std::string> failed = Lines(VerificationMarkdown(FailedReport()));
  ASSERT_GE(failed.size(), 3u);
  EXPECT_EQ(failed[2],
            "**FAILED: 2 problems must be fixed before this copy is shared; 1 warning should "
            "also be reviewed**");
}

TEST(VerificationMarkdownReport, WarningsOnlyVerdictSaysNothingMustBeFixed) {
  const std::string md = VerificationMarkdown(WarningsOnlyReport());
  EXPECT_TRUE(Has(md,
                  "**WARNINGS TO REVIEW: nothing must be fixed, but 1 warning should be "
                  "reviewed before this copy is shared**"))
      << md;
}

TEST(VerificationMarkdownReport, SectionsComeInOrder) {
  const std::string md = VerificationMarkdown(FailedReport());
  const std::vector<std::string> headings = {"# Verification of an anonymised copy",
                                             "## About this check",
                                             "## What was checked",
                                             "## Findings",
                                             "## Tables",
                                             "## Leak search",
                                             "## What these checks prove and what they do not"};
  EXPECT_EQ(md.rfind(headings[0], 0), 0u);
  size_t previous = 0;
  for (const std::string& heading : headings) {
    const size_t at = md.find(heading + "\n", previous);
    ASSERT_NE(at, std::string::npos) << heading << " missing or out of order";
    previous = at + 1;
  }
}

TEST(VerificationMarkdownReport, ProvenanceShowsPolicyDigestAndSecretOrItsNote) {
  const std::string failed = VerificationMarkdown(FailedReport());
  EXPECT_TRUE(Has(failed, "| Policy | /data/policy.yaml |"));
  EXPECT_TRUE(Has(failed, "| Policy SHA-256 | " + std::string(64, 'a') + " |"));
  EXPECT_TRUE(Has(failed,
                  "| Secret | the policy's secret is ephemeral, so it cannot be loaded "
                  "again |"));
  EXPECT_TRUE(Has(failed, "| Time taken | 12.3 seconds |"));
  const std::string passed = VerificationMarkdown(PassedReport());
  EXPECT_TRUE(Has(passed, "| Secret fingerprint | sha256:0123456789abcdef |"));
  EXPECT_TRUE(Has(passed, "| Checked at (UTC) | 2024-05-01T09:30:00Z |"));
}

TEST(VerificationMarkdownReport, ChecksShowResultOrWhyTheyDidNotRun) {
  const std::string md = VerificationMarkdown(FailedReport());
  EXPECT_TRUE(Has(md,
                  "| Unchanged | Transformed columns changed. | 4 columns in 2 tables | "
                  "1 problem |"));
  EXPECT_TRUE(Has(md, "| Foreign key | Links between tables survived. | 2 links | 1 warning |"));
  EXPECT_TRUE(Has(md,
                  "| Date interval | Each child's date intervals survived. | - | Not run: "
                  "no entity has a date shift |"));
  EXPECT_TRUE(Has(VerificationMarkdown(PassedReport()), "| 250 values | Passed |"));
}

TEST(VerificationMarkdownReport, FindingsListTheirRowsAndSayWhenOnlySomeAreListed) {
  const std::string md = VerificationMarkdown(FailedReport());
  EXPECT_TRUE(Has(md, "1. **Error** from the Unchanged check, in table people, column surname"));
  EXPECT_TRUE(Has(md, "   - Affected: 57\n"));
  EXPECT_TRUE(Has(md,
                  "   - Rows (first 20 of 57): 3, 6, 9, 12, 15, 18, 21, 24, 27, 30, 33, 36, "
                  "39, 42, 45, 48, 51, 54, 57, 60\n"))
      << md;
  EXPECT_TRUE(Has(md, "   - Rows: 4, 9\n"));
  EXPECT_TRUE(Has(md,
                  "3. **Warning** from the Foreign key check, in table placements (whole "
                  "table)"));
  EXPECT_TRUE(Has(md, "   - What was found: One placement points to no child.\n"));
}

TEST(VerificationMarkdownReport, PassedReportSaysNoProblems) {
  const std::string md = VerificationMarkdown(PassedReport());
  EXPECT_TRUE(Has(md, "## Findings\n\nNo problems were found.\n"));
}

TEST(VerificationMarkdownReport, TablesShowRowsColumnsSharesAndTheLimit) {
  const std::string md = VerificationMarkdown(FailedReport());
  EXPECT_TRUE(Has(md, "Action: anonymised column by column. Rows: 100 rows before, 100 after."));
  EXPECT_TRUE(Has(md, "Action: left out of the copy. Rows: 30 rows before, not in the copy."));
  EXPECT_TRUE(Has(md, "| surname | fake | 60 | 20 | 57% (57 of 100) | at most 5% | OVER LIMIT |"))
      << md;
  EXPECT_TRUE(Has(md, "| id | pseudonymise | 100 | 100 | 0% (0 of 100) | none |  |"));
  EXPECT_TRUE(Has(md, "| ethnicity | keep | 8 | 8 | 100% (100 of 100) | not checked |  |"));
  EXPECT_TRUE(Has(md, "| old\\_name | drop | 30 | not counted | nothing compared | not checked |"));
}

TEST(VerificationMarkdownReport, LeakSearchFigures) {
  const std::string md = VerificationMarkdown(FailedReport());
  EXPECT_TRUE(Has(md, "- Original values searched for: 1,000 distinct values\n"));
  EXPECT_TRUE(Has(md,
                  "- Original values not searched for: 12 values: shorter than 3 "
                  "characters or fewer than 6 digits\n"));
}

TEST(VerificationMarkdownReport, EscapesSpecialCharactersFromTheReport) {
  const std::string md = VerificationMarkdown(FailedReport());
  EXPECT_TRUE(Has(md, "### Table care\\_plans\\|\\*v2\\*\\`x\\`<br>next\n")) << md;
  EXPECT_TRUE(Has(md, "### Table &lt;script&gt;alert(1)&lt;/script&gt;\n"));
  EXPECT_FALSE(Has(md, "<script>"));
  EXPECT_TRUE(Has(md, "| notes\\|x | mask |"));
  EXPECT_TRUE(Has(md,
                  "What was found: An original surname appears in this column.<br>Check the "
                  "notes.\n"));
}

TEST(VerificationMarkdownReport, EveryTableRowHasAsManyCellsAsItsHeader) {
  const std::vector<std::string> lines = Lines(VerificationMarkdown(FailedReport()));
  int expected = -1;
  int rows = 0;
  for (const std::string& line : lines) {
    if (line.empty() || line[0] != '|') {
      expected = -1;
      continue;
    }
    if (expected < 0) expected = CellBars(line);
    EXPECT_EQ(CellBars(line), expected) << line;
    ++rows;
  }
  EXPECT_GT(rows, 20);
}

TEST(VerificationMarkdownReport, EndsWithWhatTheChecksProveAndDoNot) {
  const std::string md = VerificationMarkdown(PassedReport());
  const size_t at = md.find("## What these checks prove and what they do not\n");
  ASSERT_NE(at, std::string::npos);
  const std::string tail = md.substr(at);
  EXPECT_TRUE(Has(tail, "k-anonymity"));
  EXPECT_TRUE(Has(tail, "paired by position"));
  EXPECT_TRUE(Has(tail, "notes column"));
  EXPECT_TRUE(Has(tail, "search thresholds"));
}

}  // namespace
}  // namespace veil
