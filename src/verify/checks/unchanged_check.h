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
  UnchangedCheck(const VerifyPlan& plan, const VerifyPolicy& policy)
      : plan_(plan), policy_(policy) {}

  Status OnPairs(const PairedRows& rows) override;
  void Finish(std::vector<Finding>& findings, CheckOutcome& outcome) override;

  // Counts for column `column` of table `table` (ids as in the plan); nullptr if the
  // column was never compared.
  const UnchangedCounts* Counts(size_t table, size_t column) const;

 private:
  const VerifyPlan& plan_;
  const VerifyPolicy& policy_;
  std::map<std::pair<size_t, size_t>, UnchangedCounts> counts_;
};

}  // namespace veil
