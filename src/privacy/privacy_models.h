// PrivacyModels: the statistical models of a table's privacy section, decided one
// equivalence class at a time: k-anonymity (at least k records), l-diversity (distinct,
// entropy or recursive (c,l)) and t-closeness (equal, ordered or hierarchical earth
// mover's distance to the whole table's distribution) of the sensitive attribute.
// A class that fails any model is suppressed; a generalisation is acceptable when the
// records suppressed stay within the limit.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "policy/privacy_spec.h"
#include "privacy/class_table.h"
#include "privacy/hierarchy.h"

namespace veil {

// What the t-closeness distances need to know about the sensitive attribute's values
// (codes 0..size-1): their share of the whole table, their order, and for the
// hierarchical distance each value's leaf in the sensitive hierarchy.
struct SensitiveDomain {
  std::vector<double> overall_share;
  std::vector<int32_t> rank;           // code -> position in the value order
  std::optional<Hierarchy> hierarchy;  // kHierarchical
  std::vector<int32_t> leaf_of;        // code -> leaf of `hierarchy`
};

class PrivacyModels {
 public:
  PrivacyModels(const PrivacySpec& spec, SensitiveDomain domain);

  // Number of models (k counts as one even when k = 1).
  size_t Count() const { return 1 + (l_ ? 1 : 0) + (t_ ? 1 : 0); }
  // Model i is 0: k, then l (if any), then t (if any).
  bool Holds(size_t model, int64_t size, std::span<const SensitiveCount> histogram) const;
  bool AllHold(int64_t size, std::span<const SensitiveCount> histogram) const;
  // Whether the models whose failures never grow (k-anonymity, distinct l-diversity)
  // hold for the class.
  bool MonotoneHold(int64_t size, std::span<const SensitiveCount> histogram) const {
    if (size < k_) return false;
    return !l_ || l_->variant != LDiversitySpec::Variant::kDistinct ||
           static_cast<double>(histogram.size()) >= l_->l;
  }
  std::string Describe(size_t model) const;  // e.g. "5-anonymity"
  std::vector<std::string> Names() const;
  // The distance of a class to the whole table (t-closeness), for checking outputs.
  double Distance(int64_t size, std::span<const SensitiveCount> histogram) const;
  bool NeedsSensitive() const { return l_ || t_; }
  // True when a class merged from others fails only if all of them fail (k-anonymity,
  // distinct l-diversity), so the records that fail never grow with generalisation.
  // Entropy and recursive l-diversity and t-closeness hold for a merge of classes that
  // all hold them, but a passing class merged with a failing one may fail: with
  // suppression allowed, their acceptability is not monotone over the lattice.
  bool FailuresNeverGrow() const {
    return !t_ && (!l_ || l_->variant == LDiversitySpec::Variant::kDistinct);
  }

 private:
  bool Diverse(int64_t size, std::span<const SensitiveCount> histogram) const;
  double OrderedDistance(int64_t size, std::span<const SensitiveCount> histogram) const;
  double HierarchicalDistance(int64_t size, std::span<const SensitiveCount> histogram) const;

  int64_t k_;
  std::optional<LDiversitySpec> l_;
  std::optional<TClosenessSpec> t_;
  SensitiveDomain domain_;
};

}  // namespace veil
