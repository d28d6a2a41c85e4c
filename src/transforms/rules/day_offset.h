// Mapping of a random word to a whole number of days in [min_days, max_days], never 0
// unless the range is exactly {0}: a shift must always move a date.
#pragma once

#include <cstdint>

#include "core/keyed_prf.h"
#include "policy/policy.h"

namespace veil {

inline int DayOffset(uint64_t random, const DayRange& range) {
  const int64_t span = int64_t{range.max_days} - range.min_days + 1;
  if (range.min_days <= 0 && range.max_days >= 0 && span > 1) {
    int64_t v = range.min_days + static_cast<int64_t>(UniformBelow(random, span - 1));
    if (v >= 0) ++v;
    return static_cast<int>(v);
  }
  return static_cast<int>(range.min_days + static_cast<int64_t>(UniformBelow(random, span)));
}

}  // namespace veil
