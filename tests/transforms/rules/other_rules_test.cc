#include <set>

#include "core/date_text.h"
#include "transforms/rule_fixture.h"

namespace veil {
namespace {

using testing::Cells;
using testing::RuleFixture;

const char* kPolicy = R"(version: 1
tables:
  t:
    columns:
      code: {choice: [X1, X2, X3]}
      eth: {choice: dfe.ethnicity}
      card: {mask: {keep_last: 4}}
      when: {generalise: quarter}
      age: {generalise: {bins: [0, 18, 65]}}
      pay: {noise: {relative: 0.1}}
      born: {date_random: {from: 2010-01-01, to: 2010-12-31}}
      note: {value: REDACTED}
      gone: null
)";

const std::vector<std::string> kColumns = {"code", "eth",  "card", "when", "age",
                                           "pay",  "born", "note", "gone"};

Cells ApplyTo(RuleFixture& f, size_t column, const Cells& values) {
  std::vector<Cells> columns(kColumns.size(), Cells(values.size(), std::string("x")));
  columns[column] = values;
  auto out = f.Apply(column, columns);
  EXPECT_TRUE(out.ok()) << out.status().message();
  return out.ok() ? out.value() : Cells{};
}

class OtherRulesTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(f_.Plan().ok()); }
  RuleFixture f_{kPolicy, kColumns};
};

TEST_F(OtherRulesTest, ChoiceDrawsFromListAndCoversIt) {
  const Cells out = ApplyTo(f_, 0, Cells(300, std::string("orig")));
  std::set<std::string> seen;
  for (const auto& v : out) seen.insert(*v);
  EXPECT_EQ(seen, (std::set<std::string>{"X1", "X2", "X3"}));
  const Cells eth = ApplyTo(f_, 1, Cells(50, std::string("WBRI")));
  const auto* list = f_.run().code_lists->Find("dfe.ethnicity");
  ASSERT_NE(list, nullptr);
  for (const auto& v : eth) EXPECT_NE(std::find(list->begin(), list->end(), *v), list->end());
}

TEST_F(OtherRulesTest, MaskKeepsLastCharacters) {
  EXPECT_EQ(ApplyTo(f_, 2, {"1234567890", "ab", "Zoë12345"}),
            (Cells{"******7890", "ab", "****2345"}));
}

TEST_F(OtherRulesTest, GeneraliseDatesAndBins) {
  EXPECT_EQ(ApplyTo(f_, 3, {"2021-05-17", "17/11/2021", "2021-03-31T23:59:00", std::nullopt}),
            (Cells{"2021-04-01", "01/10/2021", "2021-01-01T00:00:00", std::nullopt}));
  EXPECT_EQ(ApplyTo(f_, 4, {"-1", "0", "17.5", "18", "70"}),
            (Cells{"<0", "[0, 18)", "[0, 18)", "[18, 65)", ">=65"}));
}

TEST_F(OtherRulesTest, NoiseStaysWithinRelativeBoundAndKeepsPrecision) {
  Cells in(100, std::string("1000.50"));
  for (const auto& v : ApplyTo(f_, 5, in)) {
    const double d = std::stod(*v);
    EXPECT_GE(d, 900.45);
    EXPECT_LE(d, 1100.55);
    EXPECT_EQ(v->size() - v->find('.'), 3u);
  }
  std::vector<Cells> columns(kColumns.size(), Cells(1, std::string("x")));
  columns[5] = {"12abc"};
  EXPECT_FALSE(f_.Apply(5, columns).ok());
}

TEST_F(OtherRulesTest, DateRandomStaysInRangeAndKeepsForm) {
  for (const auto& v : ApplyTo(f_, 6, Cells(100, std::string("03/04/1999")))) {
    ASSERT_EQ((*v)[2], '/');
    const auto date = ParseDateText(*v);
    ASSERT_TRUE(date.has_value());
    EXPECT_GE(date->day, *ParseIsoDay("2010-01-01"));
    EXPECT_LE(date->day, *ParseIsoDay("2010-12-31"));
  }
}

TEST_F(OtherRulesTest, ValueAndNull) {
  EXPECT_EQ(ApplyTo(f_, 7, {"secret note", std::nullopt}), (Cells{"REDACTED", std::nullopt}));
  EXPECT_EQ(ApplyTo(f_, 8, {"a", std::nullopt}), (Cells{std::nullopt, std::nullopt}));
}

TEST(RuleErrorsTest, UnknownRuleAndListNamePolicyLine) {
  RuleFixture unknown("version: 1\ntables:\n  t:\n    columns:\n      a: {scramble: yes}\n", {"a"});
  Status s = unknown.Plan();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find(":5:"), std::string::npos) << s.message();
  RuleFixture list("version: 1\ntables:\n  t:\n    columns:\n      a: {choice: dfe.nope}\n", {"a"});
  s = list.Plan();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("dfe.nope"), std::string::npos);
}

}  // namespace
}  // namespace veil
