// The generalisation search against brute force on random small problems (random
// consistent hierarchies, records, sensitive values, models, suppression limits and
// metrics): SearchGeneralisation must find TEST_SearchEveryNode's optimum, or fail when it
// fails. Also: where the models are monotone, acceptability never gets lost by going up
// the lattice; the error for an impossible problem names the tightest model; the greedy
// path for large lattices returns an acceptable node no better than the optimum.
#include "privacy/lattice_search.h"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <numeric>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "privacy/information_loss.h"
#include "privacy/lattice.h"
#include "privacy/node_evaluator.h"

namespace veil {
namespace {

constexpr PrivacyMetric kMetrics[] = {PrivacyMetric::kLoss, PrivacyMetric::kPrecision,
                                      PrivacyMetric::kDiscernibility, PrivacyMetric::kEntropy};

int Uniform(std::mt19937& rng, int low, int high) {
  return std::uniform_int_distribution<int>(low, high)(rng);
}

// A random hierarchy over `leaves` leaves with `levels` levels: each level groups the
// codes of the one below at random, the last level is "*".
HierarchyTable RandomTable(std::mt19937& rng, int leaves, int levels) {
  HierarchyTable rows(leaves);
  std::vector<int> code(leaves);
  std::iota(code.begin(), code.end(), 0);
  for (int leaf = 0; leaf < leaves; ++leaf) rows[leaf].push_back("v" + std::to_string(leaf));
  int count = leaves;
  for (int level = 1; level < levels; ++level) {
    const bool top = level == levels - 1;
    const int parents = top ? 1 : Uniform(rng, 1, count);
    std::vector<int> parent_of(count);
    for (int& parent : parent_of) parent = Uniform(rng, 0, parents - 1);
    for (int leaf = 0; leaf < leaves; ++leaf) {
      code[leaf] = parent_of[code[leaf]];
      rows[leaf].push_back(top ? "*"
                               : "l" + std::to_string(level) + "g" + std::to_string(code[leaf]));
    }
    count = parents;
  }
  return rows;
}

Hierarchy RandomHierarchy(std::mt19937& rng, int leaves, int levels) {
  auto hierarchy = Hierarchy::FromTable(RandomTable(rng, leaves, levels), "random");
  EXPECT_TRUE(hierarchy.ok()) << hierarchy.status().message();
  return std::move(*hierarchy);
}

// `n` draws from 0..values-1 with random weights 1..6, so that some values are common.
std::vector<int32_t> RandomDraws(std::mt19937& rng, int values, int n) {
  std::vector<int> weights(values);
  for (int& weight : weights) weight = Uniform(rng, 1, 6);
  std::discrete_distribution<int32_t> pick(weights.begin(), weights.end());
  std::vector<int32_t> out(n);
  for (int32_t& draw : out) draw = pick(rng);
  return out;
}

// A problem and what it points at; does not move.
struct Generated {
  PrivacySpec spec;
  std::unique_ptr<PrivacyModels> models;
  PrivacyProblem problem;
  std::string description;

  Generated() = default;
  Generated(const Generated&) = delete;
  Generated& operator=(const Generated&) = delete;

