#include <set>

#include "transforms/rule_fixture.h"

namespace veil {
namespace {

using testing::Cells;
using testing::RuleFixture;

std::string PolicyWith(const std::string& pseudonym) {
  return "version: 1\nentities:\n  person:\n    pseudonym: " + pseudonym +
         "\ntables:\n  t:\n    columns:\n      id: {pseudonymise: person}\n";
}

Cells Pseudonymise(RuleFixture& f, const Cells& values) {
  EXPECT_TRUE(f.Plan().ok());
  auto out = f.Apply(0, {values});
  EXPECT_TRUE(out.ok()) << out.status().message();
  return out.ok() ? out.value() : Cells{};
}

TEST(PseudonymiseRuleTest, KeepsFormatAndEquality) {
  RuleFixture f(PolicyWith("{alphabet: upper_alnum, length: 12, prefix: 'P-'}"), {"id"});
  const Cells out = Pseudonymise(f, {"1001", "1002", "1001", std::nullopt, ""});
  ASSERT_EQ(out.size(), 5u);
  EXPECT_EQ(out[0], out[2]);
  EXPECT_NE(out[0], out[1]);
  EXPECT_FALSE(out[3].has_value());
  EXPECT_EQ(out[4], "");
  for (int i : {0, 1}) {
    ASSERT_EQ(out[i]->size(), 14u);
    EXPECT_EQ(out[i]->substr(0, 2), "P-");
    for (char c : out[i]->substr(2)) EXPECT_TRUE(std::isdigit(c) || std::isupper(c)) << *out[i];
  }
}

TEST(PseudonymiseRuleTest, SameSecretSameOutputOtherSecretUnrelated) {
  RuleFixture a(PolicyWith("{alphabet: alnum, length: 16}"), {"id"}, "secret-number-one-0123");
  RuleFixture b(PolicyWith("{alphabet: alnum, length: 16}"), {"id"}, "secret-number-one-0123");
  RuleFixture c(PolicyWith("{alphabet: alnum, length: 16}"), {"id"}, "secret-number-two-0123");
  const Cells in = {"42", "43", "44"};
  EXPECT_EQ(Pseudonymise(a, in), Pseudonymise(b, in));
  const Cells other = Pseudonymise(c, in);
  const Cells first = Pseudonymise(a, in);
  for (size_t i = 0; i < in.size(); ++i) EXPECT_NE(first[i], other[i]);
}

TEST(PseudonymiseRuleTest, DigitsNeverStartWithZeroAndNeverEqualUnkeyedHashes) {
  RuleFixture f(PolicyWith("{alphabet: digits, length: 9}"), {"id"});
  Cells in;
  for (int i = 0; i < 2000; ++i) in.push_back(std::to_string(i));
  const Cells out = Pseudonymise(f, in);
  std::set<std::string> distinct;
  for (const auto& v : out) {
    ASSERT_EQ(v->size(), 9u);
    EXPECT_NE((*v)[0], '0');
    distinct.insert(*v);
  }
  EXPECT_EQ(distinct.size(), in.size());
}

TEST(PseudonymiseRuleTest, CollisionInTinySpaceIsAnError) {
  // 4 hex characters: 65,536 pseudonyms; 5,000 values collide with near certainty.
  RuleFixture f(PolicyWith("{alphabet: hex, length: 4}"), {"id"});
  ASSERT_TRUE(f.Plan().ok());
  Cells in;
  for (int i = 0; i < 5000; ++i) in.push_back("id-" + std::to_string(i));
  auto out = f.Apply(0, {in});
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("same pseudonym"), std::string::npos);
  EXPECT_EQ(out.status().message().find("id-"), std::string::npos);
}

TEST(PseudonymiseRuleTest, TooLongForDeclaredColumnIsRefusedAtPlanTime) {
  RuleFixture f(PolicyWith("{alphabet: alnum, length: 16}"), {"id"});
  f.SetDeclaredType(0, "NVARCHAR(10)");
  const Status status = f.Plan();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("column id"), std::string::npos);
  EXPECT_NE(status.message().find("test-policy.yaml:8"), std::string::npos) << status.message();
}

TEST(PseudonymiseRuleTest, UnknownEntityNamesPolicyLine) {
  RuleFixture f("version: 1\ntables:\n  t:\n    columns:\n      id: {pseudonymise: nobody}\n",
                {"id"});
  const Status status = f.Plan();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find(":5:"), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("nobody"), std::string::npos);
}

}  // namespace
}  // namespace veil

namespace veil {
namespace {

TEST(PseudonymiseRuleTest, IntegerColumnsNeedDigitPseudonyms) {
  testing::RuleFixture alnum(PolicyWith("{alphabet: alnum, length: 8}"), {"id"});
  alnum.SetDeclaredType(0, "INTEGER");
  const Status status = alnum.Plan();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("integers"), std::string::npos);
  testing::RuleFixture digits(PolicyWith("{alphabet: digits, length: 12}"), {"id"});
  digits.SetDeclaredType(0, "BIGINT");
  EXPECT_TRUE(digits.Plan().ok());
}

}  // namespace
}  // namespace veil
