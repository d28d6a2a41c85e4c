#include "privacy/information_loss.h"

#include <cmath>

namespace veil {

InformationLoss::InformationLoss(const PrivacyProblem& problem)
    : problem_(problem), metric_(problem.metric) {
  const ClassTable& bottom = problem.bottom;
  for (size_t d = 0; d < problem.quasi_identifiers.size(); ++d) {
    const Hierarchy& hierarchy = problem.quasi_identifiers[d].hierarchy;
    std::vector<int64_t> per_leaf(hierarchy.Leaves(), 0);
    for (size_t c = 0; c < bottom.Classes(); ++c) per_leaf[bottom.Key(c)[d]] += bottom.sizes[c];
    auto& under = records_under_.emplace_back(hierarchy.Levels());
    auto& sums = column_sum_.emplace_back(hierarchy.Levels(), 0.0);
    for (int level = 0; level < hierarchy.Levels(); ++level) {
      under[level].assign(hierarchy.Values(level), 0);
      for (int32_t leaf = 0; leaf < hierarchy.Leaves(); ++leaf) {
        under[level][hierarchy.Generalise(leaf, level)] += per_leaf[leaf];
      }
      for (int32_t leaf = 0; leaf < hierarchy.Leaves(); ++leaf) {
        if (per_leaf[leaf] == 0) continue;
        const int32_t code = hierarchy.Generalise(leaf, level);
        const auto records = static_cast<double>(per_leaf[leaf]);
        if (metric_ == PrivacyMetric::kEntropy) {
          sums[level] += records * std::log2(static_cast<double>(under[level][code]) / records);
        } else {
          sums[level] += records * CellLoss(d, level, code);
        }
      }
    }
  }
}

double InformationLoss::CellLoss(size_t d, int level, int32_t code) const {
  const Hierarchy& hierarchy = problem_.quasi_identifiers[d].hierarchy;
  if (metric_ == PrivacyMetric::kPrecision) {
    return hierarchy.Levels() < 2 ? 0.0 : static_cast<double>(level) / (hierarchy.Levels() - 1);
  }
  if (hierarchy.Leaves() < 2) return 0;
  return static_cast<double>(hierarchy.LeavesUnder(level, code) - 1) / (hierarchy.Leaves() - 1);
}

double InformationLoss::Combine(const std::vector<double>& per_column) const {
  const auto records = static_cast<double>(problem_.records);
  if (metric_ == PrivacyMetric::kEntropy) {
    double total = 0;
    for (double sum : per_column) total += sum;
    return total;
  }
  if (metric_ == PrivacyMetric::kPrecision) {
    double total = 0;
    for (double sum : per_column) total += sum / records;
    return per_column.empty() ? 0 : total / static_cast<double>(per_column.size());
  }
  double log_product = 0;
  for (double sum : per_column) log_product += std::log1p(sum / records);
  return std::expm1(log_product / static_cast<double>(per_column.size()));
}

double InformationLoss::LowerBound(const std::vector<int>& levels) const {
  std::vector<double> per_column(levels.size());
  for (size_t d = 0; d < levels.size(); ++d) per_column[d] = column_sum_[d][levels[d]];
  return Combine(per_column);
}

double InformationLoss::Value(const std::vector<int>& levels, const ClassTable& classes,
                              const std::vector<uint8_t>& suppressed) const {
  const auto records = static_cast<double>(problem_.records);
  if (metric_ == PrivacyMetric::kDiscernibility) {
    double total = 0;
    for (size_t c = 0; c < classes.Classes(); ++c) {
      const auto size = static_cast<double>(classes.sizes[c]);
      total += suppressed[c] ? size * records : size * size;
    }
    return total;
  }
  std::vector<double> per_column(levels.size());
  for (size_t d = 0; d < levels.size(); ++d) per_column[d] = column_sum_[d][levels[d]];
  for (size_t c = 0; c < classes.Classes(); ++c) {
    if (!suppressed[c]) continue;
    const auto size = static_cast<double>(classes.sizes[c]);
    const auto key = classes.Key(c);
    for (size_t d = 0; d < levels.size(); ++d) {
      // A suppressed record costs what '*' costs instead of what its value cost.
      if (metric_ == PrivacyMetric::kEntropy) {
        const auto under = static_cast<double>(records_under_[d][levels[d]][key[d]]);
        per_column[d] += size * std::log2(records / under);
      } else {
        per_column[d] += size * (1.0 - CellLoss(d, levels[d], key[d]));
      }
    }
  }
  return Combine(per_column);
}

}  // namespace veil
