// VerificationMarkdown(): the report for a data-protection officer, as GitHub-flavoured
// Markdown. Sections, in order: title and verdict, provenance, what was checked,
// findings, tables, the leak search, and what the checks prove and do not prove. Every
// string from the report goes through MarkdownEscape; the wording comes from
// report_text.h and check_limits.h, shared with the HTML report.
#include <string>

#include "report/check_limits.h"
#include "report/report_escape.h"
#include "report/report_text.h"
#include "veil/verify.h"

namespace veil {

namespace {

using report::MarkdownEscape;

// One table row: "| a | b |" with every cell escaped.
std::string Row(const std::vector<std::string>& cells) {
  std::string line = "|";
  for (const std::string& cell : cells) line += " " + MarkdownEscape(cell) + " |";
  return line + "\n";
}

std::string Header(const std::vector<std::string>& cells) {
  std::string rule = "|";
  for (size_t i = 0; i < cells.size(); ++i) rule += " --- |";
  return Row(cells) + rule + "\n";
}

std::string Title(const VerificationReport& r) {
  return "# Verification of an anonymised copy\n\n**" + MarkdownEscape(report::VerdictLine(r)) +
         "**\n\n";
}

std::string Provenance(const VerificationReport& r) {
  std::string out = "## About this check\n\n" + Header({"Item", "Details"});
  for (const auto& [label, value] : report::ProvenanceFacts(r)) out += Row({label, value});
  return out + "\n";
}

std::string Checks(const VerificationReport& r) {
  std::string out = "## What was checked\n\n";
  if (r.checks.empty()) return out + "No checks were recorded.\n\n";
  out += Header({"Check", "What it checks", "What it looked at", "Result"});
  for (const CheckOutcome& c : r.checks) {
    out += Row({report::CheckTitle(c.check), c.description, c.ran ? c.coverage : "-",
                report::CheckResult(c)});
  }
  return out + "\n";
}

std::string OneFinding(size_t number, const Finding& f) {
  std::string out = std::to_string(number) + ". **" + report::SeverityLabel(f.severity) +
                    "** from the " + MarkdownEscape(report::CheckTitle(f.check)) + " check, in " +
                    MarkdownEscape(report::FindingPlace(f)) + "\n";
  out += "   - Affected: " + report::AffectedText(f) + "\n";
  if (!f.rows.empty()) {
    out += "   - " + report::RowsLabel(f) + ": " + report::RowNumbers(f) + "\n";
  }
  if (!f.detail.empty()) out += "   - What was found: " + MarkdownEscape(f.detail) + "\n";
  return out;
}

std::string Findings(const VerificationReport& r) {
  std::string out = "## Findings\n\n";
  if (r.findings.empty()) return out + "No problems were found.\n\n";
  out += "Row numbers count the data rows of the table in the copy, starting at 1.\n\n";
  for (size_t i = 0; i < r.findings.size(); ++i) out += OneFinding(i + 1, r.findings[i]);
  return out + "\n";
}

std::vector<std::string> ColumnCells(const ColumnStatistics& c) {
  return {c.name,
          c.rule,
          report::DistinctText(c.distinct_before),
          report::DistinctText(c.distinct_after),
          report::UnchangedText(c),
          report::ThresholdText(c),
          report::OverThreshold(c) ? "OVER LIMIT" : ""};
}

std::string OneTable(const TableStatistics& t) {
  std::string out = "### Table " + MarkdownEscape(t.name) + "\n\n";
  out += MarkdownEscape("Action: " + report::ActionText(t.action) +
                        ". Rows: " + report::TableRowsText(t) + ".") +
         "\n\n";
  if (t.columns.empty()) return out;
  out += Header({"Column", "Rule", "Distinct values before", "Distinct values after",
                 "Left unchanged", "Allowed", "Over the limit?"});
  for (const ColumnStatistics& c : t.columns) out += Row(ColumnCells(c));
  return out + "\n";
}

std::string Tables(const VerificationReport& r) {
  std::string out = "## Tables\n\n";
  if (r.tables.empty()) return out + "No tables were recorded.\n\n";
  out +=
      "\"Left unchanged\" is the share of non-empty original values that are the same in the "
      "copy. \"Allowed\" is the most the policy accepts.\n\n";
  for (const TableStatistics& t : r.tables) out += OneTable(t);
  return out;
}

std::string Leak(const VerificationReport& r) {
  std::string out = "## Leak search\n\n";
  for (const auto& [label, value] : report::LeakFacts(r)) {
    out += "- " + MarkdownEscape(label) + ": " + MarkdownEscape(value) + "\n";
  }
  return out + "\n";
}

std::string Points(const std::vector<report::LimitPoint>& points) {
  std::string out;
  for (const report::LimitPoint& p : points) {
    out += "- **" + MarkdownEscape(p.lead) + "** " + MarkdownEscape(p.text) + "\n";
  }
  return out;
}

std::string Limits() {
  const report::CheckLimits& l = report::VerificationLimits();
  return "## " + MarkdownEscape(l.heading) + "\n\n" + MarkdownEscape(l.intro) + "\n\n" +
         MarkdownEscape(l.proves_heading) + "\n\n" + Points(l.proves) + "\n" +
         MarkdownEscape(l.does_not_prove_heading) + "\n\n" + Points(l.does_not_prove) + "\n" +
         MarkdownEscape(l.closing) + "\n";
}

}  // namespace

std::string VerificationMarkdown(const VerificationReport& report) {
  return Title(report) + Provenance(report) + Checks(report) + Findings(report) + Tables(report) +
         Leak(report) + Limits();
}

}  // namespace veil
