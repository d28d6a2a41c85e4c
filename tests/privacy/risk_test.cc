// ComputeRisk and TEST_FitPitman: the figures of small class-size distributions against values
// worked out by hand (the arithmetic is in the comments), the errors, and the Pitman
// estimate against an independent computation and against what any maximum must satisfy.
#include "privacy/risk.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace veil {
namespace {

using Sizes = std::map<int64_t, int64_t>;

RiskFigures Compute(const Sizes& sizes, std::optional<int64_t> population = std::nullopt) {
  Result<RiskFigures> result = ComputeRisk(sizes, population);
  EXPECT_TRUE(result.ok()) << result.status().message();
  return result.ok() ? result.value() : RiskFigures{};
}

std::vector<int64_t> AboveCounts(const RecordRisk& risk) {
  std::vector<int64_t> out;
  for (const ThresholdCount& t : risk.records_above_threshold) out.push_back(t.records);
  return out;
}

void ExpectSame(const RecordRisk& a, const RecordRisk& b) {
  EXPECT_EQ(a.average_risk, b.average_risk);
  EXPECT_EQ(a.highest_risk, b.highest_risk);
  EXPECT_EQ(a.records_at_highest_risk, b.records_at_highest_risk);
  EXPECT_EQ(AboveCounts(a), AboveCounts(b));
}

// Sizes {1:2, 2:1, 5:1}: records 1+1+2+5 = 9, classes 2+1+1 = 4, smallest class 1, two
// sample uniques (2/9). Prosecutor risk per record: 1 (sizes 1), 1/2 (size 2), 1/5 (size 5).
TEST(RiskFigures, ProsecutorFiguresOfASmallDistribution) {
  const RiskFigures r = Compute({{1, 2}, {2, 1}, {5, 1}});
  EXPECT_EQ(r.records, 9);
  EXPECT_EQ(r.equivalence_classes, 4);
  EXPECT_EQ(r.min_class_size, 1);
  EXPECT_EQ(r.sample_uniques, 2);
  EXPECT_DOUBLE_EQ(r.sample_uniqueness, 2.0 / 9);
  EXPECT_EQ(r.class_size_distribution, (Sizes{{1, 2}, {2, 1}, {5, 1}}));
  EXPECT_DOUBLE_EQ(r.prosecutor.average_risk, 4.0 / 9);  // classes / records
  EXPECT_EQ(r.prosecutor.highest_risk, 1.0);             // 1 / smallest class
  EXPECT_EQ(r.prosecutor.records_at_highest_risk, 2);    // the two uniques
  ASSERT_EQ(r.prosecutor.records_above_threshold.size(), 3u);
  EXPECT_EQ(r.prosecutor.records_above_threshold[0].threshold, 0.2);
  EXPECT_EQ(r.prosecutor.records_above_threshold[1].threshold, 0.1);
  EXPECT_EQ(r.prosecutor.records_above_threshold[2].threshold, 0.05);
  // > 0.2: sizes 1 and 2 (2 + 2 records; 1/5 is not above 0.2); > 0.1 and > 0.05: all 9.
  EXPECT_EQ(AboveCounts(r.prosecutor), (std::vector<int64_t>{4, 9, 9}));
  EXPECT_FALSE(r.population.has_value());
}

TEST(RiskFigures, WithoutPopulationJournalistIsProsecutorAndMarketerIsClassesPerRecord) {
  const RiskFigures r = Compute({{1, 2}, {2, 1}, {5, 1}});
  ExpectSame(r.journalist, r.prosecutor);
  EXPECT_DOUBLE_EQ(r.marketer.average_risk, 4.0 / 9);
}

// Sizes {2:3, 4:1, 10:2}: records 6+4+20 = 30, classes 6. Risks 1/2, 1/4, 1/10: above 0.2
// the sizes 2 and 4 (6 + 4 = 10 records), above 0.1 the same 10 (1/10 is not above), above
// 0.05 all 30. Highest 1/2, held by the 6 records in classes of size 2.
TEST(RiskFigures, ThresholdsCountRecordsStrictlyAbove) {
  const RiskFigures r = Compute({{2, 3}, {4, 1}, {10, 2}});
  EXPECT_EQ(r.records, 30);
  EXPECT_EQ(r.min_class_size, 2);
  EXPECT_EQ(r.sample_uniques, 0);
  EXPECT_EQ(r.sample_uniqueness, 0.0);
  EXPECT_DOUBLE_EQ(r.prosecutor.average_risk, 6.0 / 30);
  EXPECT_EQ(r.prosecutor.highest_risk, 0.5);
  EXPECT_EQ(r.prosecutor.records_at_highest_risk, 6);
  EXPECT_EQ(AboveCounts(r.prosecutor), (std::vector<int64_t>{10, 10, 30}));
}

// Sizes {1:2, 2:1, 5:1} (n = 9) in a population of 90: pi = 0.1, estimated population
// classes 1/0.1 = 10, 2/0.1 = 20, 5/0.1 = 50, so journalist risks 0.1, 0.05, 0.02.
// Average u / N = 4/90; highest 0.1 for the 2 uniques; none above 0.2 or 0.1 (0.1 is not
// above 0.1); above 0.05 only the 2 uniques. Marketer (1/9)(2*1/10 + 2/20 + 5/50) = 4/90.
TEST(RiskFigures, JournalistAndMarketerWithAPopulation) {
  const RiskFigures r = Compute({{1, 2}, {2, 1}, {5, 1}}, 90);
  EXPECT_DOUBLE_EQ(r.journalist.average_risk, 4.0 / 90);
  EXPECT_DOUBLE_EQ(r.journalist.highest_risk, 0.1);
  EXPECT_EQ(r.journalist.records_at_highest_risk, 2);
  EXPECT_EQ(AboveCounts(r.journalist), (std::vector<int64_t>{0, 0, 2}));
  EXPECT_DOUBLE_EQ(r.marketer.average_risk, 4.0 / 90);
  // The prosecutor does not depend on the population.
  EXPECT_DOUBLE_EQ(r.prosecutor.average_risk, 4.0 / 9);
  ASSERT_TRUE(r.population.has_value());
  EXPECT_EQ(r.population->population, 90);
  EXPECT_DOUBLE_EQ(r.population->sampling_fraction, 0.1);
}

// A census (N = n): the estimated population classes are the sample classes.
TEST(RiskFigures, CensusJournalistEqualsProsecutorAndZayatzIsSampleUniqueness) {
  const RiskFigures r = Compute({{1, 3}, {4, 2}}, 11);
  ExpectSame(r.journalist, r.prosecutor);
  EXPECT_DOUBLE_EQ(r.marketer.average_risk, 5.0 / 11);
  ASSERT_TRUE(r.population.has_value());
  EXPECT_EQ(r.population->sampling_fraction, 1.0);
  EXPECT_DOUBLE_EQ(r.population->zayatz, 3.0 / 11);
}

TEST(RiskFigures, EmptyDatasetIsAllZeroAndNotAnError) {
  const RiskFigures r = Compute({});
  EXPECT_EQ(r.records, 0);
  EXPECT_EQ(r.equivalence_classes, 0);
  EXPECT_EQ(r.min_class_size, 0);
  EXPECT_EQ(r.sample_uniqueness, 0.0);
  EXPECT_EQ(r.prosecutor.average_risk, 0.0);
  EXPECT_EQ(r.prosecutor.highest_risk, 0.0);
  EXPECT_EQ(AboveCounts(r.prosecutor), (std::vector<int64_t>{0, 0, 0}));
  EXPECT_EQ(r.marketer.average_risk, 0.0);
  const RiskFigures with_population = Compute({}, 10);
  ASSERT_TRUE(with_population.population.has_value());
  EXPECT_EQ(with_population.population->sampling_fraction, 0.0);
  EXPECT_EQ(with_population.population->zayatz, 0.0);
  EXPECT_FALSE(with_population.population->pitman.has_value());
}

TEST(RiskFigures, EntriesWithNoClassesAreIgnored) {
  const RiskFigures r = Compute({{1, 0}, {3, 2}});
  EXPECT_EQ(r.records, 6);
  EXPECT_EQ(r.min_class_size, 3);
  EXPECT_EQ(r.class_size_distribution, (Sizes{{3, 2}}));
}

TEST(RiskErrors, RejectsBadSizesCountsAndPopulations) {
  for (const Sizes& bad :
       {Sizes{{0, 1}}, Sizes{{-2, 1}}, Sizes{{2, -1}}, Sizes{{int64_t{1} << 62, 4}}}) {
    const Result<RiskFigures> r = ComputeRisk(bad, std::nullopt);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
  }
  for (const int64_t population : {int64_t{8}, int64_t{0}, int64_t{-5}}) {
    const Result<RiskFigures> r = ComputeRisk({{1, 2}, {2, 1}, {5, 1}}, population);
    ASSERT_FALSE(r.ok()) << population;
    EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
  }
  EXPECT_TRUE(ComputeRisk({{1, 2}, {2, 1}, {5, 1}}, 9).ok());  // population = records
}

double Zayatz(const Sizes& sizes, int64_t population) {
  const RiskFigures r = Compute(sizes, population);
  return r.population ? r.population->zayatz : -1;
}

// Zayatz, {1:2, 2:1}, n = 4, N = 8. Hypergeometric P(f=1|F=k) = k C(8-k,3) / C(8,4):
// k=1: 35/70 = 1/2; k=2: 2*20/70 = 4/7. Class proportions 2/3 and 1/3, so
// P(F=1|f=1) = (2/3 * 1/2) / (2/3 * 1/2 + 1/3 * 4/7) = (7/21) / (11/21) = 7/11.
// Population uniques 2 * 7/11 / (4/8) = 28/11; share (28/11) / 8 = 7/22.
TEST(RiskZayatz, MatchesTheFormulaByHand) {
  EXPECT_DOUBLE_EQ(Zayatz({{1, 2}, {2, 1}}, 8), 7.0 / 22);
  // {1:1, 3:1}, n = 4, N = 6: C(6,4) = 15, P(f=1|F=1) = C(5,3)/15 = 2/3,
  // P(f=1|F=3) = 3 C(3,3)/15 = 1/5; P(F=1|f=1) = (1/3) / (1/3 + 1/10) = 10/13;
  // uniques (10/13) / (4/6) = 15/13; share 15/78 = 5/26.
  EXPECT_DOUBLE_EQ(Zayatz({{1, 1}, {3, 1}}, 6), 5.0 / 26);
  // {1:1, 5:1}, n = 6, N = 7: a population class of 5 keeps at least 4 records in a
  // sample of 6 of 7, so P(f=1|F=5) = 0 and every sample unique is a population unique:
  // 1 * 1 / (6/7) = 7/6 uniques, share 1/6.
  EXPECT_DOUBLE_EQ(Zayatz({{1, 1}, {5, 1}}, 7), 1.0 / 6);
  EXPECT_EQ(Zayatz({{2, 3}}, 100), 0.0);  // no sample uniques
}

TEST(RiskZayatz, FallsAsThePopulationGrows) {
  const Sizes sizes{{1, 5}, {2, 3}, {4, 1}};
  EXPECT_GT(Zayatz(sizes, 20), Zayatz(sizes, 200));
  EXPECT_GT(Zayatz(sizes, 200), Zayatz(sizes, 20000));
  EXPECT_GT(Zayatz(sizes, 20000), 0.0);
}

// The log-likelihood and its two derivatives, by direct summation (no digamma).
struct Likelihood {
  Sizes sizes;
  int64_t n = 0;
  int64_t u = 0;
  explicit Likelihood(Sizes s) : sizes(std::move(s)) {
    for (const auto& [size, count] : sizes) {
      n += size * count;
      u += count;
    }
  }
  double Value(double t, double a) const {
    double l = 0;
    for (int64_t i = 1; i < u; ++i) l += std::log(t + double(i) * a);
    for (int64_t i = 1; i < n; ++i) l -= std::log(t + double(i));
    for (const auto& [size, count] : sizes) {
      for (int64_t j = 1; j < size; ++j) l += double(count) * std::log(double(j) - a);
    }
    return l;
  }
  // d/dtheta and d/dalpha, each as (positive terms - negative terms) / (their sum).
  std::pair<double, double> RelativeScores(double t, double a) const {
    double classes = 0, weighted_classes = 0, records = 0, sizes_term = 0;
    for (int64_t i = 1; i < u; ++i) {
      classes += 1 / (t + double(i) * a);
      weighted_classes += double(i) / (t + double(i) * a);
    }
    for (int64_t i = 1; i < n; ++i) records += 1 / (t + double(i));
    for (const auto& [size, count] : sizes) {
      for (int64_t j = 1; j < size; ++j) sizes_term += double(count) / (double(j) - a);
    }
    return {(classes - records) / (classes + records),
            (weighted_classes - sizes_term) / (weighted_classes + sizes_term)};
  }
};

// Expected values from an independent computation: python3 with mpmath at 40 digits, the
// log-likelihood and both scores by direct summation, mpmath.findroot on the scores from
// (theta, alpha) = (10, 0.3), checked to be the maximum on a grid theta 1..199, alpha
// 0..0.96; then the share (t+a)_(N-1) / (t+1)_(N-1) for N = 1000 as exp(loggamma(t+1) +
// loggamma(t+a+N-1) - loggamma(t+a) - loggamma(t+N)). Gave theta 36.5604605069465059...,
// alpha 0.1345413786963012..., share 0.0554474753086125784...
TEST(RiskPitman, MatchesAnIndependentComputation) {
  const Sizes sizes{{1, 30}, {2, 10}, {3, 5}, {5, 2}, {10, 1}};
  const std::optional<PitmanParameters> p = TEST_FitPitman(sizes);
  ASSERT_TRUE(p.has_value());
  EXPECT_NEAR(p->theta, 36.56046050694651, 1e-6);
  EXPECT_NEAR(p->alpha, 0.1345413786963013, 1e-9);
  const RiskFigures r = Compute(sizes, 1000);
  ASSERT_TRUE(r.population && r.population->pitman);
  EXPECT_NEAR(*r.population->pitman, 0.05544747530861258, 1e-10);
}

// Same computation with alpha fixed at 0 (the Ewens model): for {3:20} the alpha score at
// alpha = 0 is 20*19 / (2 theta) - 20 * (1 + 1/2) = -11.18 < 0, so the maximum is on the
// edge alpha = 0, where theta solves 19 / theta = sum_{i=1}^{59} 1 / (theta + i):
// theta = 10.0966091589861557..., and the share (theta)_(N-1) / (theta+1)_(N-1) telescopes
// to theta / (theta + N - 1) = 0.0100055921973625471... for N = 1000.
TEST(RiskPitman, TakesTheEwensEdgeWhenAlphaWouldBeNegative) {
  const std::optional<PitmanParameters> p = TEST_FitPitman({{3, 20}});
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->alpha, 0.0);
  EXPECT_NEAR(p->theta, 10.09660915898616, 1e-8);
  const RiskFigures r = Compute({{3, 20}}, 1000);
  ASSERT_TRUE(r.population && r.population->pitman);
  EXPECT_NEAR(*r.population->pitman, 0.01000559219736255, 1e-10);
}

