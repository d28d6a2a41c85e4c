// NodeEvaluator: decides whether one generalisation (a lattice node) is acceptable —
// its classes that fail a model hold no more records than may be suppressed — and
// keeps the classes of the nodes it evaluated (within a memory budget, most recent
// first) so that a node's classes are rolled up from the smallest cached node it
// generalises instead of from the whole table.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <vector>

#include "privacy/lattice.h"
#include "privacy/privacy_problem.h"

namespace veil {

struct NodeEvaluation {
  std::vector<int> levels;
  std::shared_ptr<const ClassTable> classes;
  std::vector<uint8_t> suppressed;  // per class: fails a model
  int64_t suppressed_records = 0;
  // Records in classes failing k-anonymity or distinct l-diversity (the models whose
  // failures never grow with generalisation).
  int64_t monotone_suppressed_records = 0;
  bool acceptable = false;
};

class NodeEvaluator {
 public:
  explicit NodeEvaluator(const PrivacyProblem& problem);

  NodeEvaluation Evaluate(const std::vector<int>& levels);
  // The classes alone (no model is checked).
  std::shared_ptr<const ClassTable> Classes(const std::vector<int>& levels);
  uint64_t Evaluations() const { return evaluations_; }

 private:
  struct Cached {
    std::vector<int> levels;
    std::shared_ptr<const ClassTable> classes;
  };

  const PrivacyProblem& problem_;
  std::shared_ptr<const ClassTable> bottom_;
  std::vector<int> bottom_levels_;
  std::list<Cached> recent_;  // most recent first, within a budget of classes
  size_t cached_classes_ = 0;
  uint64_t evaluations_ = 0;
};

}  // namespace veil
