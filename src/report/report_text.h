// The wording and number formatting shared by the Markdown and HTML verification
// reports, so that both say exactly the same thing in the same words.
//
// Every function returns plain, unescaped text for a data-protection officer (short
// sentences, no jargon): callers escape it for their format (see report_escape.h). No
// function here ever sees or returns a cell's value: a VerificationReport has none.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "veil/verify.h"

namespace veil::report {

enum class Verdict { kPassed, kPassedWithWarnings, kFailed };

// kFailed when !report.passed; else kPassedWithWarnings when any finding is a warning.
Verdict VerdictOf(const VerificationReport& report);
// "PASSED", "PASSED WITH WARNINGS" or "FAILED".
std::string VerdictWord(Verdict verdict);
// The one-line verdict, e.g. "FAILED: 3 problems must be fixed before this copy is shared".
std::string VerdictLine(const VerificationReport& report);

// 1234567 -> "1,234,567" (negative numbers keep their sign).
std::string FormatCount(int64_t n);
// A share in 0..1 as a percentage with at most two decimals: 0.125 -> "12.5%", 0 -> "0%",
// a non-zero share under 0.01% -> "under 0.01%", a share just under 1 -> "over 99.99%".
std::string FormatPercent(double share);
// 0.42 -> "0.4 seconds", 75 -> "1 minute 15 seconds", 3725 -> "1 hour 2 minutes".
std::string FormatDuration(double seconds);
// "1 problem", "2 problems": count followed by the singular or plural noun.
std::string Plural(int64_t n, const std::string& singular, const std::string& plural);

// "Error" or "Warning".
std::string SeverityLabel(Severity severity);
// A check's identifier for people: "foreign_key" -> "Foreign key".
std::string CheckTitle(const std::string& check);
// The result column of "What was checked": "Passed", "2 problems", "1 problem and
// 1 warning", "1 warning", or "Not run: " + coverage (which then says why).
std::string CheckResult(const CheckOutcome& outcome);

// The row numbers of a finding, e.g. "4, 9, 12"; "" when it lists none.
std::string RowNumbers(const Finding& finding);
// How the row numbers are introduced: "Rows" when the list is complete, "First 20 of 57
// rows" when the finding affects more rows than it lists, "" when it lists none.
std::string RowsLabel(const Finding& finding);
// "57 rows or values" style figure: the finding's count, with thousands separators.
std::string AffectedText(const Finding& finding);
// Where a finding is: "table people, column surname" or "table people (whole table)".
std::string FindingPlace(const Finding& finding);

// What happened to a table, in words: "anonymised column by column", "copied
// unchanged", "emptied (kept with no rows)", "left out of the copy", or the raw action.
std::string ActionText(const std::string& action);
// "1,200 rows before, 1,198 after" or "1,200 rows before, not in the copy".
std::string TableRowsText(const TableStatistics& table);
// A distinct-value count, or "not counted" for -1.
std::string DistinctText(int64_t distinct);

// unchanged / compared, or 0 when nothing was compared.
double UnchangedShare(const ColumnStatistics& column);
// True when the column was checked (threshold < 1), values were compared and the share
// left unchanged is above the threshold.
bool OverThreshold(const ColumnStatistics& column);
// "12.5% (150 of 1,200)" or "nothing compared".
std::string UnchangedText(const ColumnStatistics& column);
// "at most 5%", "none" (threshold 0 or less) or "not checked" (threshold 1 or more).
std::string ThresholdText(const ColumnStatistics& column);
// True for a column whose rule changes values (anything but keep and drop).
bool IsTransformed(const ColumnStatistics& column);

// The report's provenance as (label, value) pairs, in display order.
std::vector<std::pair<std::string, std::string>> ProvenanceFacts(const VerificationReport& report);
// The leak search's figures as (label, value) pairs.
std::vector<std::pair<std::string, std::string>> LeakFacts(const VerificationReport& report);

}  // namespace veil::report
