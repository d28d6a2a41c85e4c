// The `in_place:` section of a policy: allow, server and require_marker.
#include <gtest/gtest.h>

#include "policy/policy.h"

namespace veil {
namespace {

Result<Policy> WithInPlace(const std::string& section) {
  return ParsePolicy("version: 1\ntables: {t: keep}\nin_place:\n" + section, "/x/p.yaml");
}

TEST(InPlacePolicyTest, ReadsAllowServerAndMarker) {
  const auto policy = WithInPlace(
      "  allow: ['staging_*', '10.0.0.*:*_dev']\n  server: 7312345678901234567\n"
      "  require_marker: true\n");
  ASSERT_TRUE(policy.ok()) << policy.status().message();
  EXPECT_EQ(policy->in_place_allow, (std::vector<std::string>{"staging_*", "10.0.0.*:*_dev"}));
  EXPECT_EQ(policy->in_place_server, "7312345678901234567");
  EXPECT_TRUE(policy->in_place_require_marker);
  const auto plain = WithInPlace("  allow: ['staging_*']\n");
  ASSERT_TRUE(plain.ok()) << plain.status().message();
  EXPECT_EQ(plain->in_place_server, "");
  EXPECT_FALSE(plain->in_place_require_marker);
}

TEST(InPlacePolicyTest, RefusesMalformedSectionsNamingTheLine) {
  const std::pair<const char*, const char*> cases[] = {
      {"  allow: ['staging_*']\n  pin: 1\n", "p.yaml:5: unknown key 'pin'"},
      {"  allow: ['staging_*']\n  server: staging-1\n", "p.yaml:5: in_place.server"},
      {"  allow: ['staging_*']\n  server: -12\n", "in_place.server"},
      {"  allow: ['staging_*']\n  server: [1]\n", "in_place.server"},
      {"  allow: ['staging_*']\n  require_marker: sometimes\n",
       "p.yaml:5: in_place.require_marker"},
      {"  allow: [{a: b}]\n", "in_place.allow"},
      {"  allow: staging_*\n", "in_place.allow"},
      {"  server: 1\n", "in_place.allow"},
  };
  for (const auto& [section, expected] : cases) {
    const auto policy = WithInPlace(section);
    ASSERT_FALSE(policy.ok()) << section;
    EXPECT_NE(policy.status().message().find(expected), std::string::npos)
        << section << " -> " << policy.status().message();
  }
}

}  // namespace
}  // namespace veil
