// VerificationHtml(): one self-contained, well-formed page that fetches nothing, escapes
// every string from the report, and draws the documented SVG charts with text labels.
#include <gtest/gtest.h>

#include <set>
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

size_t Count(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

// Checks that every tag is closed in order; returns "" or what is wrong. Every `<` in
// the page must start a tag (text is escaped, and the stylesheet has none).
std::string TagNestingError(const std::string& html) {
  static const std::set<std::string> kVoid = {"meta", "br", "hr", "img", "input", "link", "col"};
  std::vector<std::string> open;
  for (size_t at = html.find('<'); at != std::string::npos; at = html.find('<', at + 1)) {
    const size_t end = html.find('>', at);
    if (end == std::string::npos) return "unterminated tag at " + std::to_string(at);
    const std::string tag = html.substr(at + 1, end - at - 1);
    if (tag.rfind("!doctype", 0) == 0) continue;
    const bool closing = !tag.empty() && tag[0] == '/';
    const size_t name_start = closing ? 1 : 0;
    const std::string name =
        tag.substr(name_start, tag.find_first_of(" \n/", name_start) - name_start);
    if (name.empty()) return "empty tag at " + std::to_string(at);
    if (closing) {
      if (open.empty() || open.back() != name) {
        return "</" + name + "> closes <" + (open.empty() ? "" : open.back()) + "> at " +
               std::to_string(at);
      }
      open.pop_back();
    } else if (!kVoid.count(name) && tag.back() != '/') {
      open.push_back(name);
    }
  }
  return open.empty() ? "" : "<" + open.back() + "> never closed";
}

TEST(VerificationHtmlReport, IsOneSelfContainedPage) {
  const std::string html = VerificationHtml(FailedReport());
  EXPECT_EQ(html.rfind("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">", 0),
            0u);
  EXPECT_EQ(Count(html, "<style>"), 1u);
  EXPECT_EQ(Count(html, "</html>"), 1u);
  for (const std::string fetch : {"http://", "https://", "src=", "href=", "url(", "@import",
                                  "<link", "<script", "<img", "<iframe", "<object", "<embed"}) {
    EXPECT_FALSE(Has(html, fetch)) << fetch;
  }
}

TEST(VerificationHtmlReport, EveryTagIsClosedInOrder) {
  for (const VerificationReport& report : {PassedReport(), FailedReport(), WarningsOnlyReport()}) {
    const std::string html = VerificationHtml(report);
    EXPECT_EQ(TagNestingError(html), "");
    EXPECT_EQ(Count(html, "<table"), Count(html, "</table>"));
    EXPECT_EQ(Count(html, "<svg"), Count(html, "</svg>"));
    EXPECT_EQ(Count(html, "<section>"), Count(html, "</section>"));
  }
}

TEST(VerificationHtmlReport, TagCheckerCatchesMisnesting) {
  EXPECT_NE(TagNestingError("<table><tr></table></tr>"), "");
  EXPECT_NE(TagNestingError("<svg><rect>"), "");
  EXPECT_EQ(TagNestingError("<p><line x=\"1\"/><meta charset=\"utf-8\"></p>"), "");
}

TEST(VerificationHtmlReport, VerdictBannerMatchesTheOutcome) {
  EXPECT_TRUE(Has(VerificationHtml(PassedReport()),
                  "<p class=\"verdict pass\" role=\"status\">PASSED: no problems found</p>"));
  EXPECT_TRUE(Has(VerificationHtml(FailedReport()),
                  "<p class=\"verdict fail\" role=\"status\">FAILED: 2 problems must be fixed "
                  "before this copy is shared; 1 warning should also be reviewed</p>"));
  EXPECT_TRUE(Has(VerificationHtml(WarningsOnlyReport()),
                  "<p class=\"verdict warn\" role=\"status\">WARNINGS TO REVIEW:"));
  EXPECT_TRUE(Has(VerificationHtml(FailedReport()), "<title>Verification report: FAILED</title>"));
}

TEST(VerificationHtmlReport, EscapesEveryStringFromTheReport) {
  VerificationReport report = FailedReport();
  report.policy_path = "/data/\"quoted\" & 'single'.yaml";
  const std::string html = VerificationHtml(report);
  EXPECT_FALSE(Has(html, "<script"));
  EXPECT_FALSE(Has(html, "alert(1)</"));
  EXPECT_TRUE(Has(html,
                  "<h3>Table <span class=\"mono\">&lt;script&gt;alert(1)&lt;/script&gt;"
                  "</span></h3>"));
  EXPECT_TRUE(Has(html, "/data/&quot;quoted&quot; &amp; &#39;single&#39;.yaml"));
  EXPECT_TRUE(Has(html, "table &lt;script&gt;alert(1)&lt;/script&gt;, column notes|x"));
  EXPECT_TRUE(Has(html, "data-label=\"&lt;script&gt;alert(1)&lt;/script&gt;.notes|x\""));
}

TEST(VerificationHtmlReport, FindingsShowRowNumbersAndHowManyAreListed) {
  const std::string html = VerificationHtml(FailedReport());
  EXPECT_TRUE(Has(html,
                  "<td>Rows (first 20 of 57): <span class=\"mono\">3, 6, 9, 12, 15, 18, 21, "
                  "24, 27, 30, 33, 36, 39, 42, 45, 48, 51, 54, 57, 60</span></td>"))
      << html;
  EXPECT_TRUE(Has(html, "<td>Rows: <span class=\"mono\">4, 9</span></td>"));
  EXPECT_TRUE(Has(html, "<td>none listed</td>"));
  EXPECT_TRUE(Has(html, "<td class=\"sev-warning\">Warning</td>"));
  EXPECT_TRUE(Has(VerificationHtml(PassedReport()), "<p>No problems were found.</p>"));
}

TEST(VerificationHtmlReport, TablesMarkColumnsOverTheLimitAndTablesNotInTheCopy) {
  const std::string html = VerificationHtml(FailedReport());
  EXPECT_TRUE(Has(html, "<tr class=\"over\"><td class=\"mono\">surname</td><td>fake</td>"));
  EXPECT_EQ(Count(html, "<tr class=\"over\">"), 1u);
  EXPECT_TRUE(Has(html,
                  "<td class=\"num\">57% (57 of 100)</td><td>at most 5%</td>"
                  "<td class=\"mark\">Over the limit</td>"));
  EXPECT_TRUE(Has(html, "Rows: 30 rows before, not in the copy."));
}

TEST(VerificationHtmlReport, DrawsOneUnchangedBarPerComparedTransformedColumn) {
  const std::string html = VerificationHtml(FailedReport());
  EXPECT_EQ(Count(html, "<svg class=\"chart\""), 3u);
  EXPECT_EQ(Count(html, "class=\"bar ok\"") + Count(html, "class=\"bar over\""), 3u);
  EXPECT_TRUE(Has(html,
                  "<rect class=\"bar over\" data-label=\"people.surname\" x=\"260.0\" "
                  "y=\"50.0\" width=\"205.2\""))
      << html;
  EXPECT_TRUE(Has(html, "<rect class=\"bar ok\" data-label=\"people.id\""));
  EXPECT_FALSE(Has(html, "data-label=\"people.ethnicity\""));  // kept, not transformed
  EXPECT_TRUE(
      Has(html, "<title>people.surname: allowed at most 5%</title>"));  // the threshold mark
  EXPECT_TRUE(Has(html, "<title id=\"chart-unchanged-title\">Values left unchanged per column"));
  EXPECT_TRUE(Has(html, "text-anchor=\"end\">people.surname</text>"));
  EXPECT_TRUE(Has(html, ">57% (over the limit)</text>"));
  EXPECT_TRUE(Has(html, "<figcaption><strong>Values left unchanged per column.</strong> "));
}

TEST(VerificationHtmlReport, DrawsFindingsPerCheckAndDistinctValues) {
  const std::string html = VerificationHtml(FailedReport());
  EXPECT_TRUE(Has(html, "<rect class=\"bar error\" data-label=\"unchanged\""));
  EXPECT_TRUE(Has(html, "<rect class=\"bar warning\" data-label=\"foreign_key\""));
  EXPECT_FALSE(Has(html, "data-label=\"date_interval\""));  // did not run
  EXPECT_TRUE(Has(html, "<td class=\"sev-error\">1 problem</td>"));
  EXPECT_TRUE(Has(html, "<td class=\"sev-warning\">1 warning</td>"));
  EXPECT_TRUE(Has(html, "<td>Not run: no entity has a date shift</td>"));
  EXPECT_TRUE(Has(html, ">1 problem</text>"));
  EXPECT_TRUE(Has(html, "<rect class=\"bar before\" data-label=\"people.surname\""));
  EXPECT_TRUE(Has(html, "<title>people.surname: 20 distinct values after</title>"));
}

TEST(VerificationHtmlReport, ExplainsWhatTheChecksProveAndTheLeakSearch) {
  const std::string html = VerificationHtml(PassedReport());
  EXPECT_TRUE(Has(html, "<h2>What these checks prove and what they do not</h2>"));
  EXPECT_TRUE(Has(html, "<th>Original values searched for</th><td>250 distinct values</td>"));
  EXPECT_TRUE(Has(html, "<th>Original values not searched for</th><td>none</td>"));
  EXPECT_TRUE(Has(html, "k-anonymity"));
}

}  // namespace
}  // namespace veil
