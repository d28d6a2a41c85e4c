// InformationLoss: how much a generalisation costs the data, by the policy's metric.
//
//   loss            ARX's "Loss": per quasi-identifier the mean over records of
//                   (leaves under the value - 1) / (leaves of the hierarchy - 1), a
//                   suppressed record counting 1; combined as the geometric mean of
//                   (1 + loss) minus 1. 0 = nothing generalised, 1 = everything '*'.
//   precision       Sweeney's: per quasi-identifier the mean of level / highest level,
//                   suppressed records counting 1; the mean over quasi-identifiers.
//   discernibility  the sum over classes of size^2, a suppressed record counting the
//                   number of records.
//   entropy         non-uniform entropy: over records and quasi-identifiers,
//                   -log2(records with the original value / records with the
//                   generalised value); suppressed records as if generalised to '*'.
// All four never decrease when a level is raised with nothing suppressed. For loss,
// precision and entropy the value with nothing suppressed depends on the levels alone
// and is a lower bound of the value whatever is suppressed (a suppressed record costs
// the most), which lets the search skip nodes without building their classes.
#pragma once

#include <optional>
#include <vector>

#include "privacy/privacy_problem.h"

namespace veil {

class InformationLoss {
 public:
  explicit InformationLoss(const PrivacyProblem& problem);

  bool HasLowerBound() const { return metric_ != PrivacyMetric::kDiscernibility; }
  // The value with nothing suppressed (loss, precision, entropy only).
  double LowerBound(const std::vector<int>& levels) const;
  // The value of the generalisation whose classes (codes at `levels`) are given, with
  // the classes marked in `suppressed` suppressed.
  double Value(const std::vector<int>& levels, const ClassTable& classes,
               const std::vector<uint8_t>& suppressed) const;

 private:
  double Combine(const std::vector<double>& per_column) const;
  double CellLoss(size_t d, int level, int32_t code) const;

  const PrivacyProblem& problem_;
  PrivacyMetric metric_;
  // [column][level][code]: records whose value generalises to code.
  std::vector<std::vector<std::vector<int64_t>>> records_under_;
  // [column][level]: the column's metric summed over records, nothing suppressed.
  std::vector<std::vector<double>> column_sum_;
};

}  // namespace veil
