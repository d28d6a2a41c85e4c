// RowTally: the rows a finding is about — how many in all, and the first
// kMaxFindingRows of them in ascending order — without keeping every row number; and
// CountOf, for findings' wording.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "veil/verify.h"

namespace veil {

class RowTally {
 public:
  // Rows must be added in ascending order per tally (a repeated row counts once).
  void Add(int64_t row) {
    if (count_ > 0 && last_ == row) return;
    last_ = row;
    ++count_;
    if (rows_.size() < kMaxFindingRows) rows_.push_back(row);
  }
  // For rows that arrive out of order (each row at most once): keeps the smallest
  // kMaxFindingRows.
  void AddUnordered(int64_t row) {
    ++count_;
    Keep(row);
  }
  // Adds another tally over disjoint rows.
  void Merge(const RowTally& other) {
    count_ += other.count_;
    for (int64_t row : other.rows_) Keep(row);
  }
  int64_t count() const { return count_; }
  bool empty() const { return count_ == 0; }
  const std::vector<int64_t>& rows() const { return rows_; }

  Finding ToFinding(std::string check, Severity severity, std::string table, std::string column,
                    std::string detail) const {
    return Finding{std::move(check), severity, std::move(table), std::move(column),
                   count_,           rows_,    std::move(detail)};
  }

 private:
  void Keep(int64_t row) {
    const auto at = std::lower_bound(rows_.begin(), rows_.end(), row);
    if (at != rows_.end() && *at == row) return;
    if (rows_.size() == kMaxFindingRows) {
      if (at == rows_.end()) return;
      rows_.pop_back();
    }
    rows_.insert(at, row);
  }

  int64_t count_ = 0;
  int64_t last_ = 0;
  std::vector<int64_t> rows_;
};

// "1 row holds" / "3 rows hold": a count with the phrase that agrees with it.
inline std::string CountOf(int64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace veil
