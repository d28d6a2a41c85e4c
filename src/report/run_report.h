// The report of a `veil anonymise` run (--report FILE.json): what was written, with
// which policy and key fingerprint, and for every table with a privacy section the
// generalisation chosen, the records suppressed, the metric and the class sizes. Holds
// names and figures only, never a data value or the secret.
#pragma once

#include <string>

#include "veil/anonymise.h"

namespace veil::report {

std::string RunReportJson(const RunSummary& summary);

}  // namespace veil::report
