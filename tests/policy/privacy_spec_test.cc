// The `privacy:` section of a table in the policy, through ParsePolicy: every key parses
// into the PrivacySpec, defaults apply, and every malformed section is a PolicyError
// naming the policy file and the line.
#include "policy/privacy_spec.h"

#include <gtest/gtest.h>

#include <string>

#include "policy/policy.h"

namespace veil {
namespace {

// A policy whose table t has the privacy section `privacy` (lines from 7 on, indented
// under `privacy:` on line 6).
std::string PolicyWith(const std::string& privacy) {
  return "version: 1\n"           // 1
         "tables:\n"              // 2
         "  t:\n"                 // 3
         "    columns:\n"         // 4
         "      disease: keep\n"  // 5
         "    privacy:\n" +       // 6
         privacy;
}

TEST(PrivacySpecTest, ParsesEveryKey) {
  auto policy = ParsePolicy(PolicyWith("      k: 5\n"
                                       "      l_diversity: {column: disease, l: 3, variant: "
                                       "recursive, c: 2.5}\n"
                                       "      t_closeness:\n"
                                       "        column: disease\n"
                                       "        t: 0.3\n"
                                       "        distance: hierarchical\n"
                                       "        hierarchy: disease.csv\n"
                                       "      suppression_limit: 0.1\n"
                                       "      metric: entropy\n"
                                       "      suppress: remove\n"),
                            "/x/p.yaml");
  ASSERT_TRUE(policy.ok()) << policy.status().message();
  const auto& privacy = policy->FindTable("t")->privacy;
  ASSERT_TRUE(privacy.has_value());
  EXPECT_EQ(privacy->k, 5);
  ASSERT_TRUE(privacy->l_diversity.has_value());
  EXPECT_EQ(privacy->l_diversity->column, "disease");
  EXPECT_EQ(privacy->l_diversity->l, 3);
  EXPECT_EQ(privacy->l_diversity->variant, LDiversitySpec::Variant::kRecursive);
  EXPECT_EQ(privacy->l_diversity->c, 2.5);
  ASSERT_TRUE(privacy->t_closeness.has_value());
  EXPECT_EQ(privacy->t_closeness->column, "disease");
  EXPECT_EQ(privacy->t_closeness->t, 0.3);
  EXPECT_EQ(privacy->t_closeness->distance, TClosenessSpec::Distance::kHierarchical);
  EXPECT_EQ(privacy->t_closeness->hierarchy, "disease.csv");
  EXPECT_EQ(privacy->suppression_limit, 0.1);
  EXPECT_EQ(privacy->metric, PrivacyMetric::kEntropy);
  EXPECT_EQ(privacy->suppress, SuppressionStyle::kRemove);
  EXPECT_EQ(privacy->line, 7);
  EXPECT_EQ(privacy->SensitiveColumn(), "disease");
}

TEST(PrivacySpecTest, DefaultsAndTheOtherChoices) {
  auto k_only = ParsePolicy(PolicyWith("      k: 2\n"), "/x/p.yaml");
  ASSERT_TRUE(k_only.ok()) << k_only.status().message();
  const PrivacySpec& spec = *k_only->FindTable("t")->privacy;
  EXPECT_EQ(spec.k, 2);
  EXPECT_FALSE(spec.l_diversity.has_value());
  EXPECT_FALSE(spec.t_closeness.has_value());
  EXPECT_EQ(spec.suppression_limit, 0);
  EXPECT_EQ(spec.metric, PrivacyMetric::kLoss);
  EXPECT_EQ(spec.suppress, SuppressionStyle::kMask);
  EXPECT_EQ(spec.SensitiveColumn(), "");

  auto l_only = ParsePolicy(PolicyWith("      l_diversity: {column: disease, l: 2}\n"
                                       "      metric: discernibility\n"
                                       "      suppress: mask\n"),
                            "/x/p.yaml");
  ASSERT_TRUE(l_only.ok()) << l_only.status().message();
  const PrivacySpec& l = *l_only->FindTable("t")->privacy;
  EXPECT_EQ(l.k, 1);
  EXPECT_EQ(l.l_diversity->variant, LDiversitySpec::Variant::kDistinct);
  EXPECT_EQ(l.l_diversity->l, 2);
  EXPECT_EQ(l.metric, PrivacyMetric::kDiscernibility);
  EXPECT_EQ(l.SensitiveColumn(), "disease");

  auto t_only = ParsePolicy(PolicyWith("      t_closeness: {column: disease, t: 0.15}\n"
                                       "      l_diversity: {column: disease, l: 1.5, variant: "
                                       "entropy}\n"
                                       "      metric: precision\n"
                                       "      suppression_limit: 1\n"),
                            "/x/p.yaml");
  ASSERT_TRUE(t_only.ok()) << t_only.status().message();
  const PrivacySpec& t = *t_only->FindTable("t")->privacy;
  EXPECT_EQ(t.t_closeness->distance, TClosenessSpec::Distance::kEqual);
  EXPECT_EQ(t.t_closeness->t, 0.15);
  EXPECT_EQ(t.t_closeness->hierarchy, "");
  EXPECT_EQ(t.l_diversity->variant, LDiversitySpec::Variant::kEntropy);
  EXPECT_EQ(t.l_diversity->l, 1.5);
  EXPECT_EQ(t.metric, PrivacyMetric::kPrecision);
  EXPECT_EQ(t.suppression_limit, 1);

  auto ordered = ParsePolicy(
      PolicyWith("      t_closeness: {column: disease, t: 0, distance: ordered}\n"), "/x/p.yaml");
  ASSERT_TRUE(ordered.ok()) << ordered.status().message();
  EXPECT_EQ(ordered->FindTable("t")->privacy->t_closeness->distance,
            TClosenessSpec::Distance::kOrdered);
  EXPECT_EQ(ordered->FindTable("t")->privacy->SensitiveColumn(), "disease");
  EXPECT_EQ(ordered->FindTable("t")->privacy->metric, PrivacyMetric::kLoss);

  EXPECT_STREQ(MetricName(PrivacyMetric::kLoss), "loss");
  EXPECT_STREQ(MetricName(PrivacyMetric::kDiscernibility), "discernibility");
  EXPECT_STREQ(MetricName(PrivacyMetric::kPrecision), "precision");
  EXPECT_STREQ(MetricName(PrivacyMetric::kEntropy), "entropy");
}

struct BadPrivacy {
  const char* privacy;   // lines 7 on
  const char* line;      // "p.yaml:N:" the message must start with (after the directory)
  const char* expected;  // text the message must contain
};

TEST(PrivacySpecTest, RejectsMalformedSectionsNamingTheLine) {
  const BadPrivacy cases[] = {
      {"      k: 2\n      kk: 3\n", "p.yaml:8:", "unknown key 'kk' in privacy of table t"},
      {"      k: 0\n", "p.yaml:7:", "k must be a whole number of at least 1"},
      {"      k: 2.5\n", "p.yaml:7:", "k must be a whole number of at least 1"},
      {"      k: many\n", "p.yaml:7:", "k must be a whole number"},
      {"      k: 2\n      l_diversity:\n        column: d\n        l: 2\n        variant: "
       "maximal\n",
       "p.yaml:11:", "variant is distinct, entropy or recursive"},
      {"      l_diversity:\n        column: d\n        l: 2\n        variant: recursive\n",
       "p.yaml:8:", "recursive l-diversity needs c"},
      {"      l_diversity:\n        column: d\n        l: 2\n        c: 3\n",
       "p.yaml:10:", "c applies to recursive l-diversity only"},
      {"      l_diversity:\n        column: d\n        l: 2\n        variant: entropy\n        "
       "c: 3\n",
       "p.yaml:11:", "c applies to recursive l-diversity only"},
      {"      l_diversity:\n        column: d\n        l: 2\n        variant: recursive\n"
       "        c: 0\n",
       "p.yaml:11:", "c must be a number"},
      {"      l_diversity:\n        column: d\n        l: 2.5\n",
       "p.yaml:9:", "l must be a whole number for distinct and recursive"},
      {"      l_diversity:\n        column: d\n        l: 0.5\n        variant: entropy\n",
       "p.yaml:9:", "l must be a number from 1"},
      {"      l_diversity:\n        column: d\n", "p.yaml:8:", "l_diversity needs l"},
      {"      l_diversity:\n        l: 2\n", "p.yaml:8:", "l_diversity needs the sensitive column"},
      {"      l_diversity:\n        column: d\n        l: 2\n        colour: red\n",
       "p.yaml:10:", "unknown key 'colour' in l_diversity"},
      {"      l_diversity: [d, 2]\n", "p.yaml:7:", "l_diversity must be a map"},
      {"      t_closeness:\n        t: 0.2\n",
       "p.yaml:8:", "t_closeness needs the sensitive column"},
      {"      t_closeness:\n        column: d\n", "p.yaml:8:", "t_closeness needs t"},
      {"      t_closeness:\n        column: d\n        t: 1.5\n",
       "p.yaml:9:", "t must be a number from 0 to 1"},
      {"      t_closeness:\n        column: d\n        t: 0.2\n        distance: hierarchical\n",
       "p.yaml:8:", "a hierarchy file goes with distance: hierarchical"},
      {"      t_closeness:\n        column: d\n        t: 0.2\n        hierarchy: d.csv\n",
       "p.yaml:8:", "a hierarchy file goes with distance: hierarchical, and only with it"},
      {"      t_closeness:\n        column: d\n        t: 0.2\n        distance: ordered\n"
       "        hierarchy: d.csv\n",
       "p.yaml:8:", "a hierarchy file goes with distance: hierarchical"},
      {"      t_closeness:\n        column: d\n        t: 0.2\n        distance: manhattan\n",
       "p.yaml:10:", "distance is equal, ordered or hierarchical"},
      {"      t_closeness: 0.2\n", "p.yaml:7:", "t_closeness must be a map"},
      {"      k: 2\n      suppression_limit: 1.5\n",
       "p.yaml:8:", "suppression_limit must be a number from 0 to 1"},
      {"      suppression_limit: -0.1\n", "p.yaml:7:", "suppression_limit must be a number"},
      {"      k: 2\n      metric: utility\n",
       "p.yaml:8:", "metric is loss, discernibility, precision or entropy"},
      {"      metric: [loss]\n", "p.yaml:7:", "metric must be a single value"},
      {"      k: 2\n      suppress: hide\n", "p.yaml:8:", "suppress is mask or remove"},
      {"      k: 2\n      l_diversity: {column: a, l: 2}\n      t_closeness: {column: b, t: "
       "0.2}\n",
       "p.yaml:7:", "l_diversity and t_closeness must name the same sensitive column"},
      {"      [k, 2]\n", "p.yaml:7:", "must be a map"},
  };
  for (const auto& c : cases) {
    auto policy = ParsePolicy(PolicyWith(c.privacy), "/x/p.yaml");
    ASSERT_FALSE(policy.ok()) << c.privacy;
    EXPECT_EQ(policy.status().code(), ErrorCode::kPolicy) << c.privacy;
    const std::string message = policy.status().message();
    EXPECT_EQ(message.rfind(std::string("/x/") + c.line, 0), 0u) << c.privacy << " -> " << message;
    EXPECT_NE(message.find(c.expected), std::string::npos) << c.privacy << " -> " << message;
  }
}

// yaml-cpp keeps both entries of a repeated key and operator[] returns the first, so a
// second `k: 50` would be silently ignored; the rest of the policy rejects repeated keys
// ("key 'x' appears twice in ...") and the privacy section must too.
TEST(PrivacySpecTest, RejectsAKeyGivenTwice) {
  const BadPrivacy cases[] = {
      {"      k: 2\n      k: 50\n", "p.yaml:8:", "key 'k' appears twice in privacy of table t"},
      {"      l_diversity:\n        column: d\n        l: 2\n        l: 5\n",
       "p.yaml:10:", "key 'l' appears twice in l_diversity"},
      {"      t_closeness: {column: d, t: 0.5, t: 0.1}\n",
       "p.yaml:7:", "key 't' appears twice in t_closeness"},
  };
  for (const auto& c : cases) {
    auto policy = ParsePolicy(PolicyWith(c.privacy), "/x/p.yaml");
    ASSERT_FALSE(policy.ok()) << c.privacy << " parsed; k = " << policy->FindTable("t")->privacy->k;
    EXPECT_EQ(policy.status().code(), ErrorCode::kPolicy) << c.privacy;
    const std::string message = policy.status().message();
    EXPECT_EQ(message.rfind(std::string("/x/") + c.line, 0), 0u) << c.privacy << " -> " << message;
    EXPECT_NE(message.find(c.expected), std::string::npos) << c.privacy << " -> " << message;
  }
}

}  // namespace
}  // namespace veil
