// LeakTextBatch: cells of output text, normalised for leak scanning and laid end to end
// in one buffer so that a single Hyperscan call scans them all.
//
// Layout: kLeakCellSeparator, cell 0, kLeakCellSeparator, cell 1, ..., kLeakCellSeparator.
// The separator is never produced by normalisation and is not a word byte, so a pattern
// can never match across two cells, every cell starts and ends at a token boundary, and
// the bytes before a cell's first byte and after its last one can always be read. Cells
// whose normalised text is empty are not added.
//
// Offsets are 32-bit: the caller keeps a batch under 4 GiB (bytes() tells its size).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/text_normalise.h"

namespace veil {

class LeakTextBatch {
 public:
  LeakTextBatch() { Clear(); }

  void Clear() {
    used_ = 0;
    Reserve(1);
    text_[used_++] = kLeakCellSeparator;
    starts_.assign(1, static_cast<uint32_t>(used_));
    rows_.clear();
  }

  // Normalises `cell` and appends it, tagged with `row`, unless its normalised text is
  // empty.
  void Add(std::string_view cell, uint32_t row) {
    Reserve(cell.size() + 1);
    const size_t size = NormaliseForLeakScanInto(cell, text_.data() + used_);
    if (size == 0) return;
    used_ += size;
    text_[used_++] = kLeakCellSeparator;
    starts_.push_back(static_cast<uint32_t>(used_));
    rows_.push_back(row);
  }

  size_t cell_count() const { return rows_.size(); }
  size_t bytes() const { return used_; }
  const char* data() const { return text_.data(); }
  // Cell i is [begin(i), end(i)); the byte at end(i) is a separator.
  uint32_t begin(size_t i) const { return starts_[i]; }
  uint32_t end(size_t i) const { return starts_[i + 1] - 1; }
  uint32_t row(size_t i) const { return rows_[i]; }

  // The cell holding byte `offset`, which must be a byte of some cell; `hint` is a good
  // guess (the cell of a nearby earlier offset), tried before a binary search.
  size_t CellAt(size_t offset, size_t hint) const {
    if (hint < rows_.size() && starts_[hint] <= offset) {
      if (offset < starts_[hint + 1]) return hint;
      if (hint + 1 < rows_.size() && offset < starts_[hint + 2]) return hint + 1;
    }
    auto after = std::upper_bound(starts_.begin(), starts_.end(), offset);
    return static_cast<size_t>(after - starts_.begin()) - 1;
  }

 private:
  // Makes room for `more` bytes after the used ones; grown bytes are never shrunk away,
  // so a reused batch stops allocating.
  void Reserve(size_t more) {
    if (text_.size() < used_ + more) text_.resize(std::max(used_ + more, 2 * text_.size()));
  }

  std::vector<char> text_;
  size_t used_ = 0;
  std::vector<uint32_t> starts_;  // starts_[i] = begin of cell i; one extra at the end
  std::vector<uint32_t> rows_;
};

}  // namespace veil