  // True when a merged class fails only if all its parts fail (k and distinct l), so
  // the records that fail never grow by going up the lattice.
  bool FailuresNeverGrow() const {
    return !spec.t_closeness &&
           (!spec.l_diversity || spec.l_diversity->variant == LDiversitySpec::Variant::kDistinct);
  }
  // True when acceptability cannot be lost by going up: without suppression every model
  // holds for a merge of classes that all hold it; with suppression only the models
  // above are safe (a passing class merged with a failing one can fail entropy or
  // recursive l-diversity or t-closeness).
  bool Monotone() const { return problem.SuppressionAllowance() == 0 || FailuresNeverGrow(); }
};

// One random case. `allow_non_monotone` false keeps to k and distinct l when records
// may be suppressed.
std::unique_ptr<Generated> RandomCase(std::mt19937& rng, bool allow_non_monotone = true) {
  auto out = std::make_unique<Generated>();
  std::ostringstream text;
  PrivacySpec& spec = out->spec;
  spec.k = Uniform(rng, 2, 6);
  const double limits[] = {0, 0.05, 0.2};
  spec.suppression_limit = limits[Uniform(rng, 0, 2)];
  const int l_kind = Uniform(rng, 0, 3);  // none, distinct, entropy, recursive
  const int t_kind = Uniform(rng, 0, 3);  // none, equal, ordered, hierarchical
  const bool restrict = !allow_non_monotone && spec.suppression_limit > 0;
  if (l_kind > 0 && !(restrict && l_kind >= 2)) {
    LDiversitySpec l{"s", 2, LDiversitySpec::Variant::kDistinct, 1};
    if (l_kind == 1) l.l = Uniform(rng, 2, 3);
    if (l_kind == 2) {
      const double ls[] = {1.5, 2, 2.5};
      l.variant = LDiversitySpec::Variant::kEntropy;
      l.l = ls[Uniform(rng, 0, 2)];
    }
    if (l_kind == 3) {
      l.variant = LDiversitySpec::Variant::kRecursive;
      l.l = Uniform(rng, 2, 3);
      l.c = Uniform(rng, 1, 3);
    }
    spec.l_diversity = l;
  }
  if (t_kind > 0 && !restrict) {
    const double ts[] = {0.1, 0.2, 0.3, 0.5};
    const TClosenessSpec::Distance distances[] = {TClosenessSpec::Distance::kEqual,
                                                  TClosenessSpec::Distance::kOrdered,
                                                  TClosenessSpec::Distance::kHierarchical};
    spec.t_closeness = TClosenessSpec{"s", ts[Uniform(rng, 0, 3)], distances[t_kind - 1], ""};
  }

  PrivacyProblem& problem = out->problem;
  const int qis = Uniform(rng, 2, 4);
  const int records = Uniform(rng, 20, 300);
  const int sensitive_values = Uniform(rng, 2, 5);
  std::vector<std::vector<int32_t>> columns;
  for (int d = 0; d < qis; ++d) {
    const int leaves = Uniform(rng, 2, 6);
    const int levels = Uniform(rng, 2, 4);
    QuasiIdentifier qi{"q" + std::to_string(d), RandomHierarchy(rng, leaves, levels), 0,
                       levels - 1};
    if (levels > 2 && Uniform(rng, 0, 4) == 0) qi.min_level = 1;
    if (levels > 2 && Uniform(rng, 0, 4) == 0) qi.max_level = levels - 2;
    text << " q" << d << "[" << leaves << " leaves, " << qi.min_level << ".." << qi.max_level
         << "]";
    problem.quasi_identifiers.push_back(std::move(qi));
    columns.push_back(RandomDraws(rng, leaves, records));
  }
  const std::vector<int32_t> sensitive = RandomDraws(rng, sensitive_values, records);
  SensitiveDomain domain;
  domain.overall_share.assign(sensitive_values, 0);
  for (int32_t s : sensitive) domain.overall_share[s] += 1.0 / records;
  domain.rank.resize(sensitive_values);
  std::iota(domain.rank.begin(), domain.rank.end(), 0);
  std::shuffle(domain.rank.begin(), domain.rank.end(), rng);
  if (spec.t_closeness && spec.t_closeness->distance == TClosenessSpec::Distance::kHierarchical) {
    domain.hierarchy = RandomHierarchy(rng, sensitive_values, Uniform(rng, 2, 4));
    domain.leaf_of = domain.rank;  // a permutation of the leaves
    std::shuffle(domain.leaf_of.begin(), domain.leaf_of.end(), rng);
  }
  out->models = std::make_unique<PrivacyModels>(spec, std::move(domain));
  const bool with_sensitive = out->models->NeedsSensitive();
  std::vector<int32_t> tuples;
  for (int r = 0; r < records; ++r) {
    for (int d = 0; d < qis; ++d) tuples.push_back(columns[d][r]);
    if (with_sensitive) tuples.push_back(sensitive[r]);
  }
  problem.bottom = ClassesFromTuples(tuples, std::vector<int64_t>(records, 1), qis, with_sensitive);
  problem.records = records;
  problem.models = out->models.get();
  problem.suppression_limit = spec.suppression_limit;
  for (const auto& name : out->models->Names()) text << " [" << name << "]";
  out->description = std::to_string(records) + " records, " + std::to_string(sensitive_values) +
                     " sensitive values, limit " + std::to_string(spec.suppression_limit) + ":" +
                     text.str();
  return out;
}

enum class Agreement { kDisagree, kNoSolution, kSolved };

// Runs both searches on `generated` with `metric` and compares them.
Agreement SearchesAgree(Generated& generated, PrivacyMetric metric, const std::string& label) {
  generated.problem.metric = metric;
  const std::string what = label + " metric " + MetricName(metric) + ": " + generated.description;
  auto searched = SearchGeneralisation(generated.problem, "t");
  auto every = TEST_SearchEveryNode(generated.problem, "t");
  EXPECT_EQ(searched.ok(), every.ok())
      << what << "\n  search: " << (searched.ok() ? "found" : searched.status().message())
      << "\n  every node: " << (every.ok() ? "found" : every.status().message());
  if (searched.ok() != every.ok()) return Agreement::kDisagree;
  if (!searched.ok()) {
    EXPECT_EQ(searched.status().code(), ErrorCode::kInvalidArgument) << what;
    EXPECT_EQ(searched.status().message(), every.status().message()) << what;
    return searched.status().message() == every.status().message() ? Agreement::kNoSolution
                                                                   : Agreement::kDisagree;
  }
  EXPECT_TRUE(searched->exact) << what;
  EXPECT_TRUE(searched->best.acceptable) << what;
  EXPECT_LE(searched->best.suppressed_records, generated.problem.SuppressionAllowance()) << what;
  EXPECT_NEAR(searched->metric, every->metric, 1e-9) << what;
  // The metric reported is the metric of the node returned.
  const InformationLoss loss(generated.problem);
  const double value =
      loss.Value(searched->best.levels, *searched->best.classes, searched->best.suppressed);
  EXPECT_NEAR(value, searched->metric, 1e-9) << what;
  const bool same = searched->best.acceptable && std::abs(searched->metric - every->metric) <= 1e-9;
  return same ? Agreement::kSolved : Agreement::kDisagree;
}

class LatticeSearchRandomTest : public ::testing::TestWithParam<PrivacyMetric> {};

// 200 random cases per metric; stops reporting after a few disagreements.
TEST_P(LatticeSearchRandomTest, SearchFindsTheOptimumOfEveryNode) {
  std::mt19937 rng(20240611);
  int disagreements = 0;
  int solved = 0;
  for (int i = 0; i < 200 && disagreements < 3; ++i) {
    auto generated = RandomCase(rng);
    const Agreement agreement = SearchesAgree(*generated, GetParam(), "case " + std::to_string(i));
    disagreements += agreement == Agreement::kDisagree;
    solved += agreement == Agreement::kSolved;
  }
  // The cases are not all impossible.
  EXPECT_GT(solved, 50);
}

INSTANTIATE_TEST_SUITE_P(Metrics, LatticeSearchRandomTest, ::testing::ValuesIn(kMetrics),
                         [](const auto& info) { return std::string(MetricName(info.param)); });

// Only k and distinct l with suppression (and anything without): the search's
// propagation is sound there, so it must always agree with brute force.
TEST(LatticeSearchTest, SearchFindsTheOptimumWithMonotoneModels) {
  std::mt19937 rng(77);
  int disagreements = 0;
  for (int i = 0; i < 100 && disagreements < 3; ++i) {
    auto generated = RandomCase(rng, /*allow_non_monotone=*/false);
    ASSERT_TRUE(generated->Monotone());
    for (PrivacyMetric metric : kMetrics) {
      const Agreement agreement = SearchesAgree(*generated, metric, "case " + std::to_string(i));
      disagreements += agreement == Agreement::kDisagree;
    }
  }
}

// For every node and successor: acceptable(node) implies acceptable(successor) wherever
// the search relies on it (nothing may be suppressed, or only k and distinct l), and
// with k and distinct l the failing records never grow.
TEST(LatticeSearchTest, AcceptabilityIsKeptByGeneralisingWhereTheModelsAreMonotone) {
  std::mt19937 rng(4242);
  int checked_pairs = 0;
  for (int i = 0; i < 120; ++i) {
    auto generated = RandomCase(rng);
    const PrivacyProblem& problem = generated->problem;
    std::vector<int> min_levels, max_levels;
    for (const auto& qi : problem.quasi_identifiers) {
      min_levels.push_back(qi.min_level);
      max_levels.push_back(qi.max_level);
    }
    const Lattice lattice(min_levels, max_levels);
    NodeEvaluator evaluator(problem);
    std::vector<NodeEvaluation> evaluations;
    for (Lattice::Node node = 0; node < lattice.Size(); ++node) {
      evaluations.push_back(evaluator.Evaluate(lattice.Levels(node)));
    }
    const bool monotone = generated->Monotone();
    const bool never_grow = generated->FailuresNeverGrow();
    for (Lattice::Node node = 0; node < lattice.Size(); ++node) {
      for (Lattice::Node up : lattice.Successors(node)) {
        ++checked_pairs;
        const NodeEvaluation& low = evaluations[node];
        const NodeEvaluation& high = evaluations[up];
        // Nothing failing stays nothing failing, whatever the models.
        if (low.suppressed_records == 0) {
          ASSERT_EQ(high.suppressed_records, 0) << "case " << i << ": " << generated->description;
        }
        if (!monotone) continue;
        ASSERT_TRUE(!low.acceptable || high.acceptable)
            << "case " << i << " node " << node << " -> " << up << ": " << generated->description;
        if (never_grow) {
          ASSERT_LE(high.suppressed_records, low.suppressed_records)
              << "case " << i << ": " << generated->description;
        }
      }
    }
  }
  EXPECT_GT(checked_pairs, 1000);
}

// Entropy l-diversity with suppression is not monotone: one QI (a, b -> *); a holds
// {x, y}, b holds ten x. At level 0 only b's ten records fail (entropy 0 < ln 2); at
// level 1 the merged class {x: 11, y: 1} has entropy 0.287 < ln 2 and all 12 fail.
// With 10 of 12 records allowed, level 0 is the only (and so the best) solution.
struct NonMonotone {
  PrivacySpec spec;
  std::unique_ptr<PrivacyModels> models;
  PrivacyProblem problem;

