// The HTML report as a browser shows it: rendered by Debian's headless chromium, the
// text a reader sees has the verdict, the tables, the findings' row numbers and the
// closing section, and names with markup in them appear as text, never as elements.
// Fails (never skips) when chromium is missing: CI installs it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "report/report_fixtures.h"
#include "support/chromium.h"
#include "veil/verify.h"

namespace veil {
namespace {

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

size_t Count(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

class HtmlReportChromium : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("veil-report-chromium-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  // Writes the report's HTML and returns what chromium rendered from it.
  testing::RenderedPage Render(const VerificationReport& report) {
    const std::filesystem::path path = dir_ / "report.html";
    std::ofstream(path, std::ios::binary) << VerificationHtml(report);
    Result<testing::RenderedPage> page = testing::RenderPage(path.string());
    EXPECT_TRUE(page.ok()) << page.status().message();
    return page.ok() ? std::move(page).value() : testing::RenderedPage{};
  }

  std::filesystem::path dir_;
};

TEST_F(HtmlReportChromium, ShowsVerdictTablesRowsAndLimitsOfAFailedReport) {
  const testing::RenderedPage page = Render(testing::FailedReport());
  const std::string& text = page.text;
  EXPECT_TRUE(Has(text, "FAILED: 2 problems must be fixed before this copy is shared")) << text;
  EXPECT_TRUE(Has(text, "Table people"));
  EXPECT_TRUE(Has(text,
                  "Rows (first 20 of 57): 3, 6, 9, 12, 15, 18, 21, 24, 27, 30, 33, 36, 39, "
                  "42, 45, 48, 51, 54, 57, 60"));
  EXPECT_TRUE(Has(text, "What these checks prove and what they do not"));
  EXPECT_TRUE(Has(text, "Over the limit"));
}

TEST_F(HtmlReportChromium, ShowsMarkupInNamesAsTextNotAsElements) {
  const testing::RenderedPage page = Render(testing::FailedReport());
  // The table called <script>alert(1)</script> is shown literally...
  EXPECT_TRUE(Has(page.text, "Table " + testing::kScriptTable)) << page.text;
  // ...and never became an element: the only script in the DOM is the test's own.
  EXPECT_FALSE(Has(page.dom, "<script>alert")) << page.dom;
  EXPECT_EQ(Count(page.dom, "<script"), 1u) << page.dom;
}

TEST_F(HtmlReportChromium, ShowsThePassedVerdict) {
  const testing::RenderedPage page = Render(testing::PassedReport());
  EXPECT_TRUE(Has(page.text, "PASSED: no problems found")) << page.text;
  EXPECT_TRUE(Has(page.text, "No problems were found."));
}

TEST(HtmlReportChromiumSupport, DecodesTheReferencesChromiumWrites) {
  EXPECT_EQ(testing::chromium_detail::DecodeReferences("&lt;b&gt; &amp;lt; &quot;x&quot; &#39;"),
            "<b> &lt; \"x\" '");
}

TEST(HtmlReportChromiumSupport, FailsWhenThePageIsMissing) {
  EXPECT_FALSE(testing::RenderedText("/nonexistent/veil-report.html").ok());
}

}  // namespace
}  // namespace veil
