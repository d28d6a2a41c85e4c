// Re-identification risk figures (privacy/risk.h) as JSON, plain text and one HTML page.
//
//   * RiskJson: one object with exactly the keys records, equivalence_classes,
//     min_class_size, sample_uniques, sample_uniqueness, class_size_distribution (class
//     size as a decimal string -> number of classes), prosecutor and journalist (each
//     average_risk, highest_risk, records_at_highest_risk and records_above_threshold, an
//     object threshold as the shortest decimal string, e.g. "0.05" -> records), marketer
//     (average_risk), and population_uniqueness (population, sampling_fraction, zayatz,
//     pitman; pitman null when unavailable) only when a population was given. Risks and
//     shares are numbers in 0..1. nlohmann::json keeps keys in sorted order.
//   * RiskText: an aligned plain-text table for a terminal: the title, then groups of
//     (figure, value) lines, risks and shares as percentages with two decimals, counts with
//     thousands separators, then the class-size distribution as "size classes records"
//     rows: the 15 smallest sizes one per row, any larger ones in one "≥ N" row.
//   * RiskHtml: one self-contained page (inline CSS from html_style.h, inline SVG, no
//     scripts, nothing fetched): what was assessed, the key figures before and, when
//     given, after, and a bar chart of the records per class-size bucket (1, 2, 3, 4, 5-9,
//     10-19, 20-49, 50+). Each non-empty bucket has one <rect class="bar before"> (and one
//     "bar after") with data-bucket set to the bucket's name and a <title> stating its
//     figures; empty buckets have no bar. Every string of the page is HTML-escaped.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "privacy/risk.h"

namespace veil::report {

nlohmann::ordered_json RiskJson(const RiskFigures& figures);

std::string RiskText(const RiskFigures& figures, const std::string& title);

struct RiskPage {
  std::string title;
  std::string policy_path;
  std::string source;  // where the data came from (file, database address)
  std::string table;
  std::vector<std::string> quasi_identifiers;
  RiskFigures before;
  std::optional<RiskFigures> after;
  std::string after_label;  // heading of the "after" column; "After" when empty
};

std::string RiskHtml(const RiskPage& page);

}  // namespace veil::report
