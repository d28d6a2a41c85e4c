// The search for the best full-domain generalisation: the levels (one per
// quasi-identifier) whose classes satisfy every model with no more records suppressed
// than allowed, at the least information loss.
//
// Exact search (lattices up to kExactSearchLimit nodes): when acceptability is monotone
// — nothing may be suppressed, or the models are k-anonymity and distinct l-diversity
// only (a merged class fails only if all its parts fail) — every node is classified as
// acceptable or not, evaluating as few as possible: nodes are taken by height, a path
// is climbed from each unclassified node and binary-searched, and each answer is
// propagated (a generalisation of an acceptable node is acceptable; a specialisation of
// an unacceptable node is not). Entropy or recursive l-diversity and t-closeness with
// suppression are not monotone (a passing class merged with a failing one may fail):
// the classification then uses their monotone part (k-anonymity and distinct
// l-diversity within the limit), which every acceptable node also satisfies, and each
// candidate's full acceptability is decided when it is visited. Candidate nodes are
// visited by increasing lower bound of the metric until the bound reaches the best value
// found, so the result is optimal.
// Larger lattices: a greedy descent from the top (from the current node, move to the
// acceptable predecessor with the least loss until none is acceptable); the result is
// acceptable but not proven optimal, and SearchOutcome::exact says so.
// When not even the top node is acceptable, the error names the model that needs the
// most records suppressed there.
#pragma once

#include <cstdint>

#include "privacy/node_evaluator.h"
#include "privacy/privacy_problem.h"
#include "veil/status.h"

namespace veil {

inline constexpr uint64_t kExactSearchLimit = 1'000'000;

struct SearchOutcome {
  NodeEvaluation best;
  double metric = 0;
  bool exact = true;
  uint64_t lattice_nodes = 0;
  uint64_t nodes_evaluated = 0;
};

// `table` names the table in errors.
Result<SearchOutcome> SearchGeneralisation(const PrivacyProblem& problem, const std::string& table,
                                           uint64_t exact_limit = kExactSearchLimit);

// Evaluates every node: for tests and for checking the search.
Result<SearchOutcome> TEST_SearchEveryNode(const PrivacyProblem& problem, const std::string& table);

}  // namespace veil
