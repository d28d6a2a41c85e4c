// CellMaker: makes one column's cells of constructed rows. Each maker is a pure function
// of the row it is given (its number, its random draw, its days) and its own salt, so a
// table's columns can be made one after another over a whole batch. Makers are immutable
// once built and may be shared by readers on different threads.
#pragma once

#include <cstdint>

#include "core/column.h"
#include "generate/row_dates.h"

namespace veil {

struct RowContext {
  size_t table = 0;
  int64_t row = 0;    // 0-based
  uint64_t draw = 0;  // the row's random word
  RowDays days;       // filled only for tables with a date column
};

class CellMaker {
 public:
  virtual ~CellMaker() = default;
  // Appends the cell of `row` to `out` (one cell, possibly NULL).
  virtual void Append(const RowContext& row, Column& out) const = 0;
};

}  // namespace veil
