#include "verify/column_role.h"

#include <gtest/gtest.h>

#include <set>

#include "policy/rule_kinds.h"
#include "policy/yaml_value.h"
#include "transforms/rule_registry.h"

namespace veil {
namespace {

// The verifier must say what it expects of every rule the anonymiser can run: a kind
// registered without a line in its role table would silently get no expectation.
TEST(ColumnRoleTest, EveryRegisteredRuleKindHasARole) {
  for (const std::string& kind : BuiltinRules().Kinds()) {
    EXPECT_TRUE(TEST_VerifierKnowsRuleKind(kind)) << kind;
  }
  EXPECT_FALSE(TEST_VerifierKnowsRuleKind("no_such_rule"));
}

// The vocabulary lists exactly the kinds the registry builds.
TEST(ColumnRoleTest, TheVocabularyIsTheRegistrysList) {
  const std::vector<std::string> registered = BuiltinRules().Kinds();
  const std::set<std::string> from_registry(registered.begin(), registered.end());
  const std::set<std::string> from_vocabulary(rule_kind::kRegistered.begin(),
                                              rule_kind::kRegistered.end());
  EXPECT_EQ(from_registry, from_vocabulary);
}

RuleSpec Spec(std::string_view kind, const std::string& argument_yaml) {
  RuleSpec spec;
  spec.kind = std::string(kind);
  spec.argument = ToPolicyValue(YAML::Load(argument_yaml));
  return spec;
}

ColumnRole Describe(const RuleSpec& spec, const CodeLists& lists) {
  return DescribeColumn(&spec, lists);
}

TEST(ColumnRoleTest, RolesSayWhatEachKindLeadsTheVerifierToExpect) {
  auto lists = CodeLists::Builtin();
  ASSERT_TRUE(lists.ok());
  const ColumnRole fake = Describe(Spec(rule_kind::kFake, "first_name"), **lists);
  EXPECT_TRUE(fake.identifying);
  EXPECT_TRUE(fake.generated);
  EXPECT_EQ(fake.fake_kind, "first_name");
  EXPECT_EQ(fake.chance_unchanged, 0);
  const ColumnRole json = Describe(Spec(rule_kind::kJson, "{}"), **lists);
  EXPECT_FALSE(json.generated);
  EXPECT_LT(json.chance_unchanged, 0);
  const ColumnRole choice = Describe(Spec(rule_kind::kChoice, "[a, b, c, d]"), **lists);
  EXPECT_TRUE(choice.drawn_from_list);
  EXPECT_DOUBLE_EQ(choice.chance_unchanged, 0.25);
  const ColumnRole unknown = Describe(Spec("future_rule", "x"), **lists);
  EXPECT_TRUE(unknown.generated);
  EXPECT_FALSE(unknown.identifying);
  EXPECT_LT(unknown.chance_unchanged, 0);
  const ColumnRole dropped = Describe(Spec(rule_kind::kDrop, ""), **lists);
  EXPECT_TRUE(dropped.identifying);
  EXPECT_EQ(DescribeColumn(nullptr, **lists).rule, "keep");
}

}  // namespace
}  // namespace veil
