#include "privacy/privacy_models.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>

namespace veil {

PrivacyModels::PrivacyModels(const PrivacySpec& spec, SensitiveDomain domain)
    : k_(spec.k), l_(spec.l_diversity), t_(spec.t_closeness), domain_(std::move(domain)) {}

bool PrivacyModels::Holds(size_t model, int64_t size,
                          std::span<const SensitiveCount> histogram) const {
  if (model == 0) return size >= k_;
  if (model == 1 && l_) return Diverse(size, histogram);
  return Distance(size, histogram) <= t_->t + 1e-12;
}

bool PrivacyModels::AllHold(int64_t size, std::span<const SensitiveCount> histogram) const {
  if (size < k_) return false;
  if (l_ && !Diverse(size, histogram)) return false;
  if (t_ && Distance(size, histogram) > t_->t + 1e-12) return false;
  return true;
}

bool PrivacyModels::Diverse(int64_t size, std::span<const SensitiveCount> histogram) const {
  switch (l_->variant) {
    case LDiversitySpec::Variant::kDistinct:
      return static_cast<double>(histogram.size()) >= l_->l;
    case LDiversitySpec::Variant::kEntropy: {
      double entropy = 0;
      for (const auto& entry : histogram) {
        const double p = static_cast<double>(entry.records) / static_cast<double>(size);
        entropy -= p * std::log(p);
      }
      return entropy >= std::log(l_->l) - 1e-12;
    }
    case LDiversitySpec::Variant::kRecursive: {
      const auto l = static_cast<size_t>(l_->l);
      if (histogram.size() < l) return false;
      std::vector<int64_t> counts;
      for (const auto& entry : histogram) counts.push_back(entry.records);
      std::sort(counts.begin(), counts.end(), std::greater<>());
      int64_t tail = 0;
      for (size_t i = l - 1; i < counts.size(); ++i) tail += counts[i];
      return static_cast<double>(counts[0]) < l_->c * static_cast<double>(tail);
    }
  }
  return false;
}

double PrivacyModels::Distance(int64_t size, std::span<const SensitiveCount> histogram) const {
  if (!t_) return 0;
  if (t_->distance == TClosenessSpec::Distance::kOrdered) return OrderedDistance(size, histogram);
  if (t_->distance == TClosenessSpec::Distance::kHierarchical) {
    return HierarchicalDistance(size, histogram);
  }
  // Equal distance: half the L1 distance. Values absent from the class add their share.
  double sum = 1;
  for (const auto& entry : histogram) {
    const double p = static_cast<double>(entry.records) / static_cast<double>(size);
    const double q = domain_.overall_share[entry.value];
    sum += std::fabs(p - q) - q;
  }
  return std::max(0.0, sum / 2);
}

double PrivacyModels::OrderedDistance(int64_t size,
                                      std::span<const SensitiveCount> histogram) const {
  const size_t m = domain_.overall_share.size();
  if (m < 2) return 0;
  std::vector<double> diff(m, 0);
  for (size_t code = 0; code < m; ++code) diff[domain_.rank[code]] -= domain_.overall_share[code];
  for (const auto& entry : histogram) {
    diff[domain_.rank[entry.value]] +=
        static_cast<double>(entry.records) / static_cast<double>(size);
  }
  double running = 0;
  double total = 0;
  for (size_t i = 0; i + 1 < m; ++i) {
    running += diff[i];
    total += std::fabs(running);
  }
  return total / static_cast<double>(m - 1);
}

// Li, Li and Venkatasubramanian's hierarchical distance: at every inner node, the mass
// that must cross it (the smaller of its children's surpluses and deficits) costs the
// node's height over the hierarchy's height.
double PrivacyModels::HierarchicalDistance(int64_t size,
                                           std::span<const SensitiveCount> histogram) const {
  const Hierarchy& hierarchy = *domain_.hierarchy;
  const int height = hierarchy.Levels() - 1;
  if (height < 1) return 0;
  std::vector<double> extra(hierarchy.Leaves(), 0);
  for (size_t code = 0; code < domain_.leaf_of.size(); ++code) {
    extra[domain_.leaf_of[code]] -= domain_.overall_share[code];
  }
  for (const auto& entry : histogram) {
    extra[domain_.leaf_of[entry.value]] +=
        static_cast<double>(entry.records) / static_cast<double>(size);
  }
  double distance = 0;
  for (int level = 1; level <= height; ++level) {
    std::vector<double> next(hierarchy.Values(level), 0);
    std::vector<double> surplus(next.size(), 0);
    std::vector<double> deficit(next.size(), 0);
    for (size_t child = 0; child < extra.size(); ++child) {
      const int32_t parent = hierarchy.Lift(static_cast<int32_t>(child), level - 1, level);
      next[parent] += extra[child];
      (extra[child] > 0 ? surplus[parent] : deficit[parent]) += std::fabs(extra[child]);
    }
    for (size_t node = 0; node < next.size(); ++node) {
      distance += static_cast<double>(level) / height * std::min(surplus[node], deficit[node]);
    }
    extra = std::move(next);
  }
  return distance;
}

std::string PrivacyModels::Describe(size_t model) const {
  if (model == 0) return fmt::format("{}-anonymity", k_);
  if (model == 1 && l_) {
    static const char* kVariants[] = {"distinct", "entropy", "recursive"};
    std::string text = fmt::format("{} {}-diversity of {}",
                                   kVariants[static_cast<int>(l_->variant)], l_->l, l_->column);
    if (l_->variant == LDiversitySpec::Variant::kRecursive) text += fmt::format(" (c = {})", l_->c);
    return text;
  }
  static const char* kDistances[] = {"equal", "ordered", "hierarchical"};
  return fmt::format("{}-closeness of {} ({} distance)", t_->t, t_->column,
                     kDistances[static_cast<int>(t_->distance)]);
}

std::vector<std::string> PrivacyModels::Names() const {
  std::vector<std::string> names;
  for (size_t m = 0; m < Count(); ++m) names.push_back(Describe(m));
  return names;
}

}  // namespace veil
