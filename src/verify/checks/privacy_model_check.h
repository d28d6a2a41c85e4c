// PrivacyModelCheck (`k_anonymity`): for every table whose policy has a privacy section,
// the copy's classes — rows sharing every quasi-identifier value — satisfy the declared
// models (k-anonymity, l-diversity, t-closeness against the original's distribution of
// the sensitive column), and the records suppressed (every quasi-identifier '*', or
// rows missing with `suppress: remove`) stay within the suppression limit. Findings name
// the table, the model and the first row of up to 20 failing classes.
#pragma once

#include <map>
#include <memory>

#include "verify/check.h"

namespace veil {

class PrivacyModelCheck : public Check {
 public:
  static constexpr std::string_view kName = "k_anonymity";

  PrivacyModelCheck(const VerifyPlan& plan, const Policy& policy);
  ~PrivacyModelCheck() override;
  std::string_view name() const override { return kName; }

  Status OnOriginal(const VerifiedTable& table, const Batch& batch) override;
  Status OnCopy(const VerifiedTable& table, const Batch& batch) override;
  void OnTableEnd(const VerifiedTable& table, int64_t original_rows, int64_t copy_rows) override;
  void Finish(std::vector<Finding>& findings, CheckOutcome& outcome) override;

 private:
  struct TableState;
  const Policy& policy_;
  std::map<size_t, std::unique_ptr<TableState>> tables_;  // table id -> state
  std::vector<Finding> findings_;
  int checked_ = 0;
};

}  // namespace veil
