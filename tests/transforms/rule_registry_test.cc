// The rule registry's two steps: Parse reads a rule's argument from the policy alone,
// Build makes the rule for a column. A new kind plugs in with one Register call.
#include "transforms/rule_registry.h"

#include <gtest/gtest.h>

#include "engine/table_plan.h"
#include "policy/rule_kinds.h"
#include "support/text_table.h"
#include "transforms/rule_fixture.h"

namespace veil {
namespace {

using testing::Cells;
using testing::RuleFixture;

RuleSpec SpecOf(const std::string& policy_text, const std::string& column, Policy& policy) {
  auto parsed = ParsePolicy(policy_text, "p.yaml");
  EXPECT_TRUE(parsed.ok()) << parsed.status().message();
  policy = std::move(parsed).value();
  const RuleSpec* spec = policy.tables.front().FindColumn(column);
  EXPECT_NE(spec, nullptr);
  return spec ? *spec : RuleSpec{};
}

TEST(RuleRegistryTest, ParseReadsTheArgumentWithoutASourceAndNamesKindAndLine) {
  Policy policy;
  const RuleSpec spec = SpecOf(
      "version: 1\ntables:\n  t:\n    columns:\n      card: {mask: "
      "{keep_last: 4}}\n",
      "card", policy);
  const RuleRegistry registry = BuiltinRules();
  auto parsed = registry.Parse(spec, RuleSite{"p.yaml", "t", "card", &registry});
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(parsed->kind(), "mask");
  EXPECT_EQ(parsed->line(), 5);
}

TEST(RuleRegistryTest, BadArgumentsAreErrorsNamingFileLineTableAndColumn) {
  const RuleRegistry registry = BuiltinRules();
  const RuleSite site{"p.yaml", "t", "c", &registry};
  struct Case {
    std::string rule;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"{mask: {keep_last: -1}}", "p.yaml:5: table t, column c: keep_last must be 0 or more"},
      {"{mask: {keep_last: [1]}}",
       "p.yaml:5: table t, column c: the argument of 'mask' has the wrong shape; see "
       "docs/policy.md"},
      {"{noise: {relative: 2}}", "p.yaml:5: table t, column c: noise's relative must be in (0, 1]"},
      {"{date_shift: {min_days: 5, max_days: 1}}",
       "p.yaml:5: table t, column c: min_days > max_days"},
      {"{generalise: decade}",
       "p.yaml:5: table t, column c: generalise takes month, quarter, year or {bins: [...]}"},
      {"{choice: []}", "p.yaml:5: table t, column c: choice needs a non-empty list or a list name"},
      {"{shuffle: x}", "p.yaml:5: table t, column c: unknown rule 'shuffle'"},
      {"{json: {'$.a': {mask: {keep_last: -2}}}}",
       "p.yaml:5: table t, column c, path $.a: keep_last must be 0 or more"},
  };
  for (const Case& c : cases) {
    Policy policy;
    const RuleSpec spec =
        SpecOf("version: 1\ntables:\n  t:\n    columns:\n      c: " + c.rule + "\n", "c", policy);
    auto parsed = registry.Parse(spec, site);
    ASSERT_FALSE(parsed.ok()) << c.rule;
    EXPECT_EQ(parsed.status().message().substr(0, c.message.size()), c.message) << c.rule;
  }
}

// A bad argument stops the run even in a table the source does not have: parsing reads
// every rule of the policy before any table is planned.
TEST(RuleRegistryTest, ABadArgumentInATableTheSourceLacksStopsPlanning) {
  RuleFixture fixture(R"(version: 1
tables:
  t:
    columns:
      a: keep
  absent:
    columns:
      x: {noise: {relative: 7}}
)",
                      {"a"});
  const Status status = fixture.Plan();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("table absent, column x: noise's relative"), std::string::npos)
      << status.message();
}

// Errors that need the column (its declared type) or the run (declared entities) come
// from the build step, with the same file, line, table and column.
TEST(RuleRegistryTest, BuildErrorsNameTheRuleLine) {
  RuleFixture fixture(R"(version: 1
tables:
  t:
    columns:
      a: keep
      b: {value: much-too-long}
)",
                      {"a", "b"});
  fixture.SetDeclaredType(1, "varchar(4)");
  const Status status = fixture.Plan();
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.message(),
            "test-policy.yaml:6: table t, column b: the value is longer than the column allows");
}

// A declared length too large for size_t is no limit, not a failure: it once escaped
// as an exception from std::stoul and stopped the run as an internal error.
TEST(RuleRegistryTest, AnEnormousDeclaredLengthIsNoLimit) {
  RuleFixture fixture(R"(version: 1
tables:
  t:
    columns:
      a: {value: REDACTED}
)",
                      {"a"});
  fixture.SetDeclaredType(0, "varchar(99999999999999999999)");
  const Status status = fixture.Plan();
  EXPECT_TRUE(status.ok()) << status.message();
}

// What a newcomer writes for a new kind: arguments, a parser, a builder, one Register.
struct RepeatArgs {
  std::string text;
};

class RepeatRule final : public Rule {
 public:
  explicit RepeatRule(std::string text) : text_(std::move(text)) {}
  Status Apply(const Batch& batch, size_t, Column& out) override {
    for (size_t i = 0; i < batch.rows(); ++i) out.Append(text_);
    return Status::Ok();
  }

 private:
  std::string text_;
};

TEST(RuleRegistryTest, ANewKindPlugsInWithOneRegisterCall) {
  RuleRegistry registry;
  registry.Register<RepeatArgs>(
      "repeat",
      [](const RuleSpec& spec, const RuleSite& site) -> Result<RepeatArgs> {
        if (!spec.argument.IsScalar()) return site.Error(spec, "repeat takes a text");
        return RepeatArgs{spec.argument.as<std::string>() + "!"};
      },
      [](const RepeatArgs& args, const RuleContext&) -> Result<std::unique_ptr<Rule>> {
        return std::unique_ptr<Rule>(std::make_unique<RepeatRule>(args.text));
      });
  EXPECT_EQ(registry.Kinds(), std::vector<std::string>{"repeat"});

  auto policy =
      ParsePolicy("version: 1\ntables:\n  t:\n    columns:\n      c: {repeat: hi}\n", "p.yaml");
  ASSERT_TRUE(policy.ok()) << policy.status().message();
  auto secret = Secret::FromBytes("0123456789abcdef-test-secret");
  ASSERT_TRUE(secret.ok());
  RunResources run;
  run.policy = &policy.value();
  run.secret = &secret.value();
  auto plans = PlanTables({testing::TextTable("t", {"c"})}, registry, run);
  ASSERT_TRUE(plans.ok()) << plans.status().message();
  ASSERT_TRUE(plans->front().columns.front().rule);

  Batch batch;
  batch.first_row = 1;
  batch.Reset(1);
  batch.columns[0].Append("x");
  batch.columns[0].Append("y");
  Column out;
  ASSERT_TRUE(plans->front().columns.front().rule->Apply(batch, 0, out).ok());
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out.Text(0), "hi!");
  EXPECT_EQ(out.Text(1), "hi!");
}

}  // namespace
}  // namespace veil
