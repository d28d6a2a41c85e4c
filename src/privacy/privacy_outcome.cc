#include "privacy/privacy_outcome.h"

namespace veil {

std::map<int64_t, int64_t> ReleasedClassSizes(const NodeEvaluation& evaluation) {
  std::map<int64_t, int64_t> sizes;
  for (size_t c = 0; c < evaluation.classes->Classes(); ++c) {
    if (!evaluation.suppressed[c]) ++sizes[evaluation.classes->sizes[c]];
  }
  return sizes;
}

PrivacyOutcome DescribeOutcome(const PrivacyInput& input, const SearchOutcome& search,
                               const std::string& table, double seconds) {
  PrivacyOutcome out;
  out.table = table;
  out.models = input.models->Names();
  for (const auto& qi : input.problem.quasi_identifiers) {
    out.quasi_identifiers.push_back(qi.column);
    out.top_levels.push_back(qi.hierarchy.Levels() - 1);
  }
  out.levels = search.best.levels;
  out.records = input.records();
  out.records_suppressed = search.best.suppressed_records;
  out.suppression = input.spec.suppress == SuppressionStyle::kMask ? "mask" : "remove";
  out.suppression_limit = input.spec.suppression_limit;
  out.metric = MetricName(input.spec.metric);
  out.metric_value = search.metric;
  out.class_size_distribution = ReleasedClassSizes(search.best);
  for (const auto& [size, classes] : out.class_size_distribution) {
    out.equivalence_classes += classes;
  }
  out.min_class_size =
      out.class_size_distribution.empty() ? 0 : out.class_size_distribution.begin()->first;
  out.exact = search.exact;
  out.lattice_nodes = search.lattice_nodes;
  out.nodes_evaluated = search.nodes_evaluated;
  out.search_seconds = seconds;
  return out;
}

}  // namespace veil
