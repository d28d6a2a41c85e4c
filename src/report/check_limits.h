// The closing section of the human-readable verification reports: what a passing
// `veil verify` shows, and what it cannot show, in plain language for a
// data-protection officer. The same text is used by the Markdown and HTML reports.
//
// The text is fixed (it describes the checks, not one run) and unescaped.
#pragma once

#include <string>
#include <vector>

namespace veil::report {

struct LimitPoint {
  std::string lead;  // a short phrase, shown in bold
  std::string text;  // one to three short sentences
};

struct CheckLimits {
  std::string heading;  // "What these checks prove and what they do not"
  std::string intro;
  std::string proves_heading;
  std::vector<LimitPoint> proves;
  std::string does_not_prove_heading;
  std::vector<LimitPoint> does_not_prove;
  std::string closing;
};

const CheckLimits& VerificationLimits();

}  // namespace veil::report
