#include "report/html_svg_charts.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "report/report_escape.h"
#include "report/report_text.h"

namespace veil::report {

namespace {

// Geometry shared by the charts, in SVG user units.
constexpr double kWidth = 760;
constexpr double kLabelWidth = 250;  // room for the label left of the bars
constexpr double kBarLeft = kLabelWidth + 10;
constexpr double kBarSpan = 360;  // the length of a full (100%) bar
constexpr double kTop = 26;       // room for the axis labels
constexpr size_t kMaxLabelChars = 34;

std::string Num(double value) {
  return fmt::format("{:.1f}", value);
}

// Shortens a label for display; the full text stays in the bar's <title>.
std::string ShortLabel(const std::string& label) {
  if (label.size() <= kMaxLabelChars) return label;
  size_t cut = kMaxLabelChars - 1;
  while (cut > 0 && (static_cast<unsigned char>(label[cut]) & 0xC0) == 0x80) --cut;
  return label.substr(0, cut) + "\xE2\x80\xA6";  // U+2026 ellipsis
}

std::string SvgOpen(const std::string& id, double height, const std::string& title,
                    const std::string& desc) {
  return fmt::format(
      "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" height=\"{1}\" "
      "aria-labelledby=\"{2}-title {2}-desc\">\n"
      "<title id=\"{2}-title\">{3}</title>\n<desc id=\"{2}-desc\">{4}</desc>\n",
      Num(kWidth), Num(height), id, HtmlEscape(title), HtmlEscape(desc));
}

// A <figure> whose caption starts with the chart's title, in bold.
std::string Figure(const std::string& body, const std::string& title, const std::string& caption) {
  return "<figure>\n" + body + "<figcaption><strong>" + HtmlEscape(title) + ".</strong> " +
         HtmlEscape(caption) + "</figcaption>\n</figure>\n";
}

std::string LabelText(double y, const std::string& label) {
  return fmt::format("<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n",
                     Num(kLabelWidth), Num(y), HtmlEscape(ShortLabel(label)));
}

std::string ValueText(double x, double y, const std::string& text) {
  return fmt::format("<text class=\"value\" x=\"{}\" y=\"{}\">{}</text>\n", Num(x), Num(y),
                     HtmlEscape(text));
}

std::string Bar(const std::string& css, const std::string& label, double x, double y, double width,
                double height, const std::string& tooltip) {
  return fmt::format(
      "<rect class=\"bar {}\" data-label=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" "
      "height=\"{}\"><title>{}</title></rect>\n",
      css, HtmlEscape(label), Num(x), Num(y), Num(width), Num(height), HtmlEscape(tooltip));
}

// Width of a bar for `value` out of `max`, at least 1 unit when the value is not zero.
double BarWidth(double value, double max) {
  if (!(value > 0) || !(max > 0)) return 0;
  return std::max(1.0, std::min(1.0, value / max) * kBarSpan);
}

// Vertical grid lines and labels at 0, 25, 50, 75 and 100% of the bar span.
std::string PercentAxis(double bottom) {
  std::string out;
  for (int i = 0; i <= 4; ++i) {
    const double x = kBarLeft + kBarSpan * i / 4;
    out += fmt::format(
        "<line class=\"grid\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/>\n"
        "<text class=\"axis\" x=\"{0}\" y=\"{3}\" text-anchor=\"middle\">{4}%</text>\n",
        Num(x), Num(kTop - 6), Num(bottom), Num(kTop - 10), i * 25);
  }
  return out;
}

struct ColumnRef {
  const TableStatistics* table;
  const ColumnStatistics* column;
  std::string Label() const { return table->name + "." + column->name; }
};

std::vector<ColumnRef> ComparedTransformedColumns(const VerificationReport& report) {
  std::vector<ColumnRef> out;
  for (const TableStatistics& t : report.tables) {
    for (const ColumnStatistics& c : t.columns) {
      if (IsTransformed(c) && c.compared > 0) out.push_back({&t, &c});
    }
  }
  return out;
}

std::string UnchangedRow(const ColumnRef& ref, double y) {
  const ColumnStatistics& c = *ref.column;
  const double share = UnchangedShare(c);
  const bool over = OverThreshold(c);
  std::string tip = ref.Label() + ": " + UnchangedText(c) +
                    " left unchanged; allowed: " + ThresholdText(c) +
                    (over ? ". Over the limit." : ".");
  std::string out = LabelText(y + 11, ref.Label());
  out += Bar(over ? "over" : "ok", ref.Label(), kBarLeft, y, BarWidth(share, 1), 14, tip);
  if (c.unchanged_threshold < 1) {
    const double x = kBarLeft + std::max(0.0, c.unchanged_threshold) * kBarSpan;
    out += fmt::format(
        "<line class=\"limit\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"><title>{3}</title>"
        "</line>\n",
        Num(x), Num(y - 3), Num(y + 17), HtmlEscape(ref.Label() + ": allowed " + ThresholdText(c)));
  }
  std::string value = FormatPercent(share) + (over ? " (over the limit)" : "");
  return out + ValueText(kBarLeft + kBarSpan + 8, y + 11, value);
}

}  // namespace

std::string UnchangedShareChart(const VerificationReport& report) {
  const std::string title = "Values left unchanged per column";
  const std::string caption =
      "Share of each transformed column's values left unchanged. The black mark is the "
      "most the policy allows; red bars are over it.";
  const std::vector<ColumnRef> columns = ComparedTransformedColumns(report);
  if (columns.empty()) {
    return Figure("<p>No transformed column had values to compare.</p>\n", title, caption);
  }
  const double height = kTop + 24.0 * columns.size() + 6;
  std::string svg = SvgOpen("chart-unchanged", height, title,
                            "One bar per transformed column: the percentage of its values "
                            "that are the same in the copy as in the original.");
  svg += PercentAxis(height - 4);
  for (size_t i = 0; i < columns.size(); ++i) svg += UnchangedRow(columns[i], kTop + 24.0 * i);
  return Figure(svg + "</svg>\n", title, caption);
}

namespace {

struct CheckCount {
  std::string check;
  int64_t errors = 0;
  int64_t warnings = 0;
};

std::vector<CheckCount> CountPerCheck(const VerificationReport& report) {
  std::vector<CheckCount> out;
  for (const CheckOutcome& c : report.checks) {
    if (c.ran) out.push_back({c.check, 0, 0});
  }
  for (const Finding& f : report.findings) {
    auto it = std::find_if(out.begin(), out.end(),
                           [&f](const CheckCount& c) { return c.check == f.check; });
    if (it == out.end()) {
      out.push_back(CheckCount{f.check, 0, 0});
      it = out.end() - 1;
    }
    (f.severity == Severity::kError ? it->errors : it->warnings) += 1;
  }
  return out;
}

std::string CheckCountText(const CheckCount& c) {
  if (c.errors == 0 && c.warnings == 0) return "none";
  std::string text;
  if (c.errors > 0) text = Plural(c.errors, "problem", "problems");
  if (c.errors > 0 && c.warnings > 0) text += ", ";
  if (c.warnings > 0) text += Plural(c.warnings, "warning", "warnings");
  return text;
}

std::string CheckRow(const CheckCount& c, double max, double y) {
  const std::string title = CheckTitle(c.check);
  const std::string tip = title + ": " + CheckCountText(c);
  const double error_width = BarWidth(double(c.errors), max);
  const double warning_width = BarWidth(double(c.warnings), max);
  std::string out = LabelText(y + 11, title);
  out += Bar("error", c.check, kBarLeft, y, error_width, 14, tip);
  out += Bar("warning", c.check, kBarLeft + error_width, y, warning_width, 14, tip);
  return out + ValueText(kBarLeft + error_width + warning_width + 8, y + 11, CheckCountText(c));
}

}  // namespace

std::string FindingsPerCheckChart(const VerificationReport& report) {
  const std::string title = "Findings per check";
  const std::string caption =
      "Findings raised by each check that ran: problems (red) must be fixed, warnings "
      "(amber) should be reviewed.";
  const std::vector<CheckCount> counts = CountPerCheck(report);
  if (counts.empty()) return Figure("<p>No check ran.</p>\n", title, caption);
  int64_t max = 1;
  for (const CheckCount& c : counts) max = std::max(max, c.errors + c.warnings);
  const double height = kTop + 24.0 * counts.size() + 6;
  std::string svg = SvgOpen("chart-findings", height, title,
                            "One bar per check: how many problems and warnings it raised.");
  for (size_t i = 0; i < counts.size(); ++i) {
    svg += CheckRow(counts[i], double(max), kTop + 24.0 * i);
  }
  return Figure(svg + "</svg>\n", title, caption);
}

namespace {

std::string DistinctRow(const ColumnRef& ref, double y) {
  const ColumnStatistics& c = *ref.column;
  const double max = double(std::max<int64_t>({c.distinct_before, c.distinct_after, 1}));
  const std::string before = FormatCount(c.distinct_before);
  const std::string after = FormatCount(c.distinct_after);
  const double before_width = BarWidth(double(c.distinct_before), max);
  const double after_width = BarWidth(double(c.distinct_after), max);
  std::string out = LabelText(y + 15, ref.Label());
  out += Bar("before", ref.Label(), kBarLeft, y, before_width, 11,
             ref.Label() + ": " + before + " distinct values before");
  out += ValueText(kBarLeft + before_width + 8, y + 9, before + " before");
  out += Bar("after", ref.Label(), kBarLeft, y + 13, after_width, 11,
             ref.Label() + ": " + after + " distinct values after");
  return out + ValueText(kBarLeft + after_width + 8, y + 22, after + " after");
}

}  // namespace

std::string DistinctValuesChart(const VerificationReport& report) {
  const std::string title = "Distinct values before and after";
  const std::string caption =
      "Distinct values in each transformed column before (light) and after (dark) "
      "anonymisation. Each pair is scaled to its own larger figure.";
  std::vector<ColumnRef> columns;
  for (const ColumnRef& ref : ComparedTransformedColumns(report)) {
    if (ref.column->distinct_before >= 0 && ref.column->distinct_after >= 0) {
      columns.push_back(ref);
    }
  }
  if (columns.empty()) {
    return Figure("<p>No transformed column had its distinct values counted.</p>\n", title,
                  caption);
  }
  const double height = 10 + 34.0 * columns.size();
  std::string svg = SvgOpen("chart-distinct", height, title,
                            "Two bars per transformed column: how many different values it "
                            "held in the original and in the copy.");
  for (size_t i = 0; i < columns.size(); ++i) svg += DistinctRow(columns[i], 6 + 34.0 * i);
  return Figure(svg + "</svg>\n", title, caption);
}

}  // namespace veil::report
