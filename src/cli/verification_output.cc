#include "cli/verification_output.h"

#include <fmt/format.h>

#include <filesystem>

#include "cli/atomic_file.h"
#include "report/report_text.h"

namespace veil {
namespace {

std::string Extension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

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

void PrintVerificationText(const VerificationReport& r, std::FILE* out) {
  fmt::print(out, "veil verify: {}\n", report::VerdictLine(r));
  fmt::print(out, "  original:   {}\n  anonymised: {}\n", r.original, r.anonymised);
  for (const auto& f : r.findings) {
    fmt::print(out, "  {:<7} {:<13} {}  {}\n          {}\n",
               f.severity == Severity::kError ? "error" : "warning", f.check, Place(f), Rows(f),
               f.detail);
  }
  fmt::print(out, "checks:\n");
  for (const auto& c : r.checks) {
    std::string result = !c.ran ? "not run"
                         : c.errors + c.warnings > 0
                             ? fmt::format("{} finding(s)", c.errors + c.warnings)
                             : "passed";
    fmt::print(out, "  {:<13} {:<13} {}\n", c.check, result, c.coverage);
  }
  if (r.leak_values_skipped > 0) {
    fmt::print(out, "  leak search skipped {} weak values: {}\n", r.leak_values_skipped,
               r.leak_skip_reason);
  }
  fmt::print(out, "  policy sha256: {}\n  secret fingerprint: {}\n  took {:.2f} s\n",
             r.policy_digest, r.secret_fingerprint.empty() ? r.secret_note : r.secret_fingerprint,
             r.seconds);
}

bool IsReportPath(const std::string& path) {
  const std::string ext = Extension(path);
  return ext == ".md" || ext == ".markdown" || ext == ".html" || ext == ".htm" || ext == ".json";
}

Status WriteVerificationReport(const VerificationReport& report, const std::string& path,
                               PublishGate& gate) {
  const std::string ext = Extension(path);
  const std::string text = ext == ".json"                    ? VerificationJson(report)
                           : ext == ".html" || ext == ".htm" ? VerificationHtml(report)
                                                             : VerificationMarkdown(report);
  return WriteFileAtomically(path, text, "the report", gate);
}

}  // namespace veil
