// Small helpers shared by rule implementations.
#pragma once

#include <fmt/format.h>

#include <string_view>

#include "core/batch.h"
#include "veil/status.h"

namespace veil {

// True for cells a rule leaves alone: NULL and the empty string stay as they are.
inline bool IsEmptyCell(const Column& column, size_t row) {
  return column.IsNull(row) || column.Text(row).empty();
}

// An input error naming the row of a batch, with what is wrong (never the value).
inline Status RowError(const Batch& batch, size_t row, std::string_view what) {
  return InputError(fmt::format("row {}: {}", batch.first_row + static_cast<int64_t>(row), what));
}

// The kind an output cell gets when a rule writes text into a typed column: numbers
// stay numbers when the rule produces a number, otherwise text.
inline CellKind TextKind() { return CellKind::kText; }

}  // namespace veil
