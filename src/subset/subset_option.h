// The `--subset` option: what one occurrence asks for, read from its text.
//
// Forms: "TABLE: CONDITION" (an SQL boolean expression for SQL sources; for other
// sources only `column = value` or `column IN (v1, v2, ...)`, see simple_condition.h),
// "TABLE: N%" (0 < N <= 100, decimals allowed) and "TABLE: N rows" (N a positive
// integer). TABLE may be double-quoted ("my table": ...). Parsing reads the text alone:
// whether the table and columns exist is decided when the source is read. Errors name
// the option and its position ("the 2nd --subset"), never the condition's text, which
// may hold a value.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "veil/status.h"

namespace veil {

struct SubsetSpec {
  enum class Kind { kCondition, kPercent, kRows };
  std::string table;
  Kind kind = Kind::kCondition;
  std::string condition;  // kCondition: the expression, trimmed
  double percent = 0;     // kPercent: in (0, 100]
  int64_t rows = 0;       // kRows: > 0
  int position = 1;       // 1-based among the --subset options, for messages
};

// "the 1st --subset", "the 2nd --subset", ...: how messages name an occurrence.
std::string SubsetOptionName(int position);

// Reads one --subset text; `position` is its 1-based place among the --subset options.
// On success the spec; on a malformed text an InvalidArgument naming the option and
// saying which form it expects.
Result<SubsetSpec> ParseSubsetOption(const std::string& text, int position);

// Whether any of `options` (the --subset texts) is a sample ("N%", "N rows"), which only
// the same secret draws again; malformed texts count as none (parsing reports them).
bool AsksForSample(const std::vector<std::string>& options);

// Checks that `condition` is one SQL expression that cannot end the statement it is
// placed in: quotes closed, parentheses balanced (never closing more than it opened),
// no `;`, no `--` or `/*` comment. OK, or an InvalidArgument naming the option.
Status CheckSqlCondition(const SubsetSpec& spec);

}  // namespace veil
