#include "privacy/node_evaluator.h"

namespace veil {
namespace {

// The classes kept for rolling up, counted in classes over all cached nodes: about
// 40 bytes each with 8 quasi-identifiers, so at most a few hundred megabytes.
constexpr size_t kCachedClasses = 400'000;

bool Generalises(const std::vector<int>& upper, const std::vector<int>& lower) {
  for (size_t d = 0; d < upper.size(); ++d) {
    if (upper[d] < lower[d]) return false;
  }
  return true;
}

}  // namespace

NodeEvaluator::NodeEvaluator(const PrivacyProblem& problem)
    : problem_(problem),
      bottom_(std::make_shared<ClassTable>(problem.bottom)),
      bottom_levels_(problem.quasi_identifiers.size(), 0) {}

std::shared_ptr<const ClassTable> NodeEvaluator::Classes(const std::vector<int>& levels) {
  const std::vector<int>* from_levels = &bottom_levels_;
  std::shared_ptr<const ClassTable> from = bottom_;
  for (auto it = recent_.begin(); it != recent_.end(); ++it) {
    if (it->levels == levels) {
      recent_.splice(recent_.begin(), recent_, it);
      return recent_.front().classes;
    }
    if (Generalises(levels, it->levels) && it->classes->Classes() < from->Classes()) {
      from = it->classes;
      from_levels = &it->levels;
    }
  }
  CodeMaps maps(levels.size());
  std::vector<uint64_t> radices;  // values per column at the new levels
  for (size_t d = 0; d < levels.size(); ++d) {
    const Hierarchy& hierarchy = problem_.quasi_identifiers[d].hierarchy;
    radices.push_back(static_cast<uint64_t>(hierarchy.Values(levels[d])));
    const int from_level = (*from_levels)[d];
    maps[d].resize(hierarchy.Values(from_level));
    for (int32_t code = 0; code < hierarchy.Values(from_level); ++code) {
      maps[d][code] = hierarchy.Lift(code, from_level, levels[d]);
    }
  }
  auto classes = std::make_shared<const ClassTable>(Regroup(*from, maps, radices));
  if (classes->Classes() <= kCachedClasses / 4) {
    recent_.push_front({levels, classes});
    cached_classes_ += classes->Classes();
    while (cached_classes_ > kCachedClasses) {
      cached_classes_ -= recent_.back().classes->Classes();
      recent_.pop_back();
    }
  }
  return classes;
}

NodeEvaluation NodeEvaluator::Evaluate(const std::vector<int>& levels) {
  ++evaluations_;
  NodeEvaluation out;
  out.levels = levels;
  out.classes = Classes(levels);
  const ClassTable& classes = *out.classes;
  out.suppressed.assign(classes.Classes(), 0);
  const bool with_histogram = classes.HasSensitive();
  for (size_t c = 0; c < classes.Classes(); ++c) {
    const std::span<const SensitiveCount> histogram =
        with_histogram ? classes.Histogram(c) : std::span<const SensitiveCount>();
    if (!problem_.models->AllHold(classes.sizes[c], histogram)) {
      out.suppressed[c] = 1;
      out.suppressed_records += classes.sizes[c];
      if (!problem_.models->MonotoneHold(classes.sizes[c], histogram)) {
        out.monotone_suppressed_records += classes.sizes[c];
      }
    }
  }
  out.acceptable = out.suppressed_records <= problem_.SuppressionAllowance();
  return out;
}

}  // namespace veil
