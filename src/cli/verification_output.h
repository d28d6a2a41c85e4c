// How the command line shows a verification: a short text summary for people, the JSON
// object for machines, and report files (Markdown, HTML or JSON by extension) written
// aside and renamed into place. Nothing shown ever contains a data value: the report
// holds none.
#pragma once

#include <cstdio>
#include <string>

#include "veil/publish_gate.h"
#include "veil/status.h"
#include "veil/verify.h"

namespace veil {

// Prints VerificationText(report) to `out`: the verdict, each finding (check, place, rows,
// detail) and each check's result.
void PrintVerificationText(const VerificationReport& report, std::FILE* out);

// Whether `path` names a report format veil writes (.md, .markdown, .html, .htm, .json).
bool IsReportPath(const std::string& path);

// Writes the report to `path` in the format its extension names, atomically.
Status WriteVerificationReport(const VerificationReport& report, const std::string& path,
                               PublishGate& gate);

}  // namespace veil
