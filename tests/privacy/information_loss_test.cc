// InformationLoss on a hand-made problem of eight records and two quasi-identifiers,
// every value computed by hand: the lower bound (nothing suppressed) and the value with
// and without suppressed classes, for loss, precision, discernibility and entropy.
#include "privacy/information_loss.h"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <vector>

namespace veil {
namespace {

// age: 1, 2 -> 1-2; 3, 4 -> 3-4; then *  (3 levels, 4 leaves; level-1 codes 1-2 = 0,
// 3-4 = 1).  sex: m, f -> *  (2 levels, 2 leaves).
// Records (age leaf, sex leaf) x count: (1,m) x2, (2,m) x1, (3,f) x3, (4,m) x1, (4,f) x1.
// Per leaf: age 1:2, 2:1, 3:3, 4:2; sex m:4, f:4. Eight records.
class InformationLossTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto age = Hierarchy::FromTable(
        {{"1", "1-2", "*"}, {"2", "1-2", "*"}, {"3", "3-4", "*"}, {"4", "3-4", "*"}}, "age");
    auto sex = Hierarchy::FromTable({{"m", "*"}, {"f", "*"}}, "sex");
    ASSERT_TRUE(age.ok() && sex.ok());
    problem_.quasi_identifiers.push_back({"age", std::move(*age), 0, 2});
    problem_.quasi_identifiers.push_back({"sex", std::move(*sex), 0, 1});
    problem_.bottom = ClassesFromTuples({0, 0, 1, 0, 2, 1, 3, 0, 3, 1}, {2, 1, 3, 1, 1}, 2, false);
    problem_.records = 8;
    problem_.models = &models_;
  }

  std::unique_ptr<InformationLoss> Loss(PrivacyMetric metric) {
    problem_.metric = metric;
    return std::make_unique<InformationLoss>(problem_);
  }

  // Classes at levels (1, 0): (1-2, m) x3, (3-4, f) x4, (3-4, m) x1, in that order.
  static ClassTable AgeGeneralised() {
    return ClassesFromTuples({0, 0, 0, 0, 1, 1, 1, 0, 1, 1}, {2, 1, 3, 1, 1}, 2, false);
  }
  // Classes at levels (2, 1): one class of 8.
  static ClassTable Top() { return ClassesFromTuples({0, 0}, {8}, 2, false); }

  const PrivacyModels models_{PrivacySpec{}, SensitiveDomain{}};
  PrivacyProblem problem_;
};

const std::vector<uint8_t> kNone5 = {0, 0, 0, 0, 0};
// Bottom classes (1,m) x2, (2,m) x1, (3,f) x3, (4,m) x1, (4,f) x1: suppress (2,m), (4,m).
const std::vector<uint8_t> kSingleMales = {0, 1, 0, 1, 0};

TEST_F(InformationLossTest, BottomClassesAreTheRecordsPerLeafPair) {
  ASSERT_EQ(problem_.bottom.Classes(), 5u);
  EXPECT_EQ(problem_.bottom.sizes, (std::vector<int64_t>{2, 1, 3, 1, 1}));
  ASSERT_EQ(AgeGeneralised().Classes(), 3u);
  EXPECT_EQ(AgeGeneralised().sizes, (std::vector<int64_t>{3, 4, 1}));
}

