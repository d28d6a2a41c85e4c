// PrivacySpec: a table's `privacy:` section, the statistical models its release must
// satisfy (k-anonymity, l-diversity, t-closeness), how many records may be suppressed,
// which information-loss metric the search minimises and how suppressed records appear.
// Parsed and checked for shape with the policy; whether the named columns exist and
// are quasi-identifiers or kept is checked when the table is planned.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "veil/status.h"

namespace veil {

struct LDiversitySpec {
  enum class Variant { kDistinct, kEntropy, kRecursive };
  std::string column;
  double l = 2;
  Variant variant = Variant::kDistinct;
  double c = 1;  // recursive (c, l)-diversity only
};

struct TClosenessSpec {
  enum class Distance { kEqual, kOrdered, kHierarchical };
  std::string column;
  double t = 0.2;
  Distance distance = Distance::kEqual;
  std::string hierarchy;  // kHierarchical: the sensitive column's hierarchy file
};

enum class PrivacyMetric { kLoss, kDiscernibility, kPrecision, kEntropy };
enum class SuppressionStyle { kMask, kRemove };

struct PrivacySpec {
  int64_t k = 1;
  std::optional<LDiversitySpec> l_diversity;
  std::optional<TClosenessSpec> t_closeness;
  double suppression_limit = 0;  // share of records, 0..1
  PrivacyMetric metric = PrivacyMetric::kLoss;
  SuppressionStyle suppress = SuppressionStyle::kMask;
  int line = 0;

  // The sensitive column the l and t models name (they must agree), or empty.
  std::string SensitiveColumn() const;
};

const char* MetricName(PrivacyMetric metric);

}  // namespace veil
