#include "policy/policy_value.h"

#include <gtest/gtest.h>

#include <string>

#include "policy/yaml_value.h"

namespace veil {
namespace {

PolicyValue Parse(const std::string& yaml) {
  return ToPolicyValue(YAML::Load(yaml));
}

TEST(PolicyValueTest, KeepsShapesOrderAndLines) {
  const PolicyValue value = Parse("a: 1\nb: [x, y]\nc: ~\nd: {e: f}\n");
  ASSERT_TRUE(value.IsMap());
  ASSERT_EQ(value.size(), 4u);
  EXPECT_EQ(value.entries()[0].first.text(), "a");
  EXPECT_EQ(value.entries()[3].first.text(), "d");
  EXPECT_TRUE(value["a"].IsScalar());
  EXPECT_EQ(value["a"].line(), 1);
  EXPECT_TRUE(value["b"].IsSequence());
  EXPECT_EQ(value["b"][1].text(), "y");
  EXPECT_EQ(value["b"].line(), 2);
  EXPECT_TRUE(value["c"].IsNull());
  EXPECT_EQ(value["d"]["e"].as<std::string>(), "f");
  EXPECT_EQ(value["d"]["e"].line(), 4);
}

TEST(PolicyValueTest, WhatIsNotThereIsAbsent) {
  const PolicyValue value = Parse("a: [1]\n");
  EXPECT_FALSE(value["missing"]);
  EXPECT_FALSE(value["a"][5]);
  EXPECT_FALSE(value["a"]["key"]);
  EXPECT_FALSE(value["missing"]["deeper"]);
  EXPECT_FALSE(value["missing"].IsNull());
  EXPECT_EQ(value["missing"].line(), 0);
  EXPECT_FALSE(PolicyValue());
}

TEST(PolicyValueTest, ConvertsScalarsAsYamlCppDoes) {
  const PolicyValue value =
      Parse("hex: 0x10\nyes: yes\nreal: 2.5\nneg: -3\nquoted: '7'\nnothing: ~\n");
  EXPECT_EQ(value["hex"].as<int>(), 16);
  EXPECT_TRUE(value["yes"].as<bool>());
  EXPECT_DOUBLE_EQ(value["real"].as<double>(), 2.5);
  EXPECT_EQ(value["neg"].as<int64_t>(), -3);
  EXPECT_EQ(value["quoted"].as<int>(), 7);
  EXPECT_EQ(value["nothing"].as<std::string>(), "null");
}

TEST(PolicyValueTest, AFailedConversionThrowsOrFallsBack) {
  const PolicyValue value = Parse("real: 2.5\nlist: [1]\nneg: -1\n");
  EXPECT_THROW(value["real"].as<int>(), BadPolicyValue);
  EXPECT_THROW(value["list"].as<std::string>(), BadPolicyValue);
  EXPECT_THROW(value["neg"].as<uint64_t>(), BadPolicyValue);
  EXPECT_THROW(value["missing"].as<int>(), BadPolicyValue);
  EXPECT_EQ(value["real"].as<int>(9), 9);
  EXPECT_EQ(value["missing"].as<int>(4), 4);
}

TEST(PolicyValueTest, BuiltValuesReadLikeParsedOnes) {
  const PolicyValue map =
      PolicyValue::Map({{PolicyValue::Scalar("mask", 3), PolicyValue::Scalar("right", 3)}}, 3);
  EXPECT_EQ(map["mask"].as<std::string>(), "right");
  EXPECT_EQ(map.line(), 3);
  EXPECT_TRUE(PolicyValue::Null(2).IsNull());
  EXPECT_EQ(PolicyValue::List({PolicyValue::Scalar("a", 1)}, 1).size(), 1u);
}

}  // namespace
}  // namespace veil
