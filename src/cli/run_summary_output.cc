#include "cli/run_summary_output.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstdio>

namespace veil {
namespace {

void PrintPrivacyOutcome(const PrivacyOutcome& p) {
  std::string levels;
  for (size_t d = 0; d < p.quasi_identifiers.size(); ++d) {
    levels += fmt::format("{}{} {}/{}", levels.empty() ? "" : ", ", p.quasi_identifiers[d],
                          p.levels[d], p.top_levels[d]);
  }
  std::printf("  privacy of %s: %s\n", p.table.c_str(),
              fmt::format("{}", fmt::join(p.models, ", ")).c_str());
  std::printf("    levels: %s\n", levels.c_str());
  std::printf("    %lld of %lld records suppressed (%s); %lld classes, smallest %lld; %s %.4f\n",
              static_cast<long long>(p.records_suppressed), static_cast<long long>(p.records),
              p.suppression.c_str(), static_cast<long long>(p.equivalence_classes),
              static_cast<long long>(p.min_class_size), p.metric.c_str(), p.metric_value);
  std::printf("    search: %s, %llu of %llu nodes evaluated in %.3f s\n",
              p.exact ? "exact" : "heuristic (lattice too large; not proven optimal)",
              static_cast<unsigned long long>(p.nodes_evaluated),
              static_cast<unsigned long long>(p.lattice_nodes), p.search_seconds);
}

}  // namespace

void PrintRunSummary(const RunSummary& s) {
  std::string rules;
  for (const auto& [rule, count] : s.columns_per_rule) {
    rules += fmt::format("{}{} {}", rules.empty() ? "" : ", ", rule, count);
  }
  std::printf("veil: wrote %s\n", s.target.c_str());
  for (const auto& t : s.tables) {
    std::printf("  %-32s %-10s %10lld rows\n", t.name.c_str(), t.action.c_str(),
                static_cast<long long>(t.rows));
  }
  const double rate = s.seconds > 0 ? s.rows / s.seconds : 0;
  std::printf("  tables: %zu, rows: %lld in %.2f s (%.0f rows/s)\n", s.tables.size(),
              static_cast<long long>(s.rows), s.seconds, rate);
  std::printf("  columns per rule: %s\n", rules.empty() ? "none" : rules.c_str());
  std::printf("  secret fingerprint: %s%s\n", s.secret_fingerprint.c_str(),
              s.ephemeral_secret ? " (ephemeral: unlinkable to any other run)" : "");
  if (!s.policy_digest.empty()) std::printf("  policy sha256: %s\n", s.policy_digest.c_str());
  for (const auto& p : s.privacy) PrintPrivacyOutcome(p);
  for (const auto& place : s.schema_text_removed) {
    std::printf("  removed %s\n", place.c_str());
  }
  for (const auto& entity : s.entities_checked_statistically) {
    std::printf(
        "  note: entity %s had too many values for an exhaustive collision check; "
        "its pseudonym space makes a collision less likely than 1 in 10^9\n",
        entity.c_str());
  }
}

}  // namespace veil