TEST_F(InformationLossTest, LossIsTheGeometricMeanOfOnePlusEachColumnsLoss) {
  const auto loss = Loss(PrivacyMetric::kLoss);
  ASSERT_TRUE(loss->HasLowerBound());
  // Per record, age at level 1: (2 - 1) / (4 - 1) = 1/3; level 2: 3/3 = 1.
  // sex at level 1: (2 - 1) / (2 - 1) = 1.
  EXPECT_NEAR(loss->LowerBound({0, 0}), 0.0, 1e-12);
  EXPECT_NEAR(loss->LowerBound({1, 0}), std::sqrt(4.0 / 3) - 1, 1e-12);  // 0.154701
  EXPECT_NEAR(loss->LowerBound({0, 1}), std::sqrt(2.0) - 1, 1e-12);      // 0.414214
  EXPECT_NEAR(loss->LowerBound({1, 1}), std::sqrt(8.0 / 3) - 1, 1e-12);  // 0.632993
  EXPECT_NEAR(loss->LowerBound({2, 0}), std::sqrt(2.0) - 1, 1e-12);
  EXPECT_NEAR(loss->LowerBound({2, 1}), 1.0, 1e-12);
  // Nothing suppressed: the value is the bound.
  EXPECT_NEAR(loss->Value({1, 0}, AgeGeneralised(), {0, 0, 0}), std::sqrt(4.0 / 3) - 1, 1e-12);
  EXPECT_NEAR(loss->Value({0, 0}, problem_.bottom, kNone5), 0.0, 1e-12);
  // (2,m) and (4,m) suppressed at the bottom: each column loses 2 of 8 records -> 0.25 per
  // column; sqrt(1.25 * 1.25) - 1 = 0.25.
  EXPECT_NEAR(loss->Value({0, 0}, problem_.bottom, kSingleMales), 0.25, 1e-12);
  // (3-4, m) x1 suppressed at (1, 0): age (8/3 + 2/3) / 8 = 5/12; sex 1/8;
  // sqrt(17/12 * 9/8) - 1 = 0.262438.
  EXPECT_NEAR(loss->Value({1, 0}, AgeGeneralised(), {0, 0, 1}), std::sqrt(17.0 / 12 * 9.0 / 8) - 1,
              1e-12);
  // Everything suppressed costs what the top costs.
  EXPECT_NEAR(loss->Value({0, 0}, problem_.bottom, {1, 1, 1, 1, 1}), 1.0, 1e-12);
  EXPECT_NEAR(loss->Value({2, 1}, Top(), {1}), 1.0, 1e-12);
}

TEST_F(InformationLossTest, PrecisionIsTheMeanShareOfLevels) {
  const auto loss = Loss(PrivacyMetric::kPrecision);
  ASSERT_TRUE(loss->HasLowerBound());
  // age level / 2, sex level / 1, averaged over the two columns.
  EXPECT_NEAR(loss->LowerBound({0, 0}), 0.0, 1e-12);
  EXPECT_NEAR(loss->LowerBound({1, 0}), 0.25, 1e-12);
  EXPECT_NEAR(loss->LowerBound({0, 1}), 0.5, 1e-12);
  EXPECT_NEAR(loss->LowerBound({1, 1}), 0.75, 1e-12);
  EXPECT_NEAR(loss->LowerBound({2, 1}), 1.0, 1e-12);
  EXPECT_NEAR(loss->Value({1, 0}, AgeGeneralised(), {0, 0, 0}), 0.25, 1e-12);
  // Two of eight records count 1 in both columns: (0.25 + 0.25) / 2.
  EXPECT_NEAR(loss->Value({0, 0}, problem_.bottom, kSingleMales), 0.25, 1e-12);
  // (3-4, m) suppressed at (1, 0): age (8 * 0.5 + 1 * 0.5) / 8 = 0.5625, sex 1/8;
  // mean 0.34375.
  EXPECT_NEAR(loss->Value({1, 0}, AgeGeneralised(), {0, 0, 1}), 0.34375, 1e-12);
  EXPECT_NEAR(loss->Value({1, 0}, AgeGeneralised(), {1, 1, 1}), 1.0, 1e-12);
}

TEST_F(InformationLossTest, DiscernibilityChargesSuppressedRecordsTheTableSize) {
  const auto loss = Loss(PrivacyMetric::kDiscernibility);
  EXPECT_FALSE(loss->HasLowerBound());
  // Bottom: 2^2 + 1 + 3^2 + 1 + 1 = 16.
  EXPECT_DOUBLE_EQ(loss->Value({0, 0}, problem_.bottom, kNone5), 16);
  // Two singletons suppressed: 4 + 8 + 9 + 8 + 1 = 30.
  EXPECT_DOUBLE_EQ(loss->Value({0, 0}, problem_.bottom, kSingleMales), 30);
  // (1, 0): 3^2 + 4^2 + 1 = 26; with the last class suppressed 9 + 16 + 8 = 33.
  EXPECT_DOUBLE_EQ(loss->Value({1, 0}, AgeGeneralised(), {0, 0, 0}), 26);
  EXPECT_DOUBLE_EQ(loss->Value({1, 0}, AgeGeneralised(), {0, 0, 1}), 33);
  EXPECT_DOUBLE_EQ(loss->Value({2, 1}, Top(), {0}), 64);
  EXPECT_DOUBLE_EQ(loss->Value({2, 1}, Top(), {1}), 64);
}

