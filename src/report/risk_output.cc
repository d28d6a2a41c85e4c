#include "report/risk_output.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <utility>

#include "report/html_style.h"
#include "report/report_escape.h"
#include "report/report_text.h"

namespace veil::report {

namespace {

using Json = nlohmann::ordered_json;

Json RecordRiskJson(const RecordRisk& risk) {
  Json above = Json::object();
  for (const ThresholdCount& t : risk.records_above_threshold) {
    above[fmt::format("{}", t.threshold)] = t.records;
  }
  Json out = Json::object();
  out["average_risk"] = risk.average_risk;
  out["highest_risk"] = risk.highest_risk;
  out["records_at_highest_risk"] = risk.records_at_highest_risk;
  out["records_above_threshold"] = std::move(above);
  return out;
}

Json PopulationJson(const PopulationUniqueness& p) {
  Json out = Json::object();
  out["population"] = p.population;
  out["sampling_fraction"] = p.sampling_fraction;
  out["zayatz"] = p.zayatz;
  out["pitman"] = p.pitman ? Json(*p.pitman) : Json(nullptr);
  return out;
}

// ---- Shared wording: the figures as labelled values, in groups ----

// A share with two decimals; a non-zero share that would print as 0.00% is "<0.01%".
std::string Percent(double share) {
  if (share > 0 && share < 0.00005) return "<0.01%";
  return fmt::format("{:.2f}%", share * 100);
}

std::string CountAndShare(int64_t count, int64_t of) {
  return FormatCount(count) + " (" + Percent(of > 0 ? double(count) / double(of) : 0) + ")";
}

struct Fact {
  std::string label;
  std::string value;
};

struct FactGroup {
  std::string heading;
  std::vector<Fact> facts;
};

std::vector<Fact> RecordRiskFacts(const RecordRisk& risk, int64_t records) {
  std::vector<Fact> out = {
      {"Average risk", Percent(risk.average_risk)},
      {"Highest risk", Percent(risk.highest_risk)},
      {"Records at highest risk", CountAndShare(risk.records_at_highest_risk, records)}};
  for (const ThresholdCount& t : risk.records_above_threshold) {
    out.push_back({fmt::format("Records above {:g}% risk", t.threshold * 100),
                   CountAndShare(t.records, records)});
  }
  return out;
}

// The population rows; "-" throughout when these figures have no population.
std::vector<Fact> PopulationFacts(const std::optional<PopulationUniqueness>& p) {
  const auto value = [&p](auto get) { return p ? get(*p) : std::string("-"); };
  return {{"Population", value([](auto& q) { return FormatCount(q.population); })},
          {"Sampling fraction", value([](auto& q) { return Percent(q.sampling_fraction); })},
          {"Population uniques (Zayatz)", value([](auto& q) { return Percent(q.zayatz); })},
          {"Population uniques (Pitman)",
           value([](auto& q) { return q.pitman ? Percent(*q.pitman) : "unavailable"; })}};
}

std::vector<FactGroup> Facts(const RiskFigures& f, bool with_population) {
  std::vector<FactGroup> out;
  out.push_back({"Dataset",
                 {{"Records", FormatCount(f.records)},
                  {"Equivalence classes", FormatCount(f.equivalence_classes)},
                  {"Smallest class", FormatCount(f.min_class_size)},
                  {"Sample uniques", CountAndShare(f.sample_uniques, f.records)}}});
  out.push_back({"Prosecutor risk: the attacker knows the person is in the data",
                 RecordRiskFacts(f.prosecutor, f.records)});
  out.push_back({"Journalist risk: the attacker does not know whether the person is in the data",
                 RecordRiskFacts(f.journalist, f.records)});
  out.push_back({"Marketer risk: the attacker links every record",
                 {{"Expected share re-identified", Percent(f.marketer.average_risk)}}});
  if (with_population) {
    out.push_back(
        {"Population uniqueness: share of the population unique on the "
         "quasi-identifiers",
         PopulationFacts(f.population)});
  }
  return out;
}

// ---- Plain text ----

// Characters on screen, counting each UTF-8 sequence once.
size_t Width(const std::string& text) {
  return size_t(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string PadLeft(const std::string& text, size_t width) {
  return std::string(width > Width(text) ? width - Width(text) : 0, ' ') + text;
}

std::string PadRight(const std::string& text, size_t width) {
  return text + std::string(width > Width(text) ? width - Width(text) : 0, ' ');
}

std::string FactsText(const std::vector<FactGroup>& groups) {
  size_t label_width = 0;
  size_t value_width = 0;
  for (const FactGroup& g : groups) {
    for (const Fact& f : g.facts) {
      label_width = std::max(label_width, Width(f.label));
      value_width = std::max(value_width, Width(f.value));
    }
  }
  std::string out;
  for (const FactGroup& g : groups) {
    out += "\n" + g.heading + "\n";
    for (const Fact& f : g.facts) {
      out += "  " + PadRight(f.label, label_width) + "  " + PadLeft(f.value, value_width) + "\n";
    }
  }
  return out;
}

constexpr size_t kTextSizeRows = 15;

// Rows "size classes records": the 15 smallest sizes, then "≥ N" for all larger ones.
std::vector<std::vector<std::string>> DistributionRows(const std::map<int64_t, int64_t>& sizes) {
  std::vector<std::vector<std::string>> rows = {{"size", "classes", "records"}};
  auto it = sizes.begin();
  for (; it != sizes.end() && rows.size() <= kTextSizeRows; ++it) {
    rows.push_back(
        {FormatCount(it->first), FormatCount(it->second), FormatCount(it->first * it->second)});
  }
  if (it == sizes.end()) return rows;
  const int64_t from = it->first;
  int64_t classes = 0;
  int64_t records = 0;
  for (; it != sizes.end(); ++it) {
    classes += it->second;
    records += it->first * it->second;
  }
  rows.push_back({"\xE2\x89\xA5 " + FormatCount(from), FormatCount(classes), FormatCount(records)});
  return rows;
}

std::string DistributionText(const std::map<int64_t, int64_t>& sizes) {
  const std::vector<std::vector<std::string>> rows = DistributionRows(sizes);
  size_t widths[3] = {0, 0, 0};
  for (const auto& row : rows) {
    for (size_t i = 0; i < 3; ++i) widths[i] = std::max(widths[i], Width(row[i]));
  }
  std::string out = "\nClass sizes\n";
  for (const auto& row : rows) {
    out += "  " + PadLeft(row[0], widths[0]) + "  " + PadLeft(row[1], widths[1]) + "  " +
           PadLeft(row[2], widths[2]) + "\n";
  }
  return out;
}

// ---- HTML ----

std::string Element(const std::string& tag, const std::string& text,
                    const std::string& attributes = "") {
  return "<" + tag + (attributes.empty() ? "" : " " + attributes) + ">" + HtmlEscape(text) + "</" +
         tag + ">";
}

std::string AfterLabel(const RiskPage& page) {
  return page.after_label.empty() ? "After" : page.after_label;
}

std::string AboutSection(const RiskPage& page) {
  std::string qis;
  for (const std::string& q : page.quasi_identifiers) qis += (qis.empty() ? "" : ", ") + q;
  const std::pair<std::string, std::string> facts[] = {{"Policy", page.policy_path},
                                                       {"Source", page.source},
                                                       {"Table", page.table},
                                                       {"Quasi-identifiers", qis}};
  std::string out = "<section>\n<h2>What was assessed</h2>\n<table class=\"facts\">\n<tbody>\n";
  for (const auto& [label, value] : facts) {
    out += "<tr>" + Element("th", label, "scope=\"row\"") +
           Element("td", value.empty() ? "-" : value, "class=\"mono\"") + "</tr>\n";
  }
  return out + "</tbody>\n</table>\n</section>\n";
}

std::string FiguresSection(const RiskPage& page) {
  const bool with_population = page.before.population || (page.after && page.after->population);
  const std::vector<FactGroup> before = Facts(page.before, with_population);
  const std::vector<FactGroup> after =
      page.after ? Facts(*page.after, with_population) : std::vector<FactGroup>{};
  const std::string span = page.after ? "3" : "2";
  std::string out =
      "<section>\n<h2>Key figures</h2>\n<table class=\"figures\">\n<thead><tr>" +
      Element("th", "Figure", "scope=\"col\"") + Element("th", "Before", "scope=\"col\"") +
      (page.after ? Element("th", AfterLabel(page), "scope=\"col\"") : "") + "</tr></thead>\n";
  for (size_t g = 0; g < before.size(); ++g) {
    out += "<tbody>\n<tr>" +
           Element("th", before[g].heading, "colspan=\"" + span + "\" scope=\"colgroup\"") +
           "</tr>\n";
    for (size_t i = 0; i < before[g].facts.size(); ++i) {
      out += "<tr>" + Element("th", before[g].facts[i].label, "scope=\"row\"") +
             Element("td", before[g].facts[i].value, "class=\"num\"") +
             (page.after ? Element("td", after[g].facts[i].value, "class=\"num\"") : "") +
             "</tr>\n";
    }
    out += "</tbody>\n";
  }
  return out + "</table>\n</section>\n";
}

struct Bucket {
  int64_t low;
  int64_t high;  // inclusive
  const char* key;
  const char* label;
};

constexpr Bucket kBuckets[] = {
    {1, 1, "1", "1"},
    {2, 2, "2", "2"},
    {3, 3, "3", "3"},
    {4, 4, "4", "4"},
    {5, 9, "5-9",
     "5\xE2\x80\x93"
     "9"},
    {10, 19, "10-19",
     "10\xE2\x80\x93"
     "19"},
    {20, 49, "20-49",
     "20\xE2\x80\x93"
     "49"},
    {50, std::numeric_limits<int64_t>::max(), "50+", "50+"},
};
constexpr size_t kBucketCount = sizeof(kBuckets) / sizeof(kBuckets[0]);

std::vector<int64_t> RecordsPerBucket(const RiskFigures& f) {
  std::vector<int64_t> out(kBucketCount, 0);
  for (const auto& [size, count] : f.class_size_distribution) {
    for (size_t b = 0; b < kBucketCount; ++b) {
      if (size >= kBuckets[b].low && size <= kBuckets[b].high) out[b] += size * count;
    }
  }
  return out;
}

// Chart geometry, in SVG user units.
constexpr double kLabelWidth = 130;
constexpr double kBarLeft = kLabelWidth + 10;
constexpr double kBarSpan = 280;  // leaves room for the value text right of the longest bar
constexpr double kBarHeight = 12;

std::string Num(double v) {
  return fmt::format("{:.1f}", v);
}

// One bar and its value text, or only the text "none" for an empty bucket.
std::string BucketBar(const std::string& side, const std::string& side_label, size_t bucket,
                      int64_t records, int64_t total, double max, double y) {
  const std::string figures = FormatCount(records) + " records (" +
                              Percent(total > 0 ? double(records) / double(total) : 0) + ")";
  std::string out;
  double width = 0;
  if (records > 0) {
    width = std::max(1.0, double(records) / max * kBarSpan);
    out = fmt::format(
        "<rect class=\"bar {}\" data-bucket=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" "
        "height=\"{}\"><title>{}</title></rect>\n",
        side, kBuckets[bucket].key, Num(kBarLeft), Num(y), Num(width), Num(kBarHeight),
        HtmlEscape(side_label + ": " + figures + " in classes of size " + kBuckets[bucket].label));
  }
  const std::string text = side_label + ": " + (records > 0 ? figures : "none");
  return out + fmt::format("<text class=\"value\" x=\"{}\" y=\"{}\">{}</text>\n",
                           Num(kBarLeft + width + 6), Num(y + kBarHeight - 2), HtmlEscape(text));
}

std::string ChartOpen(const RiskPage& page, double height) {
  const std::string desc =
      "For each class-size bucket, the number of records in classes of that size" +
      std::string(page.after ? "; light bars: before, dark bars: " + AfterLabel(page) : "") + ".";
  return fmt::format(
      "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 760 {0}\" width=\"760\" height=\"{0}\" "
      "aria-labelledby=\"chart-sizes-title chart-sizes-desc\">\n"
      "<title id=\"chart-sizes-title\">Records per equivalence-class size</title>\n"
      "<desc id=\"chart-sizes-desc\">{1}</desc>\n",
      Num(height), HtmlEscape(desc));
}

std::string DistributionChart(const RiskPage& page) {
  const std::vector<int64_t> before = RecordsPerBucket(page.before);
  const std::vector<int64_t> after =
      page.after ? RecordsPerBucket(*page.after) : std::vector<int64_t>(kBucketCount, 0);
  int64_t max = 1;
  for (size_t b = 0; b < kBucketCount; ++b) max = std::max({max, before[b], after[b]});
  const double row = page.after ? 2 * kBarHeight + 14 : kBarHeight + 12;
  std::string svg = ChartOpen(page, row * kBucketCount + 8);
  for (size_t b = 0; b < kBucketCount; ++b) {
    const double y = 6 + row * b;
    svg += fmt::format("<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n",
                       Num(kLabelWidth), Num(y + kBarHeight - 2),
                       HtmlEscape(std::string("Size ") + kBuckets[b].label));
    svg += BucketBar("before", "Before", b, before[b], page.before.records, double(max), y);
    if (page.after) {
      svg += BucketBar("after", AfterLabel(page), b, after[b], page.after->records, double(max),
                       y + kBarHeight + 2);
    }
  }
  const std::string caption =
      "Records in equivalence classes of each size: the smaller the class, the higher the "
      "risk of its records." +
      std::string(page.after ? " Light bars: before; dark bars: " + AfterLabel(page) + "." : "");
  return "<section>\n<h2>Class sizes</h2>\n<figure>\n" + svg + "</svg>\n<figcaption>" +
         HtmlEscape(caption) + "</figcaption>\n</figure>\n</section>\n";
}

}  // namespace

nlohmann::ordered_json RiskJson(const RiskFigures& f) {
  Json distribution = Json::object();
  for (const auto& [size, count] : f.class_size_distribution) {
    distribution[std::to_string(size)] = count;
  }
  Json out = Json::object();
  out["records"] = f.records;
  out["equivalence_classes"] = f.equivalence_classes;
  out["min_class_size"] = f.min_class_size;
  out["sample_uniques"] = f.sample_uniques;
  out["sample_uniqueness"] = f.sample_uniqueness;
  out["class_size_distribution"] = std::move(distribution);
  out["prosecutor"] = RecordRiskJson(f.prosecutor);
  out["journalist"] = RecordRiskJson(f.journalist);
  out["marketer"] = Json{{"average_risk", f.marketer.average_risk}};
  if (f.population) out["population_uniqueness"] = PopulationJson(*f.population);
  return out;
}

std::string RiskText(const RiskFigures& figures, const std::string& title) {
  return title + "\n" + FactsText(Facts(figures, figures.population.has_value())) +
         DistributionText(figures.class_size_distribution);
}

std::string RiskHtml(const RiskPage& page) {
  const std::string title = "Re-identification risk: " + page.title;
  return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n" +
         Element("title", title) + "\n<style>" + ReportCss() + "</style>\n</head>\n" +
         "<body>\n<main>\n" + Element("h1", title) + "\n" + AboutSection(page) +
         FiguresSection(page) + DistributionChart(page) +
         "<footer>This page is self-contained: it runs no scripts and loads nothing.</footer>\n"
         "</main>\n</body>\n</html>\n";
}

}  // namespace veil::report
