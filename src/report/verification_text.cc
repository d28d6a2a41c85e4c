// VerificationText (veil/verify.h): the plain-text summary of a verification that
// `veil verify` prints, in the wording of report_text.h. Holds no data value: the report
// has none.
#include <fmt/format.h>

#include <iterator>

#include "report/report_text.h"
#include "veil/verify.h"

namespace veil {
namespace {

std::string Place(const Finding& f) {
  return f.column.empty() ? f.table : fmt::format("{}.{}", f.table, f.column);
}

// "rows 3, 9" or "rows (first 20 of 57) 3, 9, ...".
std::string Rows(const Finding& f) {
  const std::string label = report::RowsLabel(f);
  if (label.empty()) return "";
  std::string lower = label;
  lower[0] = 'r';
  return lower + " " + report::RowNumbers(f);
}

}  // namespace

std::string VerificationText(const VerificationReport& r) {
  std::string text;
  auto out = std::back_inserter(text);
  fmt::format_to(out, "veil verify: {}\n", report::VerdictLine(r));
  fmt::format_to(out, "  original:   {}\n  anonymised: {}\n", r.original, r.anonymised);
  for (const auto& f : r.findings) {
    fmt::format_to(out, "  {:<7} {:<13} {}  {}\n          {}\n",
                   f.severity == Severity::kError ? "error" : "warning", f.check, Place(f), Rows(f),
                   f.detail);
  }
  fmt::format_to(out, "checks:\n");
  for (const auto& c : r.checks) {
    std::string result = !c.ran ? "not run"
                         : c.errors + c.warnings > 0
                             ? fmt::format("{} finding(s)", c.errors + c.warnings)
                             : "passed";
    fmt::format_to(out, "  {:<13} {:<13} {}\n", c.check, result, c.coverage);
  }
  if (r.leak_values_skipped > 0) {
    fmt::format_to(out, "  leak search skipped {} weak values: {}\n", r.leak_values_skipped,
                   r.leak_skip_reason);
  }
  fmt::format_to(out, "  policy sha256: {}\n  secret fingerprint: {}\n  took {:.2f} s\n",
                 r.policy_digest,
                 r.secret_fingerprint.empty() ? r.secret_note : r.secret_fingerprint, r.seconds);
  return text;
}

}  // namespace veil