TEST_F(InformationLossTest, EntropyIsTheNonUniformEntropyOfTheGeneralisedValues) {
  const auto loss = Loss(PrivacyMetric::kEntropy);
  ASSERT_TRUE(loss->HasLowerBound());
  // age at level 1: 1-2 holds 3 records (leaf 1: 2, leaf 2: 1), 3-4 holds 5 (3: 3, 4: 2):
  //   2 log2(3/2) + log2(3) + 3 log2(5/3) + 2 log2(5/2) = 7.609640.
  const double age1 =
      2 * std::log2(1.5) + std::log2(3.0) + 3 * std::log2(5.0 / 3) + 2 * std::log2(2.5);
  EXPECT_NEAR(age1, 7.609640, 1e-6);
  // age at level 2: 2 log2(8/2) + log2(8) + 3 log2(8/3) + 2 log2(8/2) = 15.245112.
  const double age2 = 4 + 3 + 3 * std::log2(8.0 / 3) + 4;
  // sex at level 1: 8 records of which 4 each: 8 log2(2) = 8.
  const double sex1 = 8;
  EXPECT_NEAR(loss->LowerBound({0, 0}), 0.0, 1e-12);
  EXPECT_NEAR(loss->LowerBound({1, 0}), age1, 1e-12);
  EXPECT_NEAR(loss->LowerBound({0, 1}), sex1, 1e-12);
  EXPECT_NEAR(loss->LowerBound({1, 1}), age1 + sex1, 1e-12);
  EXPECT_NEAR(loss->LowerBound({2, 1}), age2 + sex1, 1e-12);  // 23.245112
  EXPECT_NEAR(loss->Value({1, 0}, AgeGeneralised(), {0, 0, 0}), age1, 1e-12);
  // Suppressed (2,m): log2(8/1) + log2(8/4) = 4; (4,m): log2(8/2) + log2(8/4) = 3.
  EXPECT_NEAR(loss->Value({0, 0}, problem_.bottom, kSingleMales), 7.0, 1e-12);
  // (4,m) suppressed at (1, 0): its age cost rises from log2(5/2) to log2(8/2), by
  // log2(8/5) = 0.678072, its sex cost from 0 to 1.
  EXPECT_NEAR(loss->Value({1, 0}, AgeGeneralised(), {0, 0, 1}), age1 + std::log2(1.6) + 1, 1e-12);
  // Everything suppressed costs what the top costs.
  EXPECT_NEAR(loss->Value({0, 0}, problem_.bottom, {1, 1, 1, 1, 1}), age2 + sex1, 1e-12);
  EXPECT_NEAR(loss->Value({1, 0}, AgeGeneralised(), {1, 1, 1}), age2 + sex1, 1e-12);
}

TEST_F(InformationLossTest, TheBoundNeverExceedsTheValue) {
  const std::vector<std::vector<uint8_t>> suppressions = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0},
                                                          {0, 0, 1}, {1, 1, 0}, {1, 1, 1}};
  for (auto metric : {PrivacyMetric::kLoss, PrivacyMetric::kPrecision, PrivacyMetric::kEntropy}) {
    const auto loss = Loss(metric);
    for (const auto& suppressed : suppressions) {
      EXPECT_LE(loss->LowerBound({1, 0}), loss->Value({1, 0}, AgeGeneralised(), suppressed) + 1e-12)
          << MetricName(metric);
    }
  }
}

}  // namespace
}  // namespace veil
