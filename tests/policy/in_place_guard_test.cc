#include "policy/in_place_guard.h"

#include <gtest/gtest.h>

namespace veil {
namespace {

Policy WithAllow(std::vector<std::string> globs) {
  Policy policy;
  policy.path = "p.yaml";
  policy.in_place_allow = std::move(globs);
  return policy;
}

TEST(InPlaceGuardTest, DatabaseNameGlobs) {
  const Policy policy = WithAllow({"staging_*", "*_dev"});
  EXPECT_TRUE(CheckInPlaceAllowed(policy, "staging_social_care", {"db1"}).ok());
  EXPECT_TRUE(CheckInPlaceAllowed(policy, "payroll_dev", {"db1"}).ok());
  const Status refused = CheckInPlaceAllowed(policy, "social_care", {"db1"});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.code(), ErrorCode::kConflict);
  EXPECT_NE(refused.message().find("'social_care'"), std::string::npos) << refused.message();
  EXPECT_NE(refused.message().find("'staging_*', '*_dev'"), std::string::npos);
  // A glob matches the whole name, not a part of it.
  EXPECT_FALSE(CheckInPlaceAllowed(policy, "prod_staging_x", {"db1"}).ok());
  EXPECT_FALSE(CheckInPlaceAllowed(policy, "payroll_dev_copy", {"db1"}).ok());
}

TEST(InPlaceGuardTest, HostGlobsMustMatchEveryHost) {
  const Policy policy = WithAllow({"staging-*.internal:*"});
  EXPECT_TRUE(CheckInPlaceAllowed(policy, "social_care", {"staging-1.internal"}).ok());
  EXPECT_FALSE(CheckInPlaceAllowed(policy, "social_care", {"prod-1.internal"}).ok());
  EXPECT_FALSE(
      CheckInPlaceAllowed(policy, "social_care", {"staging-1.internal", "prod-1.internal"}).ok());
}

TEST(InPlaceGuardTest, NoRuleOrNoDatabaseNameRefuses) {
  EXPECT_NE(CheckInPlaceAllowed(WithAllow({}), "staging_x", {"h"}).message().find("no in_place"),
            std::string::npos);
  EXPECT_FALSE(CheckInPlaceAllowed(WithAllow({"*"}), "", {"h"}).ok());
}

}  // namespace
}  // namespace veil
