// FormatCheck (`format`): every value a fake or a pseudonym produced is valid for its
// kind and can belong to nobody: NHS numbers valid and in the never-issued 999 range, UPNs
// with a correct check letter, NI numbers with a never-issued prefix, phone numbers in
// Ofcom's drama ranges, e-mail addresses on reserved domains, IPs in documentation ranges,
// well-formed postcodes, dates that parse in the original's form; pseudonyms in their
// entity's alphabet, length and prefix; and no transformed value longer than the copy's
// declared column length (VARCHAR(n), CHAR(n)). Compared row by row with the original so
// that NULL and empty originals (which rules keep) are skipped.
#pragma once

#include <map>
#include <set>
#include <string>
#include <tuple>

#include "policy/policy.h"
#include "verify/check.h"
#include "verify/row_tally.h"

namespace veil {

class FormatCheck : public Check {
 public:
  static constexpr std::string_view kName = "format";

  FormatCheck(const VerifyPlan& plan, const Policy& policy) : plan_(plan), policy_(policy) {}
  std::string_view name() const override { return kName; }
  Status OnPairs(const PairedRows& rows) override;
  void Finish(std::vector<Finding>& findings, CheckOutcome& outcome) override;

 private:
  void CheckColumn(const PairedRows& rows, size_t column);

  const VerifyPlan& plan_;
  const Policy& policy_;
  // (table id, column, problem) -> rows; the problem is the finding's detail.
  std::map<std::tuple<size_t, size_t, std::string>, RowTally> problems_;
  std::set<std::pair<size_t, size_t>> checked_;  // (table id, column) looked at
};

}  // namespace veil
