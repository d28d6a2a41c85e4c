// PrivacyProblem: everything the generalisation search needs, already encoded: each
// quasi-identifier's hierarchy and the levels it may take, the table's classes at the
// lowest levels (codes are hierarchy leaves), the models, the metric and the share of
// records that may be suppressed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "policy/privacy_spec.h"
#include "privacy/class_table.h"
#include "privacy/hierarchy.h"
#include "privacy/privacy_models.h"

namespace veil {

struct QuasiIdentifier {
  std::string column;
  Hierarchy hierarchy;
  int min_level = 0;
  int max_level = 0;  // at most hierarchy.Levels() - 1
};

struct PrivacyProblem {
  std::vector<QuasiIdentifier> quasi_identifiers;
  ClassTable bottom;  // every quasi-identifier at level 0
  int64_t records = 0;
  const PrivacyModels* models = nullptr;
  PrivacyMetric metric = PrivacyMetric::kLoss;
  double suppression_limit = 0;

  // The most records that may be suppressed.
  int64_t SuppressionAllowance() const {
    return static_cast<int64_t>(suppression_limit * static_cast<double>(records) + 1e-9);
  }
};

}  // namespace veil
