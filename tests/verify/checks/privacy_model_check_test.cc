#include "verify/checks/privacy_model_check.h"

#include "verify/checks/check_fixture.h"

namespace veil {
namespace {

using testing::CheckFixture;

constexpr const char* kPolicy = R"(version: 1
tables:
  t:
    columns:
      zip: {generalise: {mask: right}}
      notes: keep
    privacy: {k: 2}
)";

TEST(PrivacyModelCheckTest, AClassSmallerThanKIsAnError) {
  CheckFixture f(kPolicy, {"zip", "notes"});
  PrivacyModelCheck check(f.plan(), f.policy());
  const auto findings = f.Run(check, {{"LS1", "LS2", "M13", "M14"}, {"a", "b", "c", "d"}},
                              {{"LS*", "LS*", "M1*", "M2*"}, {"a", "b", "c", "d"}});
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].table, "t");
  EXPECT_EQ(findings[0].count, 2);
  EXPECT_EQ(findings[0].rows, (std::vector<int64_t>{3, 4}));
  EXPECT_NE(findings[0].detail.find("2 classes (2 records) of the copy fail"), std::string::npos)
      << findings[0].detail;
}

TEST(PrivacyModelCheckTest, ClassesOfKOrMorePass) {
  CheckFixture f(kPolicy, {"zip", "notes"});
  PrivacyModelCheck check(f.plan(), f.policy());
  CheckOutcome outcome;
  f.Feed(check, 0, {{"LS1", "LS2", "M13", "M14"}, {"a", "b", "c", "d"}},
         {{"LS*", "LS*", "M1*", "M1*"}, {"a", "b", "c", "d"}});
  EXPECT_TRUE(f.Finish(check, outcome).empty());
  EXPECT_TRUE(outcome.ran);
  EXPECT_EQ(outcome.coverage, "1 table with a privacy section");
}

TEST(PrivacyModelCheckTest, SuppressedRecordsBeyondTheLimitAreAnError) {
  CheckFixture f(kPolicy, {"zip", "notes"});
  PrivacyModelCheck check(f.plan(), f.policy());
  const auto findings = f.Run(check, {{"LS1", "LS2", "M13"}, {"a", "b", "c"}},
                              {{"LS*", "LS*", "*"}, {"a", "b", "c"}});
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].count, 1);
  EXPECT_NE(findings[0].detail.find("1 records are suppressed"), std::string::npos)
      << findings[0].detail;
}

TEST(PrivacyModelCheckTest, DoesNotRunWithoutAPrivacySection) {
  CheckFixture f("version: 1\ntables:\n  t: keep\n", {"zip"});
  PrivacyModelCheck check(f.plan(), f.policy());
  CheckOutcome outcome;
  f.Feed(check, 0, {{"LS1"}}, {{"LS1"}});
  EXPECT_TRUE(f.Finish(check, outcome).empty());
  EXPECT_FALSE(outcome.ran);
}

}  // namespace
}  // namespace veil
