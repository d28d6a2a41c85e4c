#include "cli/verification_output.h"

#include <cstdio>

#include "cli/atomic_file.h"
#include "cli/shared_options.h"

namespace veil {

void PrintVerificationText(const VerificationReport& report, std::FILE* out) {
  const std::string text = VerificationText(report);
  std::fwrite(text.data(), 1, text.size(), out);
}

bool IsReportPath(const std::string& path) {
  return ReportFormatOf(path).has_value();
}

Status WriteVerificationReport(const VerificationReport& report, const std::string& path,
                               PublishGate& gate) {
  const auto format = ReportFormatOf(path);
  const std::string text = format == ReportFormat::kJson   ? VerificationJson(report)
                           : format == ReportFormat::kHtml ? VerificationHtml(report)
                                                           : VerificationMarkdown(report);
  return WriteFileAtomically(path, text, "the report", gate);
}

}  // namespace veil
