// ColumnStatistics collector: the number of distinct values of every column before and
// after, for the report's per-column table. Counts are exact: each value is reduced to a
// 64-bit hash, so a column of n values costs 8n bytes until the table ends.
#pragma once

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "verify/check.h"

namespace veil {

struct DistinctCounts {
  int64_t before = -1;
  int64_t after = -1;
};

class DistinctCounter : public BatchObserver {
 public:
  Status OnOriginal(const VerifiedTable& table, const Batch& batch) override;
  Status OnCopy(const VerifiedTable& table, const Batch& batch) override;
  void OnTableEnd(const VerifiedTable& table, int64_t original_rows, int64_t copy_rows) override;

  // Counts for column `column` (of the original) of table `table`; -1 where not counted.
  DistinctCounts Counts(size_t table, size_t column) const;

 private:
  std::vector<std::vector<uint64_t>> before_;  // per original column of the current table
  std::vector<std::vector<uint64_t>> after_;   // per copy column of the current table
  std::map<std::pair<size_t, size_t>, DistinctCounts> counts_;
};

}  // namespace veil
