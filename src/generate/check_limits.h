// CheckLimits: what a table's CHECK constraints allow each column to hold, for the
// constraint forms constructed rows are made to satisfy: comparisons with a number
// (`age >= 0`, `score BETWEEN 1 AND 5`, as PostgreSQL prints them with casts and
// parentheses), lists (`kind IN ('a', 'b')`, `kind = ANY (ARRAY[...])`), lengths
// (`length(code) <= 3`), `IS NOT NULL`, and ANDs of these. Any other constraint is
// reported, unread, so the summary can say the database is left to enforce it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace veil {

struct ColumnLimits {
  std::optional<double> low;  // the smallest value allowed
  bool low_inclusive = true;
  std::optional<double> high;  // the largest value allowed
  bool high_inclusive = true;
  std::vector<std::string> allowed;  // when not empty: only these values
  std::optional<size_t> max_length;  // characters
};

struct CheckLimits {
  std::map<std::string, ColumnLimits> columns;  // by column name
  // 1-based positions (in TableSchema::check_constraints) of constraints not understood.
  std::vector<size_t> not_understood;
};

// The longest constraint read; longer ones are reported as not understood.
inline constexpr size_t kMaxReadCheckBytes = 4096;

// Reads every constraint of `check_constraints` (TableSchema's own form). Never fails.
CheckLimits ReadCheckLimits(const std::vector<std::string>& check_constraints);

}  // namespace veil
