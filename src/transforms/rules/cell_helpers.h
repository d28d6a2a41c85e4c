// Small helpers shared by rule implementations: which cells a rule leaves alone, the
// loop over the others, number parsing, and row-positioned errors.
#pragma once

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <optional>
#include <string_view>

#include "core/batch.h"
#include "core/date_text.h"
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

// Copies empty cells of `batch.columns[column]` to `out` unchanged and calls
// `transform(row, text)` for every other cell; `transform` must append exactly one cell
// to `out` and return a Status. Stops at the first error.
template <typename Transform>
Status ForEachValue(const Batch& batch, size_t column, Column& out, Transform&& transform) {
  const Column& in = batch.columns[column];
  for (size_t i = 0; i < in.size(); ++i) {
    if (IsEmptyCell(in, i)) {
      out.AppendFrom(in, i);
      continue;
    }
    Status status = transform(i, in.Text(i));
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

// ForEachValue for date rules: calls `transform(row, date)` with each cell parsed as a
// DateText. PostgreSQL's open-ended dates `infinity` and `-infinity` identify nobody and
// are copied unchanged; any other cell that is not a date is an error naming the row.
template <typename Transform>
Status ForEachDate(const Batch& batch, size_t column, Column& out, Transform&& transform) {
  return ForEachValue(batch, column, out, [&](size_t row, std::string_view text) {
    if (text == "infinity" || text == "-infinity") {
      out.Append(text);
      return Status::Ok();
    }
    const auto date = ParseDateText(text);
    if (!date) {
      return RowError(batch, row,
                      "not a date (expected YYYY-MM-DD or dd/mm/yyyy, optionally with a time)");
    }
    return transform(row, *date);
  });
}

// The whole of `text` as a finite number, or nullopt.
inline std::optional<double> ParseNumber(std::string_view text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

}  // namespace veil
