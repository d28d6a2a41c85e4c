#include "privacy/lattice_search.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <numeric>

#include "privacy/information_loss.h"

namespace veil {
namespace {

enum : uint8_t { kUnknown = 0, kAcceptable = 1, kUnacceptable = 2 };

Lattice LatticeOf(const PrivacyProblem& problem) {
  std::vector<int> min_levels;
  std::vector<int> max_levels;
  for (const auto& qi : problem.quasi_identifiers) {
    min_levels.push_back(qi.min_level);
    max_levels.push_back(qi.max_level);
  }
  return Lattice(min_levels, max_levels);
}

// Explains why the top node fails: the model needing the largest suppression there.
Status NoSolution(const PrivacyProblem& problem, NodeEvaluator& evaluator,
                  const std::vector<int>& top, const std::string& table) {
  const auto classes = evaluator.Classes(top);
  const PrivacyModels& models = *problem.models;
  size_t tightest = 0;
  int64_t most = -1;
  for (size_t m = 0; m < models.Count(); ++m) {
    int64_t failing = 0;
    for (size_t c = 0; c < classes->Classes(); ++c) {
      const auto histogram =
          classes->HasSensitive() ? classes->Histogram(c) : std::span<const SensitiveCount>();
      if (!models.Holds(m, classes->sizes[c], histogram)) failing += classes->sizes[c];
    }
    if (failing > most) {
      most = failing;
      tightest = m;
    }
  }
  const double share = problem.records == 0 ? 0 : 100.0 * most / problem.records;
  return InvalidArgument(fmt::format(
      "table {}: no generalisation satisfies the privacy models within the suppression limit "
      "of {:.4g}%: even with every quasi-identifier at its highest level, {} fails for {} of "
      "{} records ({:.4g}%)",
      table, problem.suppression_limit * 100, models.Describe(tightest), most, problem.records,
      share));
}

class ExactSearch {
 public:
  ExactSearch(const PrivacyProblem& problem, const Lattice& lattice)
      : problem_(problem),
        lattice_(lattice),
        loss_(problem),
        evaluator_(problem),
        monotone_(problem.SuppressionAllowance() == 0 || problem.models->FailuresNeverGrow()),
        status_(lattice.Size(), kUnknown),
        bound_(lattice.Size(), 0) {
    if (loss_.HasLowerBound()) {
      for (Lattice::Node node = 0; node < lattice.Size(); ++node) {
        bound_[node] = loss_.LowerBound(lattice.Levels(node));
      }
    }
  }

  std::optional<SearchOutcome> Run() {
    Classify();
    return Optimum();
  }

  NodeEvaluator& evaluator() { return evaluator_; }

 private:
  void Classify() {
    std::vector<Lattice::Node> order(lattice_.Size());
    std::iota(order.begin(), order.end(), 0);
    std::vector<int> height(lattice_.Size());
    for (Lattice::Node node = 0; node < lattice_.Size(); ++node)
      height[node] = lattice_.Height(node);
    std::stable_sort(order.begin(), order.end(), [&](Lattice::Node a, Lattice::Node b) {
      return height[a] != height[b] ? height[a] < height[b] : bound_[a] < bound_[b];
    });
    for (Lattice::Node start : order) {
      if (status_[start] != kUnknown) continue;
      const std::vector<Lattice::Node> path = ClimbFrom(start);
      size_t low = 0;
      size_t high = path.size();  // the answer lies in [low, high)
      while (low < high) {
        const size_t mid = low + (high - low) / 2;
        if (Acceptable(path[mid])) {
          high = mid;
        } else {
          low = mid + 1;
        }
      }
    }
  }

  // From `node` up through unclassified successors, each time the one of least bound.
  std::vector<Lattice::Node> ClimbFrom(Lattice::Node node) const {
    std::vector<Lattice::Node> path{node};
    while (true) {
      std::optional<Lattice::Node> next;
      for (Lattice::Node successor : lattice_.Successors(path.back())) {
        if (status_[successor] != kUnknown) continue;
        if (!next || bound_[successor] < bound_[*next]) next = successor;
      }
      if (!next) return path;
      path.push_back(*next);
    }
  }

  // The classification's predicate, which is monotone: acceptability itself when the
  // models are monotone, else acceptability under the monotone models alone (k and
  // distinct l), which every acceptable node also has.
  bool Acceptable(Lattice::Node node) {
    if (status_[node] != kUnknown) return status_[node] == kAcceptable;
    const bool holds = Record(node, evaluator_.Evaluate(lattice_.Levels(node)));
    Spread(node, holds ? kAcceptable : kUnacceptable);
    return holds;
  }

  // Keeps the node's full answer (its metric if acceptable); returns the predicate.
  bool Record(Lattice::Node node, const NodeEvaluation& evaluation) {
    full_[node] = evaluation.acceptable
                      ? std::optional<double>(loss_.Value(evaluation.levels, *evaluation.classes,
                                                          evaluation.suppressed))
                      : std::nullopt;
    if (monotone_) return evaluation.acceptable;
    return evaluation.monotone_suppressed_records <= problem_.SuppressionAllowance();
  }

  // The metric of an acceptable node, or nothing if it is not acceptable.
  std::optional<double> FullValue(Lattice::Node node) {
    auto it = full_.find(node);
    if (it != full_.end()) return it->second;
    Record(node, evaluator_.Evaluate(lattice_.Levels(node)));
    return full_[node];
  }