  explicit NonMonotone(LDiversitySpec::Variant variant, double c = 1) {
    spec.l_diversity = LDiversitySpec{"s", 2, variant, c};
    spec.suppression_limit = 10.0 / 12;
    SensitiveDomain domain;
    domain.overall_share = {11.0 / 12, 1.0 / 12};
    domain.rank = {0, 1};
    models = std::make_unique<PrivacyModels>(spec, std::move(domain));
    auto hierarchy = Hierarchy::FromTable({{"a", "*"}, {"b", "*"}}, "q");
    EXPECT_TRUE(hierarchy.ok());
    problem.quasi_identifiers.push_back({"q", std::move(*hierarchy), 0, 1});
    // (a | x) x1, (a | y) x1, (b | x) x10.
    problem.bottom = ClassesFromTuples({0, 0, 0, 1, 1, 0}, {1, 1, 10}, 1, true);
    problem.records = 12;
    problem.models = models.get();
    problem.suppression_limit = spec.suppression_limit;
  }
};

TEST(LatticeSearchTest, NonMonotoneModelsWithSuppressionStillFindTheOptimum) {
  for (auto variant : {LDiversitySpec::Variant::kEntropy, LDiversitySpec::Variant::kRecursive}) {
    // Recursive (2, 2) with c = 2: a's {1, 1}: 1 < 2 * 1 holds; b's {10} has one value;
    // merged {11, 1}: 11 < 2 * 1 fails.
    NonMonotone setup(variant, 2);
    ASSERT_EQ(setup.problem.SuppressionAllowance(), 10);
    NodeEvaluator evaluator(setup.problem);
    const NodeEvaluation bottom = evaluator.Evaluate({0});
    const NodeEvaluation top = evaluator.Evaluate({1});
    EXPECT_EQ(bottom.suppressed_records, 10);
    EXPECT_TRUE(bottom.acceptable);
    EXPECT_EQ(top.suppressed_records, 12);
    EXPECT_FALSE(top.acceptable);  // the successor of an acceptable node is not
    auto every = TEST_SearchEveryNode(setup.problem, "t");
    ASSERT_TRUE(every.ok()) << every.status().message();
    EXPECT_EQ(every->best.levels, std::vector<int>{0});
    // Loss: 10 of 12 records suppressed, the other two at level 0: 10/12.
    EXPECT_NEAR(every->metric, 10.0 / 12, 1e-12);
    auto searched = SearchGeneralisation(setup.problem, "t");
    ASSERT_TRUE(searched.ok()) << "the search misses the solution at level 0: "
                               << searched.status().message();
    EXPECT_EQ(searched->best.levels, std::vector<int>{0});
    EXPECT_NEAR(searched->metric, 10.0 / 12, 1e-12);
  }
}

TEST(LatticeSearchTest, NoSolutionNamesTheTightestModel) {
  std::mt19937 rng(9);
  for (int i = 0; i < 20; ++i) {
    auto generated = RandomCase(rng, false);
    PrivacyProblem& problem = generated->problem;
    // Every quasi-identifier may reach '*', so the top is one class of every record:
    // 2-anonymity holds there, distinct 6-diversity fails for all records (at most five
    // sensitive values in the table).
    for (auto& qi : problem.quasi_identifiers) qi.max_level = qi.hierarchy.Levels() - 1;
    PrivacySpec spec;
    spec.k = 2;
    spec.l_diversity = LDiversitySpec{"s", 6, LDiversitySpec::Variant::kDistinct, 1};
    spec.suppression_limit = 0.2;
    SensitiveDomain domain;
    domain.overall_share.assign(5, 0.2);
    domain.rank = {0, 1, 2, 3, 4};
    const PrivacyModels models(spec, domain);
    problem.models = &models;
    problem.suppression_limit = spec.suppression_limit;
    // Give each bottom class one sensitive value (class number mod 5).
    problem.bottom.hist_begin.assign(1, 0);
    problem.bottom.hist.clear();
    for (size_t c = 0; c < problem.bottom.Classes(); ++c) {
      problem.bottom.hist.push_back({static_cast<int32_t>(c % 5), problem.bottom.sizes[c]});
      problem.bottom.hist_begin.push_back(static_cast<uint32_t>(problem.bottom.hist.size()));
    }
    const std::string records = std::to_string(problem.records);
    for (PrivacyMetric metric : kMetrics) {
      problem.metric = metric;
      auto searched = SearchGeneralisation(problem, "people");
      ASSERT_FALSE(searched.ok());
      EXPECT_EQ(searched.status().code(), ErrorCode::kInvalidArgument);
      const std::string message = searched.status().message();
      EXPECT_NE(message.find("table people: no generalisation satisfies the privacy models "
                             "within the suppression limit of 20%"),
                std::string::npos)
          << message;
      EXPECT_NE(message.find("distinct 6-diversity of s fails for " + records + " of " + records +
                             " records (100%)"),
                std::string::npos)
          << message;
      auto every = TEST_SearchEveryNode(problem, "people");
      ASSERT_FALSE(every.ok());
      EXPECT_EQ(every.status().message(), message);
    }
  }
}

TEST(LatticeSearchTest, GreedyPathForLargeLatticesIsAcceptableButNotBetterThanExact) {
  std::mt19937 rng(31337);
  int greedy_runs = 0;
  for (int i = 0; i < 60; ++i) {
    auto generated = RandomCase(rng, false);
    for (PrivacyMetric metric : kMetrics) {
      generated->problem.metric = metric;
      auto exact = SearchGeneralisation(generated->problem, "t");
      auto greedy = SearchGeneralisation(generated->problem, "t", /*exact_limit=*/1);
      ASSERT_EQ(exact.ok(), greedy.ok()) << generated->description;
      if (!exact.ok()) continue;
      ++greedy_runs;
      EXPECT_TRUE(exact->exact);
      EXPECT_FALSE(greedy->exact);
      EXPECT_TRUE(greedy->best.acceptable);
      EXPECT_GE(greedy->metric, exact->metric - 1e-9) << generated->description;
      EXPECT_EQ(greedy->lattice_nodes, exact->lattice_nodes);
      const InformationLoss loss(generated->problem);
      EXPECT_NEAR(loss.Value(greedy->best.levels, *greedy->best.classes, greedy->best.suppressed),
                  greedy->metric, 1e-9);
      // No acceptable predecessor is left: the descent stopped at a local minimum.
      NodeEvaluator evaluator(generated->problem);
      for (size_t d = 0; d < greedy->best.levels.size(); ++d) {
        std::vector<int> lower = greedy->best.levels;
        if (lower[d] == generated->problem.quasi_identifiers[d].min_level) continue;
        --lower[d];
        EXPECT_FALSE(evaluator.Evaluate(lower).acceptable) << generated->description;
      }
    }
  }
  EXPECT_GT(greedy_runs, 40);
}

}  // namespace
}  // namespace veil
