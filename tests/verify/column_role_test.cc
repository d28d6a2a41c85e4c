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

TEST(ColumnRoleTest, AJsonRuleSaysWhatEachOfItsPathsLeadsTheVerifierToExpect) {
  auto lists = CodeLists::Builtin();
  ASSERT_TRUE(lists.ok());
  const ColumnRole json = Describe(Spec(rule_kind::kJson, R"({"$.child.name": {fake: full_name},
      "$['id']": {pseudonymise: person}, "$.gone": drop, "$.sex": {choice: [M, F]},
      "$.note": redact, "$.code": keep, unlisted: drop})"),
                                   **lists);
  EXPECT_FALSE(json.identifying) << "the document itself is searched, not an original";
  EXPECT_FALSE(json.generated);
  ASSERT_EQ(json.json_paths.size(), 6u) << "unlisted is no path";
  const auto& name = json.json_paths[0];
  EXPECT_EQ(name.path.text(), "$.child.name");
  EXPECT_TRUE(name.identifying && name.generated && !name.pseudonymised);
  const auto& id = json.json_paths[1];
  EXPECT_EQ(id.path.text(), "$.id");
  EXPECT_TRUE(id.identifying && id.generated && id.pseudonymised);
  EXPECT_TRUE(json.json_paths[2].identifying && !json.json_paths[2].generated);  // drop
  EXPECT_TRUE(json.json_paths[3].drawn_from_list);
  EXPECT_FALSE(json.json_paths[4].identifying || json.json_paths[4].generated);  // redact
  EXPECT_FALSE(json.json_paths[5].identifying || json.json_paths[5].generated);  // keep
}

}  // namespace
}  // namespace veil
