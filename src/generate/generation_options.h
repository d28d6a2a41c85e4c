// What `veil generate` asks of the construction: how many rows, from which seed, up to
// which day. Plain data, filled from GenerateOptions (include/veil/generate.h).
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace veil {

// How many rows of a child table belong to each row of the table it hangs from.
struct RowCountRange {
  int64_t min = 0;
  int64_t max = 0;
};

struct GenerationOptions {
  std::map<std::string, int64_t> rows;              // exact row counts, by table
  std::map<std::string, RowCountRange> per_parent;  // child rows per parent row, by table
  std::string seed;                                 // any text; the only source of randomness
  std::string as_of;                                // "YYYY-MM-DD": no date falls after it
};

// The largest number of rows veil constructs for one table (and for one parent row).
inline constexpr int64_t kMaxGeneratedRows = int64_t{1} << 36;
inline constexpr int64_t kMaxRowsPerParent = 1'000'000;

}  // namespace veil
