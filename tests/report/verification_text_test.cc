// VerificationText(): the plain-text summary `veil verify` prints — the verdict, the
// provenance, each finding with its place and rows, each check's result.
#include <gtest/gtest.h>

#include <string>

#include "report/report_fixtures.h"
#include "veil/verify.h"

namespace veil {
namespace {

using testing::FailedReport;
using testing::PassedReport;

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(VerificationTextReport, StartsWithTheVerdictAndTheTwoSides) {
  const VerificationReport report = FailedReport();
  const std::string text = VerificationText(report);
  EXPECT_TRUE(text.starts_with("veil verify: FAILED")) << text;
  EXPECT_TRUE(Has(
      text, "\n  original:   " + report.original + "\n  anonymised: " + report.anonymised + "\n"))
      << text;
  EXPECT_TRUE(VerificationText(PassedReport()).starts_with("veil verify: PASSED"));
}

TEST(VerificationTextReport, AFindingNamesItsCheckPlaceAndRows) {
  const std::string text = VerificationText(FailedReport());
  EXPECT_TRUE(Has(text,
                  "  error   leak          <script>alert(1)</script>.notes|x  rows 4, 9\n"
                  "          An original surname appears in this column.\n"))
      << text;
  // A table-level finding lists no column and no rows.
  EXPECT_TRUE(Has(text,
                  "  warning foreign_key   placements  \n"
                  "          One placement points to no child.\n"))
      << text;
  EXPECT_TRUE(Has(text, "people.surname  rows (first 20 of 57) 3, 6,")) << text;
}

TEST(VerificationTextReport, EndsWithTheChecksAndTheProvenance) {
  const VerificationReport report = FailedReport();
  const std::string text = VerificationText(report);
  EXPECT_TRUE(Has(text, "\nchecks:\n  unchanged     1 finding(s)  4 columns in 2 tables\n"))
      << text;
  EXPECT_TRUE(Has(text, "  policy sha256: " + report.policy_digest + "\n")) << text;
  EXPECT_TRUE(Has(text, "  secret fingerprint: " + report.secret_note + "\n")) << text;
  EXPECT_TRUE(text.ends_with(" s\n")) << text;
}

}  // namespace
}  // namespace veil
