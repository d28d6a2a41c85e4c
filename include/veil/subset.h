// What `--subset` made of a run (veil anonymise, veil verify): per table, the rows the
// options chose and the rows the closure under foreign keys holds. Names and counts only,
// never a value; see docs/subset.md.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace veil {

struct SubsetTableSummary {
  std::string table;
  // "chosen" (a --subset names it), "reached" (by the closure), "unrelated: empty" or
  // "unrelated: whole" (--subset-keep-unrelated).
  std::string how;
  int64_t rows = -1;     // the source's rows (-1: not read)
  int64_t chosen = 0;    // rows its own --subset options chose
  int64_t included = 0;  // rows in the subset (the chosen ones among them)
};

struct SubsetSummary {
  std::vector<SubsetTableSummary> tables;  // in source order; empty when no --subset
  // e.g. "the 1st --subset (table people) chose no rows"
  std::vector<std::string> warnings;
};

}  // namespace veil
