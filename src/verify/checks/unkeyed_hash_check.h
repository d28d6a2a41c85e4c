// UnkeyedHashCheck (`unkeyed_hash`): warns when a pseudonymised column's values are
// reproduced by an unkeyed hash of the originals — MD5, SHA-1 or SHA-256 of the value
// (as it is, or trimmed and lower-cased), in hex, whole or truncated to a prefix of at
// least 8 characters, in either letter case. Anyone can reverse such "pseudonyms" by
// hashing every candidate identifier. Looks at the first kSample non-empty rows of each
// such column and warns when most of them match one recipe.
#pragma once

#include <map>
#include <utility>

#include "verify/check.h"
#include "verify/row_tally.h"

namespace veil {

class UnkeyedHashCheck : public Check {
 public:
  static constexpr std::string_view kName = "unkeyed_hash";
  static constexpr int kSample = 64;

  explicit UnkeyedHashCheck(const VerifyPlan& plan) : plan_(plan) {}
  std::string_view name() const override { return kName; }
  Status OnPairs(const PairedRows& rows) override;
  void Finish(std::vector<Finding>& findings, CheckOutcome& outcome) override;

 private:
  struct Sample {
    int seen = 0;
    std::map<std::string, int> matches;  // recipe -> rows matching it
    RowTally rows;
  };
  const VerifyPlan& plan_;
  std::map<std::pair<size_t, size_t>, Sample> samples_;
};

}  // namespace veil
