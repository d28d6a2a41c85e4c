// Inline SVG charts for the HTML verification report.
//
// Each function returns one <figure> holding an <svg role="img"> with a <title> and a
// <desc>, a <figcaption>, and, for every bar, a <title> that states its figures and a
// visible <text> label, so the charts can be read by screen readers and in print. When
// there is nothing to draw the figure holds a short sentence instead of an <svg>. All
// text from the report is HTML-escaped; nothing refers to anything outside the page.
// Every bar is a <rect> with a class ("bar ...") and a data-label attribute naming what
// it measures ("table.column" or the check), so tests can find them.
#pragma once

#include <string>

#include "veil/verify.h"

namespace veil::report {

// (a) One horizontal bar per transformed column that had values compared (rule other
// than keep and drop): the share left unchanged, 0-100%, with a mark at the column's
// allowed share and the bar drawn as "over" when above it.
std::string UnchangedShareChart(const VerificationReport& report);

// (b) One bar per check (the checks in order, then any check named only by findings):
// its errors and warnings, stacked.
std::string FindingsPerCheckChart(const VerificationReport& report);

// (c) For each transformed column whose distinct values were counted on both sides, two
// bars: distinct values before and after, scaled to the larger of the two.
std::string DistinctValuesChart(const VerificationReport& report);

}  // namespace veil::report
