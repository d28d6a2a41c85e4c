// Rule: what happens to the cells of one column, applied a batch at a time.
//
// A Rule is built once per table column from the policy (see rule_registry.h) and then
// called for every batch in row order. Apply() appends exactly one output cell per input
// row to `out`; it reads the whole input batch, so rules keyed by an entity can read the
// entity's key column. Errors name the row (batch.first_row + i) and never a value.
// NULL cells stay NULL unless the rule says otherwise. Rules may keep caches, so one
// instance serves one thread.
#pragma once

#include "core/batch.h"
#include "veil/status.h"

namespace veil {

class Rule {
 public:
  virtual ~Rule() = default;
  virtual Status Apply(const Batch& batch, size_t column, Column& out) = 0;
};

}  // namespace veil
