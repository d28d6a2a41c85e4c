#include "report/report_text.h"
#include "policy/rule_kinds.h"

#include <fmt/format.h>

#include <cmath>

namespace veil::report {

Verdict VerdictOf(const VerificationReport& report) {
  if (report.errors() > 0) return Verdict::kFailed;
  return report.warnings() > 0 ? Verdict::kPassedWithWarnings : Verdict::kPassed;
}

std::string VerdictWord(Verdict verdict) {
  switch (verdict) {
    case Verdict::kPassed:
      return "PASSED";
    case Verdict::kPassedWithWarnings:
      return "WARNINGS TO REVIEW";
    case Verdict::kFailed:
      return "FAILED";
  }
  return "FAILED";
}

namespace {

std::string FailedLine(int errors, int warnings) {
  std::string line = "FAILED: ";
  if (errors == 0) {
    line += "the copy did not pass and must not be shared";
  } else {
    line += Plural(errors, "problem", "problems") + " must be fixed before this copy is shared";
  }
  if (warnings > 0) {
    line += "; " + Plural(warnings, "warning", "warnings") + " should also be reviewed";
  }
  return line;
}

}  // namespace

std::string VerdictLine(const VerificationReport& report) {
  switch (VerdictOf(report)) {
    case Verdict::kPassed:
      return "PASSED: no problems found";
    case Verdict::kPassedWithWarnings:
      return "WARNINGS TO REVIEW: nothing must be fixed, but " +
             Plural(report.warnings(), "warning", "warnings") +
             " should be reviewed before this copy is shared";
    case Verdict::kFailed:
      break;
  }
  return FailedLine(report.errors(), report.warnings());
}

std::string FormatCount(int64_t n) {
  const std::string digits = std::to_string(n < 0 ? -(n + 1) + 1ULL : uint64_t(n));
  std::string out = n < 0 ? "-" : "";
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string FormatPercent(double share) {
  if (!(share > 0)) return "0%";
  const double percent = share * 100;
  if (percent < 0.005) return "under 0.01%";
  std::string text = fmt::format("{:.2f}", percent);
  if (share < 1 && text == "100.00") return "over 99.99%";
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text + "%";
}

std::string FormatDuration(double seconds) {
  if (!(seconds >= 0.05)) return "under 0.1 seconds";
  if (seconds < 59.95) return fmt::format("{:.1f} seconds", seconds);
  const int64_t total = std::llround(seconds);
  const int64_t hours = total / 3600;
  const int64_t minutes = (total % 3600) / 60;
  if (hours > 0) {
    return Plural(hours, "hour", "hours") + " " + Plural(minutes, "minute", "minutes");
  }
  return Plural(minutes, "minute", "minutes") + " " + Plural(total % 60, "second", "seconds");
}

std::string Plural(int64_t n, const std::string& singular, const std::string& plural) {
  return FormatCount(n) + " " + (n == 1 ? singular : plural);
}

std::string SeverityLabel(Severity severity) {
  return severity == Severity::kError ? "Error" : "Warning";
}

std::string CheckTitle(const std::string& check) {
  if (check.empty()) return "(unnamed check)";
  if (check == "k_anonymity") return "k-anonymity";  // the model's own spelling
  std::string title = check;
  for (char& c : title) {
    if (c == '_') c = ' ';
  }
  if (title[0] >= 'a' && title[0] <= 'z') title[0] = char(title[0] - 'a' + 'A');
  return title;
}

std::string CheckResult(const CheckOutcome& outcome) {
  if (!outcome.ran) {
    return outcome.coverage.empty() ? "Not run" : "Not run: " + outcome.coverage;
  }
  const std::string problems = Plural(outcome.errors, "problem", "problems");
  const std::string warnings = Plural(outcome.warnings, "warning", "warnings");
  if (outcome.errors > 0 && outcome.warnings > 0) return problems + " and " + warnings;
  if (outcome.errors > 0) return problems;
  if (outcome.warnings > 0) return warnings;
  return "Passed";
}

std::string RowNumbers(const Finding& finding) {
  std::string out;
  for (const int64_t row : finding.rows) {
    if (!out.empty()) out += ", ";
    out += std::to_string(row);
  }
  return out;
}

std::string RowsLabel(const Finding& finding) {
  if (finding.rows.empty()) return "";
  const auto listed = int64_t(finding.rows.size());
  if (finding.count > listed) {
    return "Rows (first " + std::to_string(listed) + " of " + FormatCount(finding.count) + ")";
  }
  return "Rows";
}

std::string AffectedText(const Finding& finding) {
  return FormatCount(finding.count);
}

std::string FindingPlace(const Finding& finding) {
  if (finding.table.empty()) return "the whole copy";
  if (finding.column.empty()) return "table " + finding.table + " (whole table)";
  return "table " + finding.table + ", column " + finding.column;
}

std::string ActionText(const std::string& action) {
  if (action == "anonymised") return "anonymised column by column";
  if (action == "kept") return "copied unchanged";
  if (action == "deleted") return "emptied (kept with no rows)";
  if (action == "dropped") return "left out of the copy";
  return action;
}

std::string TableRowsText(const TableStatistics& table) {
  std::string text = Plural(table.rows_before, "row", "rows") + " before, ";
  if (table.rows_after < 0) return text + "not in the copy";
  return text + FormatCount(table.rows_after) + " after";
}

std::string DistinctText(int64_t distinct) {
  return distinct < 0 ? "not counted" : FormatCount(distinct);
}

double UnchangedShare(const ColumnStatistics& column) {
  if (column.compared <= 0) return 0;
  return double(column.unchanged) / double(column.compared);
}

bool OverThreshold(const ColumnStatistics& column) {
  return column.compared > 0 && column.unchanged_threshold < 1 &&
         UnchangedShare(column) > column.unchanged_threshold;
}

std::string UnchangedText(const ColumnStatistics& column) {
  if (column.compared <= 0) return "nothing compared";
  return FormatPercent(UnchangedShare(column)) + " (" + FormatCount(column.unchanged) + " of " +
         FormatCount(column.compared) + ")";
}

std::string ThresholdText(const ColumnStatistics& column) {
  if (column.unchanged_threshold >= 1) return "not checked";
  if (column.unchanged_threshold <= 0) return "none";
  return "at most " + FormatPercent(column.unchanged_threshold);
}

bool IsTransformed(const ColumnStatistics& column) {
  return !column.rule.empty() && column.rule != rule_kind::kKeep && column.rule != rule_kind::kDrop;
}

std::vector<std::pair<std::string, std::string>> ProvenanceFacts(const VerificationReport& report) {
  std::vector<std::pair<std::string, std::string>> facts = {
      {"Original", report.original},
      {"Anonymised copy", report.anonymised},
      {"Policy", report.policy_path},
      {"Policy SHA-256", report.policy_digest.empty() ? "not recorded" : report.policy_digest},
  };
  if (!report.secret_fingerprint.empty()) {
    facts.emplace_back("Secret fingerprint", report.secret_fingerprint);
  } else {
    facts.emplace_back("Secret", report.secret_note.empty() ? "not loaded" : report.secret_note);
  }
  facts.emplace_back("veil version", report.veil_version);
  facts.emplace_back("Checked at (UTC)", report.started_at);
  facts.emplace_back("Time taken", FormatDuration(report.seconds));
  return facts;
}

std::vector<std::pair<std::string, std::string>> LeakFacts(const VerificationReport& report) {
  std::string skipped = report.leak_values_skipped == 0
                            ? "none"
                            : Plural(report.leak_values_skipped, "value", "values");
  if (report.leak_values_skipped > 0 && !report.leak_skip_reason.empty()) {
    skipped += ": " + report.leak_skip_reason;
  }
  return {
      {"Original values searched for",
       Plural(report.leak_values_searched, "distinct value", "distinct values")},
      {"Original values not searched for", skipped},
  };
}

}  // namespace veil::report
