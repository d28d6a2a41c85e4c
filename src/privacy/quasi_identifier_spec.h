// QuasiIdentifierSpec: what a policy says about one quasi-identifier — a column whose
// rule is `generalise` with a hierarchy (an ARX file, or a builder: mask, date,
// intervals, order/groups) or `rare` — and how its hierarchy is made from the values a
// table holds. `min_level`/`max_level` (or `level`) in a generalise map bound the levels
// the search may choose; `rare` is a hierarchy value -> value-or-replacement -> '*'
// whose first level is always applied.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "policy/policy.h"
#include "policy/policy_value.h"
#include "privacy/hierarchy.h"
#include "privacy/value_dictionary.h"
#include "veil/status.h"

namespace veil {

struct QuasiIdentifierSpec {
  enum class Origin { kFile, kBuilder, kRare };
  std::string column;
  Origin origin = Origin::kBuilder;
  std::string file;     // kFile: resolved against the policy's directory
  PolicyValue builder;  // kBuilder: the generalise map without the level keys
  int64_t rare_min_count = 0;
  std::string rare_replace;
  std::optional<int> min_level;
  std::optional<int> max_level;
};

// True for `generalise` with a hierarchy and for `rare`.
bool IsQuasiIdentifierRule(const RuleSpec& rule);

// The quasi-identifiers of `table` in policy order; errors name the policy line.
Result<std::vector<QuasiIdentifierSpec>> QuasiIdentifierSpecs(const TablePolicy& table,
                                                              const Policy& policy);

// The hierarchy rows of a builder or rare `spec` for the values of `dictionary`, in the
// order they will be encoded (file hierarchies are read with ReadHierarchyFile).
Result<HierarchyTable> BuildHierarchyRows(const QuasiIdentifierSpec& spec,
                                          const ValueDictionary& dictionary,
                                          const std::string& table);

// The hierarchy of `spec` for the values of `dictionary` (NULL is the empty value).
// Errors name the table, column and the first row holding a value the hierarchy lacks.
Result<Hierarchy> BuildHierarchyFor(const QuasiIdentifierSpec& spec,
                                    const ValueDictionary& dictionary, const std::string& table);

}  // namespace veil
