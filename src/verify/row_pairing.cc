#include "verify/row_pairing.h"

#include <algorithm>

namespace veil {
namespace {

// One side of the pairing: a reader, its current batch and how far into it we are.
struct Side {
  std::unique_ptr<TableReader> reader;
  Batch batch;
  size_t offset = 0;
  bool done = false;
  int64_t rows = 0;

  size_t left() const { return batch.rows() - offset; }
};

// Reads the side's next non-empty batch once its current one is used up; `on_batch`
// sees every batch read.
template <typename OnBatch>
Status Refill(Side& side, OnBatch on_batch) {
  while (!side.done && side.left() == 0) {
    VEIL_ASSIGN_OR_RETURN(const bool more, side.reader->Next(side.batch));
    side.offset = 0;
    if (!more) {
      side.done = true;
      side.batch.Reset(side.batch.columns.size());
      break;
    }
    side.rows += static_cast<int64_t>(side.batch.rows());
    VEIL_RETURN_IF_ERROR(on_batch(side.batch));
  }
  return Status::Ok();
}

Status ForEachCheck(const std::vector<BatchObserver*>& checks, auto call) {
  for (BatchObserver* check : checks) VEIL_RETURN_IF_ERROR(call(*check));
  return Status::Ok();
}

}  // namespace

Result<TableRowCounts> FeedTable(const VerifiedTable& table, Source& original, Source& copy,
                                 const std::vector<BatchObserver*>& checks) {
  Side a, b;
  VEIL_ASSIGN_OR_RETURN(a.reader, original.Open(table.name));
  if (table.in_copy()) {
    VEIL_ASSIGN_OR_RETURN(b.reader, copy.Open(table.copy_name));
  } else {
    b.done = true;
  }
  const auto on_original = [&](const Batch& batch) {
    return ForEachCheck(checks, [&](BatchObserver& c) { return c.OnOriginal(table, batch); });
  };
  const auto on_copy = [&](const Batch& batch) {
    return ForEachCheck(checks, [&](BatchObserver& c) { return c.OnCopy(table, batch); });
  };
  while (true) {
    VEIL_RETURN_IF_ERROR(Refill(a, on_original));
    VEIL_RETURN_IF_ERROR(Refill(b, on_copy));
    if (a.done && b.done) break;
    if (a.done || b.done) {  // rows only one side has: seen by OnOriginal/OnCopy only
      a.offset = a.batch.rows();
      b.offset = b.batch.rows();
      continue;
    }
    const size_t n = std::min(a.left(), b.left());
    const PairedRows rows{table,
                          a.batch,
                          a.offset,
                          b.batch,
                          b.offset,
                          n,
                          a.batch.first_row + static_cast<int64_t>(a.offset)};
    VEIL_RETURN_IF_ERROR(ForEachCheck(checks, [&](BatchObserver& c) { return c.OnPairs(rows); }));
    a.offset += n;
    b.offset += n;
  }
  const TableRowCounts counts{a.rows, table.in_copy() ? b.rows : -1};
  for (BatchObserver* check : checks) check->OnTableEnd(table, counts.original, counts.copy);
  return counts;
}

}  // namespace veil
