// UnchangedCheck (`unchanged`): for every column whose rule should change it, the share
// of rows whose copy equals the original in the same row. Over the rule's threshold (see
// UnchangedThreshold in verify/column_role.h) it is an error listing the rows.
//
// NULL and empty originals are not compared (every rule keeps them); neither are values a
// rule legitimately keeps: a masked value no longer than keep_last, an original already
// equal to a `value` rule's constant. Kept columns are counted for the statistics only.
#pragma once

#include <map>
#include <utility>

#include "policy/policy.h"
#include "verify/check.h"
#include "verify/row_tally.h"

namespace veil {

struct UnchangedCounts {
  int64_t compared = 0;
  RowTally unchanged;
};

class UnchangedCheck : public Check {
 public:
  static constexpr std::string_view kName = "unchanged";

  UnchangedCheck(const VerifyPlan& plan, const VerifyPolicy& policy)
      : plan_(plan), policy_(policy) {}
  std::string_view name() const override { return kName; }

  Status OnPairs(const PairedRows& rows) override;
  void Finish(std::vector<Finding>& findings, CheckOutcome& outcome) override;

  // For every column of the report's tables: the rows compared, how many of them were
  // unchanged (0 and 0 for a column never compared), and the largest unchanged share its
  // rule allows.
  void Describe(VerificationReport& report) const override;

 private:
  const VerifyPlan& plan_;
  const VerifyPolicy& policy_;
  std::map<std::pair<size_t, size_t>, UnchangedCounts> counts_;
};

}  // namespace veil
