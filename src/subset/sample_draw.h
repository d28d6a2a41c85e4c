// SampleDraw: which rows a table's `--subset` samples ("N%", "N rows") choose, decided in
// one pass over the table without holding its rows.
//
// The rule, shared with ComputeClosure's single pass: rank every row by its keyed score
// (RowKeys::Score), ties by identity; a sample of N% takes the ceil(N% of the table's
// rows) lowest, one of N rows the N lowest; several samples take their union, i.e. the
// most any of them asks for. The same secret ranks the rows the same way whatever order
// they are read in.
//
// Offer() every row; it keeps each row's rank (24 bytes) and, for the rows likely to be
// chosen, the caller's payload. Finish() then says which payloads are chosen, or that a
// chosen row was not kept (rare: a share drawn far below its expectation), in which case
// the caller reads the table again and asks Chosen() of every row.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include "subset/row_index.h"
#include "subset/row_keys.h"

namespace veil {

// How many of `total` rows `samples` choose together: the most any of them asks for
// (ceil(N% of total), or N rows), at most total.
inline size_t SampleSize(const std::vector<ChosenRows::Sample>& samples, size_t total) {
  double most = 0;
  for (const auto& sample : samples) {
    most = std::max(most, sample.rows > 0
                              ? static_cast<double>(sample.rows)
                              : std::ceil(static_cast<double>(total) * sample.percent / 100));
  }
  return static_cast<size_t>(std::min(most, static_cast<double>(total)));
}

template <typename Payload>
class SampleDraw {
 public:
  using Rank = std::pair<uint64_t, RowDigest>;

  explicit SampleDraw(const std::vector<ChosenRows::Sample>& samples) : samples_(samples) {
    for (const auto& sample : samples) {
      rows_ = std::max(rows_, sample.rows);
      percent_ = std::max(percent_, sample.percent);
    }
    // Keep a margin over the expected share: a quarter more, and a thousandth of all.
    const double keep = percent_ / 100 * 1.25 + 0.001;
    cutoff_ = keep >= 1 ? std::numeric_limits<uint64_t>::max()
                        : static_cast<uint64_t>(keep * 18446744073709551615.0);
  }

  // Whether the row of rank `rank` may be chosen (then pass its payload to Keep()).
  bool Offer(const Rank& rank) {
    ranks_.push_back(rank);
    return percent_ > 0 ? rank.first <= cutoff_ || InLowest(rank) : InLowest(rank);
  }
  void Keep(const Rank& rank, Payload payload) {
    kept_.emplace_back(rank, std::move(payload));
    if (rows_ > 0) Trim();
  }

  // After every row was offered: the chosen payloads, or nullopt when a chosen row was
  // not kept (then use Chosen() on a second pass). `total` is set to the rows offered.
  std::optional<std::vector<Payload>> Finish(int64_t& total) {
    total = static_cast<int64_t>(ranks_.size());
    const size_t wanted = SampleSize(samples_, ranks_.size());
    if (wanted == 0) return std::vector<Payload>{};
    std::nth_element(ranks_.begin(), ranks_.begin() + static_cast<long>(wanted - 1), ranks_.end());
    threshold_ = ranks_[wanted - 1];
    ranks_ = {};
    std::vector<Payload> chosen;
    for (auto& [rank, payload] : kept_) {
      if (rank <= threshold_) chosen.push_back(std::move(payload));
    }
    kept_ = {};
    if (chosen.size() < wanted) return std::nullopt;
    return chosen;
  }
  // After Finish(): whether the row of rank `rank` is chosen.
  bool Chosen(const Rank& rank) const { return rank <= threshold_; }

 private:
  // Among the rows_ lowest kept so far (always false without a row count).
  bool InLowest(const Rank& rank) const {
    if (rows_ <= 0) return false;
    return static_cast<int64_t>(heap_.size()) < rows_ || rank < heap_.front();
  }
  // Keeps heap_ the rows_ lowest ranks kept. Payloads pushed out of it stay (about
  // rows_ * ln(total / rows_) of them); Finish() drops them.
  void Trim() {
    heap_.push_back(kept_.back().first);
    std::push_heap(heap_.begin(), heap_.end());
    if (static_cast<int64_t>(heap_.size()) <= rows_) return;
    std::pop_heap(heap_.begin(), heap_.end());
    heap_.pop_back();
  }

  std::vector<ChosenRows::Sample> samples_;
  int64_t rows_ = 0;    // the most rows a sample asks for
  double percent_ = 0;  // the largest share
  uint64_t cutoff_ = 0;
  std::vector<Rank> ranks_;
  std::vector<Rank> heap_;  // max-heap of the lowest ranks kept, for a row count
  std::vector<std::pair<Rank, Payload>> kept_;
  Rank threshold_{};
};

}  // namespace veil