// Whatever the data, an interior maximum has both scores zero and no higher neighbour. The
// share (t+a)_(N-1) / (t+1)_(N-1) is a product of N-1 factors below 1, so it is in (0, 1]
// and falls as N grows; for N far above theta it approaches Hoshino's (and ARX's)
// Gamma(t+1) / Gamma(t+a) * N^(a-1).
TEST(RiskPitman, EstimateIsAMaximumAndShareFallsWithThePopulation) {
  const std::vector<Sizes> cases = {
      {{1, 30}, {2, 10}, {3, 5}, {5, 2}, {10, 1}},
      {{1, 200}, {2, 3}},
      {{1, 1}, {2, 1}, {3, 1}, {50, 2}},
      {{1, 5000}, {2, 800}, {3, 200}, {7, 40}, {100, 3}, {2500, 1}},
  };
  for (const Sizes& sizes : cases) {
    const std::optional<PitmanParameters> p = TEST_FitPitman(sizes);
    ASSERT_TRUE(p.has_value());
    const Likelihood l(sizes);
    if (p->alpha > 0) {
      const auto [dt, da] = l.RelativeScores(p->theta, p->alpha);
      EXPECT_LT(std::abs(dt), 1e-9);
      EXPECT_LT(std::abs(da), 1e-9);
    }
    const double best = l.Value(p->theta, p->alpha);
    for (const double theta_step : {-0.01, 0.0, 0.01}) {
      for (const double alpha_step : {-1e-3, 0.0, 1e-3}) {
        const double t = p->theta * (1 + theta_step);
        const double a = p->alpha + alpha_step;
        if (a >= 0 && (theta_step != 0 || alpha_step != 0)) {
          EXPECT_LT(l.Value(t, a), best);
        }
      }
    }
    std::optional<double> previous;
    for (const int64_t population : {l.n, 10 * l.n, 100 * l.n}) {
      const RiskFigures r = Compute(sizes, population);
      ASSERT_TRUE(r.population && r.population->pitman);
      const double share = *r.population->pitman;
      EXPECT_GT(share, 0.0);
      EXPECT_LE(share, 1.0);
      if (previous) {
        EXPECT_LT(share, *previous);
      }
      previous = share;
    }
    const int64_t huge = int64_t{1} << 50;
    const RiskFigures r = Compute(sizes, huge);
    ASSERT_TRUE(r.population && r.population->pitman);
    const double hoshino = std::exp(std::lgamma(p->theta + 1) - std::lgamma(p->theta + p->alpha) +
                                    (p->alpha - 1) * std::log(double(huge)));
    EXPECT_NEAR(*r.population->pitman / hoshino, 1.0, 1e-7);
  }
}

// No finite maximum: with every record unique the likelihood rises without end as theta
// grows; with one class it peaks at theta = 0, alpha = 0, outside the parameter space.
TEST(RiskPitman, UnavailableWithoutAnInteriorMaximum) {
  EXPECT_FALSE(TEST_FitPitman({{1, 50}}).has_value());
  EXPECT_FALSE(TEST_FitPitman({{7, 1}}).has_value());
  EXPECT_FALSE(TEST_FitPitman({}).has_value());
  const RiskFigures r = Compute({{1, 50}}, 5000);
  ASSERT_TRUE(r.population.has_value());
  EXPECT_FALSE(r.population->pitman.has_value());
  // Zayatz takes the population's class sizes in the sample's proportions: all size 1.
  EXPECT_DOUBLE_EQ(r.population->zayatz, 1.0);
}

}  // namespace
}  // namespace veil
