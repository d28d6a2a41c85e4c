#include "verify/checks/format_check.h"

#include "verify/checks/check_fixture.h"

namespace veil {
namespace {

using testing::CheckFixture;

constexpr const char* kPolicy = R"(version: 1
entities:
  child: {pseudonym: {alphabet: digits, length: 6, prefix: "P"}}
tables:
  t:
    columns:
      id: {pseudonymise: child}
      nhs: {fake: nhs_number}
      phone: {fake: mobile}
      email: {fake: email}
)";

TEST(FormatCheckTest, EachKindHasItsRule) {
  CheckFixture f(kPolicy, {"id", "nhs", "phone", "email"});
  FormatCheck check(f.plan(), f.policy());
  const auto findings =
      f.Run(check, {{"1", "2", "3"}, {"x", "x", "x"}, {"x", "x", ""}, {"x", "x", "x"}},
            {{"P123456", "P012345", "123456"},
             {"9990000018", "9990000019", "4010232137"},
             {"07700 900123", "07911 123456", ""},
             {"a@example.com", "b@gmail.com", "c@test"}});
  std::map<std::string, std::vector<int64_t>> rows;
  for (const auto& finding : findings) {
    auto& list = rows[finding.column];
    list.insert(list.end(), finding.rows.begin(), finding.rows.end());
    std::sort(list.begin(), list.end());
  }
  EXPECT_EQ(rows["id"], (std::vector<int64_t>{2, 3}));  // leading 0; no prefix
  EXPECT_EQ(rows["phone"], (std::vector<int64_t>{2}));  // a real mobile range
  EXPECT_EQ(rows["email"], (std::vector<int64_t>{2}));  // not a reserved domain
  ASSERT_EQ(rows["nhs"].size(), 2u);                    // bad check digit; not 999
  EXPECT_EQ(rows["nhs"], (std::vector<int64_t>{2, 3}));
}

}  // namespace
}  // namespace veil
