// RowDates: the days a constructed row's dates are drawn around, coherent along the
// ownership chain (row_plan.h).
//
// A root row's base day lies up to 18 years before the as-of day when its table has a
// date-of-birth column (children's services: the person is a child), else up to 10
// years; an owned row's base day is its owner row's start day. Then, for every row,
// start = base + U[0, as_of - base] and end = start + U[0, as_of - start], and birth is
// the chain's root base day. So a child's referral follows their birth, an episode's
// plan follows the episode, and closures follow starts; nothing passes the as-of day.
// Pure functions of the plan and the seed.
#pragma once

#include <cstdint>
#include <vector>

#include "generate/row_plan.h"

namespace veil {

struct RowDays {
  int32_t birth = 0;  // days since 1970-01-01
  int32_t start = 0;
  int32_t end = 0;
};

class RowDates {
 public:
  // `with_birth[t]`: table t has a date-of-birth column. `plan` must outlive the object.
  RowDates(const RowPlan& plan, int32_t as_of, std::vector<bool> with_birth);

  RowDays Of(size_t table, int64_t row) const;
  int32_t as_of() const { return as_of_; }

 private:
  const RowPlan* plan_;
  int32_t as_of_;
  std::vector<bool> with_birth_;
};

}  // namespace veil
