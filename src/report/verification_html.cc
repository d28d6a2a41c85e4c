// VerificationHtml(): the report for a data-protection officer as one self-contained
// HTML page: inline CSS (html_style.h) and inline SVG charts (html_svg_charts.h), no
// scripts, nothing fetched from anywhere. Sections, in order: title and verdict banner,
// provenance, what was checked, findings, tables, the leak search, and what the checks
// prove and do not prove. Every string from the report goes through HtmlEscape; the
// wording comes from report_text.h and check_limits.h, shared with the Markdown report.
#include <string>
#include <vector>

#include "report/check_limits.h"
#include "report/html_style.h"
#include "report/html_svg_charts.h"
#include "report/report_escape.h"
#include "report/report_text.h"
#include "veil/verify.h"

namespace veil {

namespace {

using report::HtmlEscape;

// "<tag>escaped text</tag>", with an optional class.
std::string Element(const std::string& tag, const std::string& text,
                    const std::string& css_class = "") {
  const std::string open = css_class.empty() ? tag : tag + " class=\"" + css_class + "\"";
  return "<" + open + ">" + HtmlEscape(text) + "</" + tag + ">";
}

std::string HeaderRow(const std::vector<std::string>& cells) {
  std::string out = "<thead><tr>";
  for (const std::string& cell : cells) out += Element("th", cell);
  return out + "</tr></thead>\n";
}

std::string VerdictClass(report::Verdict verdict) {
  switch (verdict) {
    case report::Verdict::kPassed:
      return "verdict pass";
    case report::Verdict::kPassedWithWarnings:
      return "verdict warn";
    case report::Verdict::kFailed:
      break;
  }
  return "verdict fail";
}

std::string Head(const VerificationReport& r) {
  return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>Verification report: " +
         HtmlEscape(report::VerdictWord(report::VerdictOf(r))) + "</title>\n<style>" +
         report::ReportCss() + "</style>\n</head>\n";
}

std::string Title(const VerificationReport& r) {
  return "<h1>Verification of an anonymised copy</h1>\n<p class=\"" +
         VerdictClass(report::VerdictOf(r)) + "\" role=\"status\">" +
         HtmlEscape(report::VerdictLine(r)) + "</p>\n";
}

std::string Provenance(const VerificationReport& r) {
  std::string out = "<section>\n<h2>About this check</h2>\n<table class=\"facts\">\n<tbody>\n";
  for (const auto& [label, value] : report::ProvenanceFacts(r)) {
    out += "<tr>" + Element("th", label) + Element("td", value, "mono") + "</tr>\n";
  }
  return out + "</tbody>\n</table>\n</section>\n";
}

// Problems in red, warnings in amber; a pass or a check that did not run unmarked.
std::string ResultClass(const CheckOutcome& c) {
  if (!c.ran) return "";
  if (c.errors > 0) return "sev-error";
  return c.warnings > 0 ? "sev-warning" : "";
}

std::string Checks(const VerificationReport& r) {
  std::string out = "<section>\n<h2>What was checked</h2>\n";
  if (r.checks.empty()) return out + "<p>No checks were recorded.</p>\n</section>\n";
  out += "<table class=\"checks\">\n" +
         HeaderRow({"Check", "What it checks", "What it looked at", "Result"}) + "<tbody>\n";
  for (const CheckOutcome& c : r.checks) {
    out += "<tr>" + Element("td", report::CheckTitle(c.check)) + Element("td", c.description) +
           Element("td", c.ran ? c.coverage : "-") +
           Element("td", report::CheckResult(c), ResultClass(c)) + "</tr>\n";
  }
  out += "</tbody>\n</table>\n" + report::FindingsPerCheckChart(r);
  return out + "</section>\n";
}

std::string RowsCell(const Finding& f) {
  if (f.rows.empty()) return "<td>none listed</td>";
  return "<td>" + HtmlEscape(report::RowsLabel(f)) + ": " +
         Element("span", report::RowNumbers(f), "mono") + "</td>";
}

std::string FindingRow(size_t number, const Finding& f) {
  const bool error = f.severity == Severity::kError;
  return "<tr>" + Element("td", std::to_string(number), "num") +
         Element("td", report::SeverityLabel(f.severity), error ? "sev-error" : "sev-warning") +
         Element("td", report::CheckTitle(f.check)) + Element("td", report::FindingPlace(f)) +
         Element("td", report::AffectedText(f), "num") + RowsCell(f) + Element("td", f.detail) +
         "</tr>\n";
}

std::string Findings(const VerificationReport& r) {
  std::string out = "<section>\n<h2>Findings</h2>\n";
  if (r.findings.empty()) return out + "<p>No problems were found.</p>\n</section>\n";
  out +=
      "<p>Row numbers count the data rows of the table in the copy, starting at 1.</p>\n"
      "<table class=\"findings\">\n" +
      HeaderRow({"#", "Severity", "Check", "Where", "Affected", "Row numbers", "What was found"}) +
      "<tbody>\n";
  for (size_t i = 0; i < r.findings.size(); ++i) out += FindingRow(i + 1, r.findings[i]);
  return out + "</tbody>\n</table>\n</section>\n";
}

std::string ColumnRow(const ColumnStatistics& c) {
  const bool over = report::OverThreshold(c);
  return std::string(over ? "<tr class=\"over\">" : "<tr>") + Element("td", c.name, "mono") +
         Element("td", c.rule) + Element("td", report::DistinctText(c.distinct_before), "num") +
         Element("td", report::DistinctText(c.distinct_after), "num") +
         Element("td", report::UnchangedText(c), "num") + Element("td", report::ThresholdText(c)) +
         (over ? Element("td", "Over the limit", "mark") : "<td></td>") + "</tr>\n";
}

std::string OneTable(const TableStatistics& t) {
  std::string out = "<h3>Table " + Element("span", t.name, "mono") + "</h3>\n";
  out += Element("p", "Action: " + report::ActionText(t.action) +
                          ". Rows: " + report::TableRowsText(t) + ".") +
         "\n";
  if (t.columns.empty()) return out;
  out += "<table class=\"columns\">\n" +
         HeaderRow({"Column", "Rule", "Distinct values before", "Distinct values after",
                    "Left unchanged", "Allowed", "Over the limit?"}) +
         "<tbody>\n";
  for (const ColumnStatistics& c : t.columns) out += ColumnRow(c);
  return out + "</tbody>\n</table>\n";
}

std::string Tables(const VerificationReport& r) {
  std::string out = "<section>\n<h2>Tables</h2>\n";
  if (r.tables.empty()) return out + "<p>No tables were recorded.</p>\n</section>\n";
  out +=
      "<p>\"Left unchanged\" is the share of non-empty original values that are the same in "
      "the copy. \"Allowed\" is the most the policy accepts.</p>\n";
  out += report::UnchangedShareChart(r) + report::DistinctValuesChart(r);
  for (const TableStatistics& t : r.tables) out += OneTable(t);
  return out + "</section>\n";
}

std::string Leak(const VerificationReport& r) {
  std::string out = "<section>\n<h2>Leak search</h2>\n<table class=\"facts\">\n<tbody>\n";
  for (const auto& [label, value] : report::LeakFacts(r)) {
    out += "<tr>" + Element("th", label) + Element("td", value) + "</tr>\n";
  }
  return out + "</tbody>\n</table>\n</section>\n";
}

std::string Points(const std::vector<report::LimitPoint>& points) {
  std::string out = "<ul>\n";
  for (const report::LimitPoint& p : points) {
    out += "<li>" + Element("strong", p.lead) + " " + HtmlEscape(p.text) + "</li>\n";
  }
  return out + "</ul>\n";
}

std::string Limits() {
  const report::CheckLimits& l = report::VerificationLimits();
  return "<section>\n" + Element("h2", l.heading) + "\n" + Element("p", l.intro) + "\n" +
         Element("p", l.proves_heading) + "\n" + Points(l.proves) +
         Element("p", l.does_not_prove_heading) + "\n" + Points(l.does_not_prove) +
         Element("p", l.closing) + "\n</section>\n";
}

std::string Footer(const VerificationReport& r) {
  return "<footer>" +
         HtmlEscape("Made by veil " + r.veil_version +
                    ". This page is self-contained: it runs no scripts and loads nothing.") +
         "</footer>\n";
}

}  // namespace

std::string VerificationHtml(const VerificationReport& report) {
  return Head(report) + "<body>\n<main>\n" + Title(report) + Provenance(report) + Checks(report) +
         Findings(report) + Tables(report) + Leak(report) + Limits() + Footer(report) +
         "</main>\n</body>\n</html>\n";
}

}  // namespace veil
