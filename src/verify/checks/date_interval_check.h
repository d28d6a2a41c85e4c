// DateIntervalCheck (`date_interval`): for every column shifted by entity
// (`{date_shift: ENTITY}`), every date of one member of the entity moved by the same
// number of days — so the order of a child's events and every interval between them are
// exactly the original's — and that number lies in the entity's declared range (and is
// not 0 unless the range is {0, 0}). Columns shifted by their own range are checked for
// the range only. The member is read from the original row's key column, as the
// anonymiser reads it.
//
// A member's dates that disagree are reported against the shift most of that member's
// dates share, so the one moved date is the row named. Memory: 24 bytes per shifted date.
#pragma once

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "policy/policy.h"
#include "verify/check.h"
#include "verify/row_tally.h"

namespace veil {

class DateIntervalCheck : public Check {
 public:
  static constexpr std::string_view kName = "date_interval";

  DateIntervalCheck(const VerifyPlan& plan, const Policy& policy) : plan_(plan), policy_(policy) {}
  std::string_view name() const override { return kName; }
  Status OnPairs(const PairedRows& rows) override;
  void Finish(std::vector<Finding>& findings, CheckOutcome& outcome) override;

 private:
  struct Shift {
    uint64_t member;  // hash of the entity name and the member's original key
    int32_t days;
    uint32_t column;  // index into columns_
    int64_t row;
  };
  void CheckColumn(const PairedRows& rows, size_t column, const DayRange& range, int key_column);
  void ReportDisagreements(std::vector<Finding>& findings, CheckOutcome& outcome);

  const VerifyPlan& plan_;
  const Policy& policy_;
  std::vector<std::pair<size_t, size_t>> columns_;  // (table id, column) of shifts_[i].column
  std::map<std::pair<size_t, size_t>, uint32_t> column_ids_;
  std::vector<Shift> shifts_;
  std::map<std::tuple<size_t, size_t, std::string>, RowTally> problems_;
};

}  // namespace veil
