// The figures of re-identification risk that `veil risk` reports for a table (see
// include/veil/risk.h), computed by privacy/risk.h's ComputeRisk, which defines each
// attacker model and estimate. Plain values: no behaviour, nothing to free.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace veil {

// The thresholds of RecordRisk::records_above_threshold, in this order.
inline constexpr double kRiskThresholds[] = {0.2, 0.1, 0.05};

struct ThresholdCount {
  double threshold = 0;
  int64_t records = 0;  // records whose risk is strictly above `threshold`
};

// Per-record risk under one attacker model.
struct RecordRisk {
  double average_risk = 0;
  double highest_risk = 0;
  int64_t records_at_highest_risk = 0;
  std::vector<ThresholdCount> records_above_threshold;  // one per kRiskThresholds entry
};

struct MarketerRisk {
  double average_risk = 0;
};

struct PopulationUniqueness {
  int64_t population = 0;
  double sampling_fraction = 0;  // records / population
  double zayatz = 0;             // share of population records unique in the population
  std::optional<double> pitman;  // the same under the Pitman model; nullopt: unavailable
};

struct RiskFigures {
  int64_t records = 0;
  int64_t equivalence_classes = 0;
  int64_t min_class_size = 0;
  int64_t sample_uniques = 0;                          // records alone in their class
  double sample_uniqueness = 0;                        // sample_uniques / records
  std::map<int64_t, int64_t> class_size_distribution;  // size -> classes; no zero entries
  RecordRisk prosecutor;
  RecordRisk journalist;
  MarketerRisk marketer;
  std::optional<PopulationUniqueness> population;  // only when a population was given
};

}  // namespace veil
