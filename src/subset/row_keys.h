// RowKeys: the 128-bit digests `--subset` keeps instead of rows.
//
// - A row's identity digests its primary-key cells (every cell, if the table has no
//   primary key), each with its storage kind: the same row read twice from the same
//   source has the same identity, and two rows share one only when their keys (or, for
//   a table without a key, their whole contents) are equal, barring a 2^-128 chance.
// - A key digests the cells of a list of columns as bytes, without their kinds (so that
//   an INTEGER 7 and a TEXT '7' meet, as SQLite's keys do); a row with a NULL among them
//   has no key (kNoKey): it refers to nothing, as SQL's MATCH SIMPLE says.
// - A row's sample score is a keyed PRF (the secret's, purpose "subset/sample") of the
//   same bytes as its identity: the same secret draws the same sample.
// Identities and keys use a fixed, public key: they are compared, never shown. Const
// methods are thread-safe; movable, not copyable.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "core/batch.h"
#include "core/keyed_prf.h"
#include "core/table_schema.h"

namespace veil {

struct RowDigest {
  uint64_t high = 0;
  uint64_t low = 0;
  bool operator==(const RowDigest& other) const = default;
  auto operator<=>(const RowDigest& other) const = default;
};

inline constexpr RowDigest kNoKey{};

struct RowDigestHash {
  size_t operator()(const RowDigest& d) const { return static_cast<size_t>(d.low ^ d.high); }
};

// The columns a row's identity is made of: the primary key's in key order, else all.
std::vector<int> IdentityColumns(const TableSchema& schema);

class RowKeys {
 public:
  explicit RowKeys(const KeyedPrf& secret_root);

  RowDigest Identity(const Batch& batch, size_t row, const std::vector<int>& columns) const;
  // kNoKey when a cell of `columns` is NULL.
  RowDigest Key(const Batch& batch, size_t row, const std::vector<int>& columns) const;
  uint64_t Score(const Batch& batch, size_t row, const std::vector<int>& columns) const;

 private:
  KeyedPrf identity_;
  KeyedPrf key_;
  KeyedPrf sample_;
};

}  // namespace veil