  // Tags `node` and every generalisation (acceptable) or specialisation (not).
  void Spread(Lattice::Node node, uint8_t status) {
    std::vector<Lattice::Node> stack{node};
    status_[node] = status;
    while (!stack.empty()) {
      const Lattice::Node current = stack.back();
      stack.pop_back();
      const auto next =
          status == kAcceptable ? lattice_.Successors(current) : lattice_.Predecessors(current);
      for (Lattice::Node n : next) {
        if (status_[n] == status) continue;
        status_[n] = status;
        stack.push_back(n);
      }
    }
  }

  bool Minimal(Lattice::Node node) const {
    for (Lattice::Node p : lattice_.Predecessors(node)) {
      if (status_[p] == kAcceptable) return false;
    }
    return true;
  }

  std::optional<SearchOutcome> Optimum() {
    std::vector<Lattice::Node> candidates;
    const bool bounded = loss_.HasLowerBound();
    const bool nothing_suppressed = problem_.SuppressionAllowance() == 0;
    for (Lattice::Node node = 0; node < lattice_.Size(); ++node) {
      if (status_[node] != kAcceptable) continue;
      if (!bounded && nothing_suppressed && !Minimal(node)) continue;
      candidates.push_back(node);
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [&](Lattice::Node a, Lattice::Node b) { return bound_[a] < bound_[b]; });
    std::optional<Lattice::Node> best;
    double best_value = std::numeric_limits<double>::infinity();
    for (Lattice::Node node : candidates) {
      if (bounded && bound_[node] >= best_value) break;
      const std::optional<double> value = FullValue(node);
      if (value && (!best || *value < best_value)) {
        best_value = *value;
        best = node;
      }
    }
    if (!best) return std::nullopt;
    SearchOutcome outcome;
    outcome.best = evaluator_.Evaluate(lattice_.Levels(*best));
    outcome.metric = best_value;
    outcome.lattice_nodes = lattice_.Size();
    outcome.nodes_evaluated = evaluator_.Evaluations();
    return outcome;
  }

  const PrivacyProblem& problem_;
  const Lattice& lattice_;
  InformationLoss loss_;
  NodeEvaluator evaluator_;
  // Acceptability is kept by generalising (and lost by specialising), so answers spread.
  bool monotone_;
  std::vector<uint8_t> status_;
  std::vector<double> bound_;
  std::unordered_map<Lattice::Node, std::optional<double>> full_;  // evaluated nodes
};

// Greedy descent from the top for lattices too large to classify.
SearchOutcome GreedyDescent(const PrivacyProblem& problem, const Lattice& lattice,
                            NodeEvaluator& evaluator, NodeEvaluation top) {
  InformationLoss loss(problem);
  NodeEvaluation current = std::move(top);
  double current_value = loss.Value(current.levels, *current.classes, current.suppressed);
  while (true) {
    std::optional<NodeEvaluation> best;
    double best_value = 0;
    for (Lattice::Node p : lattice.Predecessors(lattice.NodeOf(current.levels))) {
      NodeEvaluation candidate = evaluator.Evaluate(lattice.Levels(p));
      if (!candidate.acceptable) continue;
      const double value = loss.Value(candidate.levels, *candidate.classes, candidate.suppressed);
      if (!best || value < best_value) {
        best = std::move(candidate);
        best_value = value;
      }
    }
    if (!best) break;
    current = std::move(*best);
    current_value = best_value;
  }
  SearchOutcome outcome;
  outcome.best = std::move(current);
  outcome.metric = current_value;
  outcome.exact = false;
  outcome.lattice_nodes = lattice.Size();
  outcome.nodes_evaluated = evaluator.Evaluations();
  return outcome;
}

}  // namespace

Result<SearchOutcome> SearchGeneralisation(const PrivacyProblem& problem, const std::string& table,
                                           uint64_t exact_limit) {
  const Lattice lattice = LatticeOf(problem);
  if (lattice.Size() <= exact_limit) {
    ExactSearch search(problem, lattice);
    auto outcome = search.Run();
    if (!outcome) return NoSolution(problem, search.evaluator(), lattice.MaxLevels(), table);
    return *outcome;
  }
  NodeEvaluator evaluator(problem);
  NodeEvaluation top = evaluator.Evaluate(lattice.MaxLevels());
  if (!top.acceptable) return NoSolution(problem, evaluator, lattice.MaxLevels(), table);
  return GreedyDescent(problem, lattice, evaluator, std::move(top));
}

Result<SearchOutcome> TEST_SearchEveryNode(const PrivacyProblem& problem,
                                           const std::string& table) {
  const Lattice lattice = LatticeOf(problem);
  InformationLoss loss(problem);
  NodeEvaluator evaluator(problem);
  std::optional<SearchOutcome> best;
  for (Lattice::Node node = 0; node < lattice.Size(); ++node) {
    NodeEvaluation evaluation = evaluator.Evaluate(lattice.Levels(node));
    if (!evaluation.acceptable) continue;
    const double value = loss.Value(evaluation.levels, *evaluation.classes, evaluation.suppressed);
    if (!best || value < best->metric) {
      best = SearchOutcome{std::move(evaluation), value, true, lattice.Size(), 0};
    }
  }
  if (!best) return NoSolution(problem, evaluator, lattice.MaxLevels(), table);
  best->nodes_evaluated = evaluator.Evaluations();
  return *best;
}

}  // namespace veil
