// RowStream: keyed random words addressed by row number, for choices made per row
// (a code drawn from a list, a per-value date shift, noise).
//
// Word(row) is AES-256 (libcrypto) of the row number under a key derived from the
// secret, so it is a pure function of (key, row): the same in every run with the same
// secret and independent of how rows are split into batches. Not thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "core/keyed_prf.h"

namespace veil {

class RowStream {
 public:
  explicit RowStream(const Digest& key);
  ~RowStream();
  RowStream(RowStream&&) noexcept;
  RowStream& operator=(RowStream&&) noexcept;

  // Replaces `words` with one 64-bit word for each row first_row .. first_row + count - 1.
  void Fill(int64_t first_row, size_t count, std::vector<uint64_t>& words);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace veil
