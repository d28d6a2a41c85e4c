// Batch: a slice of consecutive rows of one table, held column by column.
//
// `first_row` is the 1-based number of the batch's first data row in its table, so an
// error in cell (i, c) can name row first_row + i. All columns have the same size.
#pragma once

#include <cstdint>
#include <vector>

#include "core/column.h"

namespace veil {

struct Batch {
  int64_t first_row = 1;
  std::vector<Column> columns;

  size_t rows() const { return columns.empty() ? 0 : columns.front().size(); }
  void Reset(size_t column_count) {
    columns.resize(column_count);
    for (auto& c : columns) c.Clear();
  }
};

// Rows per batch: large enough to amortise per-batch work, small enough to stay in cache.
inline constexpr size_t kBatchRows = 4096;

}  // namespace veil
