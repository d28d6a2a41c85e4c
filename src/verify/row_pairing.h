// FeedTable: reads one table from the original and from the copy in step and hands the
// batches to every check (see check.h for the order of calls). Rows are paired by
// position; batches of different sizes on the two sides are split into windows of rows
// both have. Memory: one batch per side.
#pragma once

#include <vector>

#include "io/source.h"
#include "verify/check.h"

namespace veil {

struct TableRowCounts {
  int64_t original = 0;
  int64_t copy = -1;  // -1: the table is not in the copy
};

Result<TableRowCounts> FeedTable(const VerifiedTable& table, Source& original, Source& copy,
                                 const std::vector<BatchObserver*>& checks);

}  // namespace veil
