#include "verify/checks/builtin_checks.h"

#include <set>

#include "verify/checks/check_fixture.h"
#include "verify/checks/date_interval_check.h"
#include "verify/checks/foreign_key_check.h"
#include "verify/checks/format_check.h"
#include "verify/checks/leak_check.h"
#include "verify/checks/literal_source.h"
#include "verify/checks/privacy_model_check.h"
#include "verify/checks/structure_checks.h"
#include "verify/checks/unchanged_check.h"
#include "verify/checks/unkeyed_hash_check.h"

namespace veil {
namespace {

using testing::CheckFixture;
using testing::LiteralSource;

constexpr const char* kPolicy = "version: 1\ntables:\n  t: keep\n";

TEST(BuiltinChecksTest, EveryCheckOnceUnderItsOwnNameInReportOrder) {
  CheckFixture f(kPolicy, {"a"});
  const auto checks = BuiltinChecks(f.plan(), f.policy(), 1);
  std::vector<std::string_view> names;
  for (const auto& check : checks) names.push_back(check->name());
  EXPECT_EQ(names, (std::vector<std::string_view>{
                       UnchangedCheck::kName, LeakCheck::kName, ForeignKeyCheck::kName,
                       DateIntervalCheck::kName, FormatCheck::kName, RowCountCheck::kName,
                       SchemaCheck::kName, UnkeyedHashCheck::kName, PrivacyModelCheck::kName}));
  EXPECT_EQ(std::set<std::string_view>(names.begin(), names.end()).size(), names.size());
}

TEST(BuiltinChecksTest, AnHonestCopyPassesEveryCheck) {
  CheckFixture f(kPolicy, {"a"});
  LiteralSource original, copy;
  original.Add(f.plan().tables.front().original, {{"x", "y"}});
  copy.Add(f.plan().tables.front().original, {{"x", "y"}});
  for (const auto& check : BuiltinChecks(f.plan(), f.policy(), 1)) {
    ASSERT_TRUE(check->Prepare(original, copy).ok()) << check->name();
    f.Feed(*check, 0, {{"x", "y"}}, {{"x", "y"}});
    CheckOutcome outcome;
    EXPECT_TRUE(f.Finish(*check, outcome).empty()) << check->name();
    EXPECT_EQ(outcome.errors + outcome.warnings, 0) << check->name();
  }
}

}  // namespace
}  // namespace veil
