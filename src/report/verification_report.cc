// VerificationReport's finding counts by severity.
#include <algorithm>

#include "veil/verify.h"

namespace veil {

namespace {

int CountSeverity(const std::vector<Finding>& findings, Severity severity) {
  return int(std::count_if(findings.begin(), findings.end(),
                           [severity](const Finding& f) { return f.severity == severity; }));
}

}  // namespace

int VerificationReport::errors() const {
  return CountSeverity(findings, Severity::kError);
}

int VerificationReport::warnings() const {
  return CountSeverity(findings, Severity::kWarning);
}

}  // namespace veil
