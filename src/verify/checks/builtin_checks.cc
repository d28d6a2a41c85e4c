#include "verify/checks/builtin_checks.h"

#include "verify/checks/date_interval_check.h"
#include "verify/checks/foreign_key_check.h"
#include "verify/checks/format_check.h"
#include "verify/checks/leak_check.h"
#include "verify/checks/privacy_model_check.h"
#include "verify/checks/structure_checks.h"
#include "verify/checks/unchanged_check.h"
#include "verify/checks/unkeyed_hash_check.h"

namespace veil {

std::vector<std::unique_ptr<Check>> BuiltinChecks(const VerifyPlan& plan, const Policy& policy,
                                                  int threads) {
  std::vector<std::unique_ptr<Check>> checks;
  checks.push_back(std::make_unique<UnchangedCheck>(plan, policy.verify));
  checks.push_back(std::make_unique<LeakCheck>(plan, policy.verify, threads));
  checks.push_back(std::make_unique<ForeignKeyCheck>(plan));
  checks.push_back(std::make_unique<DateIntervalCheck>(plan, policy));
  checks.push_back(std::make_unique<FormatCheck>(plan, policy));
  checks.push_back(std::make_unique<RowCountCheck>(plan));
  checks.push_back(std::make_unique<SchemaCheck>(plan));
  checks.push_back(std::make_unique<UnkeyedHashCheck>(plan));
  checks.push_back(std::make_unique<PrivacyModelCheck>(plan, policy));
  return checks;
}

}  // namespace veil
