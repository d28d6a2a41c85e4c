// PrivacyModels, decided class by class with hand-computed expectations: k-anonymity,
// the three l-diversity variants, the three t-closeness distances over a small
// hand-built SensitiveDomain, and the model names used in messages and reports.
#include "privacy/privacy_models.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace veil {
namespace {

using Histogram = std::vector<SensitiveCount>;

PrivacySpec KSpec(int64_t k) {
  PrivacySpec spec;
  spec.k = k;
  return spec;
}

PrivacySpec LSpec(LDiversitySpec::Variant variant, double l, double c = 1) {
  PrivacySpec spec;
  spec.l_diversity = LDiversitySpec{"disease", l, variant, c};
  return spec;
}

PrivacySpec TSpec(TClosenessSpec::Distance distance, double t) {
  PrivacySpec spec;
  spec.t_closeness = TClosenessSpec{"disease", t, distance, "disease.csv"};
  return spec;
}

// Four sensitive values, codes 0..3, with table shares 0.4, 0.3, 0.2, 0.1.
// Order (rank): code 1 < code 3 < code 0 < code 2.
// Sensitive hierarchy:  a,b -> ab -> *   and   c,d -> cd -> *   (height H = 2), with
// code 0 -> leaf c, code 1 -> a, code 2 -> d, code 3 -> b.
SensitiveDomain Domain() {
  SensitiveDomain domain;
  domain.overall_share = {0.4, 0.3, 0.2, 0.1};
  domain.rank = {2, 0, 3, 1};
  auto hierarchy = Hierarchy::FromTable(
      {{"a", "ab", "*"}, {"b", "ab", "*"}, {"c", "cd", "*"}, {"d", "cd", "*"}}, "disease.csv");
  EXPECT_TRUE(hierarchy.ok()) << hierarchy.status().message();
  domain.hierarchy = std::move(*hierarchy);
  domain.leaf_of = {2, 0, 3, 1};
  return domain;
}

// The class {code 0: 3, code 1: 1}: p = (0.75, 0.25, 0, 0) against q = (0.4, 0.3, 0.2, 0.1).
const Histogram kSkewed = {{0, 3}, {1, 1}};
// The class {code 3: 1}: p = (0, 0, 0, 1).
const Histogram kOnlyThree = {{3, 1}};
// The table's own distribution: distance 0 under every measure.
const Histogram kLikeTable = {{0, 4}, {1, 3}, {2, 2}, {3, 1}};

TEST(PrivacyModelsTest, KAnonymityCountsRecords) {
  const PrivacyModels models(KSpec(3), SensitiveDomain{});
  EXPECT_EQ(models.Count(), 1u);
  EXPECT_FALSE(models.NeedsSensitive());
  EXPECT_TRUE(models.Holds(0, 3, {}));
  EXPECT_FALSE(models.Holds(0, 2, {}));
  EXPECT_TRUE(models.AllHold(7, {}));
  EXPECT_FALSE(models.AllHold(1, {}));
  EXPECT_EQ(models.Distance(3, {}), 0.0);  // no t-closeness
  // k = 1 still counts as one model and holds for every class.
  const PrivacyModels one(KSpec(1), SensitiveDomain{});
  EXPECT_EQ(one.Count(), 1u);
  EXPECT_TRUE(one.AllHold(1, {}));
}

TEST(PrivacyModelsTest, DistinctDiversityCountsValues) {
  const PrivacyModels two(LSpec(LDiversitySpec::Variant::kDistinct, 2), SensitiveDomain{});
  EXPECT_EQ(two.Count(), 2u);
  EXPECT_TRUE(two.NeedsSensitive());
  EXPECT_FALSE(two.Holds(1, 5, Histogram{{0, 5}}));
  EXPECT_TRUE(two.Holds(1, 2, Histogram{{0, 1}, {3, 1}}));
  const PrivacyModels three(LSpec(LDiversitySpec::Variant::kDistinct, 3), SensitiveDomain{});
  EXPECT_FALSE(three.Holds(1, 100, Histogram{{0, 50}, {1, 50}}));
  EXPECT_TRUE(three.Holds(1, 3, Histogram{{0, 1}, {1, 1}, {2, 1}}));
}

TEST(PrivacyModelsTest, EntropyDiversityComparesWithLogL) {
  // {a:2, b:2}: entropy = ln 2 = 0.693147 -> holds for l = 2, fails for l = 2.01
  // (ln 2.01 = 0.698135).
  const Histogram even = {{0, 2}, {1, 2}};
  const auto entropy = LDiversitySpec::Variant::kEntropy;
  EXPECT_TRUE(PrivacyModels(LSpec(entropy, 2), {}).Holds(1, 4, even));
  EXPECT_FALSE(PrivacyModels(LSpec(entropy, 2.01), {}).Holds(1, 4, even));
  // {a:3, b:1}: entropy = -(0.75 ln 0.75 + 0.25 ln 0.25) = 0.562335, exp = 1.754765.
  const Histogram uneven = {{0, 3}, {1, 1}};
  EXPECT_TRUE(PrivacyModels(LSpec(entropy, 1.75), {}).Holds(1, 4, uneven));
  EXPECT_FALSE(PrivacyModels(LSpec(entropy, 1.76), {}).Holds(1, 4, uneven));
  // One value: entropy 0 = ln 1 -> only l = 1 holds.
  EXPECT_TRUE(PrivacyModels(LSpec(entropy, 1), {}).Holds(1, 9, Histogram{{2, 9}}));
  EXPECT_FALSE(PrivacyModels(LSpec(entropy, 1.1), {}).Holds(1, 9, Histogram{{2, 9}}));
}

TEST(PrivacyModelsTest, RecursiveDiversityComparesTopWithTail) {
  // Counts by value 2, 5, 1, 3 -> sorted r = 5, 3, 2, 1.
  const Histogram h = {{0, 2}, {1, 5}, {2, 1}, {3, 3}};
  const auto recursive = LDiversitySpec::Variant::kRecursive;
  // l = 3: tail r3 + r4 = 3. c = 2: 5 < 6 holds; c = 1.5: 5 < 4.5 fails;
  // c = 5/3 would be the boundary (5 < 5 fails), so c = 1.7: 5 < 5.1 holds.
  EXPECT_TRUE(PrivacyModels(LSpec(recursive, 3, 2), {}).Holds(1, 11, h));
  EXPECT_FALSE(PrivacyModels(LSpec(recursive, 3, 1.5), {}).Holds(1, 11, h));
  EXPECT_TRUE(PrivacyModels(LSpec(recursive, 3, 1.7), {}).Holds(1, 11, h));
  // l = 2: tail r2 + r3 + r4 = 6. c = 1: 5 < 6 holds; c = 0.8: 5 < 4.8 fails.
  EXPECT_TRUE(PrivacyModels(LSpec(recursive, 2, 1), {}).Holds(1, 11, h));
  EXPECT_FALSE(PrivacyModels(LSpec(recursive, 2, 0.8), {}).Holds(1, 11, h));
  // l = 4: tail r4 = 1. c = 6: 5 < 6 holds; c = 5: 5 < 5 fails (strict).
  EXPECT_TRUE(PrivacyModels(LSpec(recursive, 4, 6), {}).Holds(1, 11, h));
  EXPECT_FALSE(PrivacyModels(LSpec(recursive, 4, 5), {}).Holds(1, 11, h));
  // l = 5 needs at least five values, whatever c.
  EXPECT_FALSE(PrivacyModels(LSpec(recursive, 5, 1000), {}).Holds(1, 11, h));
}

TEST(PrivacyModelsTest, EqualDistanceIsHalfTheL1DistanceIncludingAbsentValues) {
  const PrivacyModels models(TSpec(TClosenessSpec::Distance::kEqual, 0.35), Domain());
  // kSkewed: |0.75-0.4| + |0.25-0.3| + 0.2 + 0.1 = 0.7 -> 0.35.
  EXPECT_NEAR(models.Distance(4, kSkewed), 0.35, 1e-12);
  // kOnlyThree: 0.4 + 0.3 + 0.2 + |1-0.1| = 1.8 -> 0.9.
  EXPECT_NEAR(models.Distance(1, kOnlyThree), 0.9, 1e-12);
  EXPECT_NEAR(models.Distance(10, kLikeTable), 0.0, 1e-12);
  EXPECT_TRUE(models.Holds(1, 4, kSkewed));  // 0.35 <= 0.35
  EXPECT_FALSE(
      PrivacyModels(TSpec(TClosenessSpec::Distance::kEqual, 0.34), Domain()).Holds(1, 4, kSkewed));
}

TEST(PrivacyModelsTest, OrderedDistanceSumsCumulativeDifferencesOverRanks) {
  const PrivacyModels models(TSpec(TClosenessSpec::Distance::kOrdered, 0.14), Domain());
  // kSkewed by rank (codes 1, 3, 0, 2): p - q = -0.05, -0.1, 0.35, -0.2;
  // cumulative -0.05, -0.15, 0.2 -> (0.05 + 0.15 + 0.2) / 3 = 0.133333.
  EXPECT_NEAR(models.Distance(4, kSkewed), 0.4 / 3, 1e-12);
  // kOnlyThree by rank: -0.3, 0.9, -0.4, -0.2; cumulative -0.3, 0.6, 0.2 -> 1.1 / 3.
  EXPECT_NEAR(models.Distance(1, kOnlyThree), 1.1 / 3, 1e-12);
  EXPECT_NEAR(models.Distance(10, kLikeTable), 0.0, 1e-12);
  EXPECT_TRUE(models.Holds(1, 4, kSkewed));
  EXPECT_FALSE(PrivacyModels(TSpec(TClosenessSpec::Distance::kOrdered, 0.13), Domain())
                   .Holds(1, 4, kSkewed));
}

TEST(PrivacyModelsTest, HierarchicalDistanceFollowsLiLiVenkatasubramanian) {
  const PrivacyModels models(TSpec(TClosenessSpec::Distance::kHierarchical, 0.25), Domain());
  // kSkewed, extra per leaf: c +0.35, a -0.05, d -0.2, b -0.1.
  //   ab (height 1): children -0.05, -0.1 -> min(0, 0.15) = 0; extra -0.15.
  //   cd (height 1): children +0.35, -0.2 -> 1/2 * min(0.35, 0.2) = 0.1; extra +0.15.
  //   *  (height 2): children -0.15, +0.15 -> 2/2 * 0.15 = 0.15.
  // Total 0.25.
  EXPECT_NEAR(models.Distance(4, kSkewed), 0.25, 1e-12);
  // kOnlyThree (all on leaf b): a -0.3, b +0.9, c -0.4, d -0.2.
  //   ab: 1/2 * min(0.9, 0.3) = 0.15; extra +0.6.  cd: min(0, 0.6) = 0; extra -0.6.
  //   *: 2/2 * 0.6 = 0.6.  Total 0.75.
  EXPECT_NEAR(models.Distance(1, kOnlyThree), 0.75, 1e-12);
  EXPECT_NEAR(models.Distance(10, kLikeTable), 0.0, 1e-12);
  // The class {code 1: 1, code 3: 1} sits in ab: a +0.2, b +0.4, c -0.4, d -0.2.
  //   ab: min(0.6, 0) = 0; cd: 0; *: min(0.6, 0.6) = 0.6.  Total 0.6.
  EXPECT_NEAR(models.Distance(2, Histogram{{1, 1}, {3, 1}}), 0.6, 1e-12);
  EXPECT_TRUE(models.Holds(1, 4, kSkewed));
  EXPECT_TRUE(models.AllHold(4, kSkewed));
  EXPECT_FALSE(PrivacyModels(TSpec(TClosenessSpec::Distance::kHierarchical, 0.24), Domain())
                   .AllHold(4, kSkewed));
}

TEST(PrivacyModelsTest, ModelsAreNumberedKThenLThenT) {
  PrivacySpec spec = KSpec(2);
  spec.l_diversity = LDiversitySpec{"disease", 2, LDiversitySpec::Variant::kDistinct, 1};
  spec.t_closeness = TClosenessSpec{"disease", 0.3, TClosenessSpec::Distance::kEqual, ""};
  const PrivacyModels all(spec, Domain());
  ASSERT_EQ(all.Count(), 3u);
  // kSkewed (4 records, 2 values, equal distance 0.35).
  EXPECT_TRUE(all.Holds(0, 4, kSkewed));
  EXPECT_TRUE(all.Holds(1, 4, kSkewed));
  EXPECT_FALSE(all.Holds(2, 4, kSkewed));
  EXPECT_FALSE(all.AllHold(4, kSkewed));
  EXPECT_TRUE(all.AllHold(10, kLikeTable));
  // kOnlyThree fails all three.
  EXPECT_FALSE(all.Holds(0, 1, kOnlyThree));
  EXPECT_FALSE(all.Holds(1, 1, kOnlyThree));
  EXPECT_FALSE(all.Holds(2, 1, kOnlyThree));

  // Without l, model 1 is t.
  PrivacySpec k_and_t = TSpec(TClosenessSpec::Distance::kEqual, 0.3);
  k_and_t.k = 2;
  const PrivacyModels kt(k_and_t, Domain());
  ASSERT_EQ(kt.Count(), 2u);
  EXPECT_FALSE(kt.Holds(1, 4, kSkewed));  // 0.35 > 0.3
  EXPECT_TRUE(kt.Holds(1, 10, kLikeTable));
  EXPECT_EQ(kt.Describe(1), "0.3-closeness of disease (equal distance)");
}

TEST(PrivacyModelsTest, DescribesEveryModel) {
  EXPECT_EQ(PrivacyModels(KSpec(5), {}).Describe(0), "5-anonymity");
  EXPECT_EQ(PrivacyModels(LSpec(LDiversitySpec::Variant::kDistinct, 3), {}).Describe(1),
            "distinct 3-diversity of disease");
  EXPECT_EQ(PrivacyModels(LSpec(LDiversitySpec::Variant::kEntropy, 2.5), {}).Describe(1),
            "entropy 2.5-diversity of disease");
  EXPECT_EQ(PrivacyModels(LSpec(LDiversitySpec::Variant::kRecursive, 3, 2), {}).Describe(1),
            "recursive 3-diversity of disease (c = 2)");
  EXPECT_EQ(PrivacyModels(TSpec(TClosenessSpec::Distance::kEqual, 0.2), Domain()).Describe(1),
            "0.2-closeness of disease (equal distance)");
  EXPECT_EQ(PrivacyModels(TSpec(TClosenessSpec::Distance::kOrdered, 0.15), Domain()).Describe(1),
            "0.15-closeness of disease (ordered distance)");
  EXPECT_EQ(
      PrivacyModels(TSpec(TClosenessSpec::Distance::kHierarchical, 0.5), Domain()).Describe(1),
      "0.5-closeness of disease (hierarchical distance)");

  PrivacySpec spec = KSpec(4);
  spec.l_diversity = LDiversitySpec{"disease", 2, LDiversitySpec::Variant::kRecursive, 0.5};
  spec.t_closeness = TClosenessSpec{"disease", 0.25, TClosenessSpec::Distance::kOrdered, ""};
  EXPECT_EQ(PrivacyModels(spec, Domain()).Names(),
            (std::vector<std::string>{"4-anonymity", "recursive 2-diversity of disease (c = 0.5)",
                                      "0.25-closeness of disease (ordered distance)"}));
  EXPECT_EQ(PrivacyModels(KSpec(1), {}).Names(), std::vector<std::string>{"1-anonymity"});
}

}  // namespace
}  // namespace veil
