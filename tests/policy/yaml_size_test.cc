#include "policy/yaml_size.h"

#include <gtest/gtest.h>

namespace veil {
namespace {

TEST(YamlSizeTest, CountsEveryNodeOfAPlainDocument) {
  // map(1) + 2 keys + scalar + sequence(1) + 3 items = 8 nodes
  const YAML::Node root = YAML::Load("a: 1\nb: [x, y, z]\n");
  EXPECT_TRUE(CheckExpandedSize(root, 8, "p.yaml").ok());
  const Status over = CheckExpandedSize(root, 7, "p.yaml");
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.code(), ErrorCode::kPolicy);
  EXPECT_NE(over.message().find("p.yaml:"), std::string::npos) << over.message();
  EXPECT_NE(over.message().find("more than 7 YAML nodes"), std::string::npos);
}

TEST(YamlSizeTest, AnAliasCountsEveryTimeItIsUsed) {
  // &a [1, 2] is 3 nodes, used three times: 1 (outer seq) + 3 * 3 = 10
  const YAML::Node root = YAML::Load("- &a [1, 2]\n- *a\n- *a\n");
  EXPECT_TRUE(CheckExpandedSize(root, 10, "p.yaml").ok());
  EXPECT_FALSE(CheckExpandedSize(root, 9, "p.yaml").ok());
}

TEST(YamlSizeTest, ExponentialAliasesStopAtTheLimitQuickly) {
  std::string text = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int level = 1; level <= 9; ++level) {
    text += "l" + std::to_string(level) + ": &l" + std::to_string(level) + " [";
    for (int i = 0; i < 10; ++i) text += (i ? ", *l" : "*l") + std::to_string(level - 1);
    text += "]\n";
  }
  const YAML::Node root = YAML::Load(text);  // 10^10 nodes once expanded
  const Status status = CheckExpandedSize(root, kMaxPolicyNodes, "laughs.yaml");
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("laughs.yaml:"), std::string::npos);
  EXPECT_NE(status.message().find("more than 200000 YAML nodes"), std::string::npos);
}

}  // namespace
}  // namespace veil
