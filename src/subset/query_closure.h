// QueryClosure: `--subset`'s closure (the rules of row_closure.h) computed by asking an
// SQL source for the rows that hold given keys, instead of reading every related table.
//
// The cost follows the subset, not the database: each round asks, per edge, for the rows
// whose key columns hold one of the keys just reached ("col IN (...)", at most
// kKeysPerQuery keys a query, on the source's snapshot through Source::OpenWhere), so a
// 1% subset reads about 1% of the rows (plus, for a sample, one pass over the sampled
// table). Only sources that evaluate SQL (Source::SupportsWhere) take it; others use
// ComputeClosure's single pass over every related table.
//
// Seeds: the rows of an SQL condition (down), each sample's rows (down; drawn as
// ComputeClosure draws them, so both ways choose the same rows), and with keep_unrelated
// every row of an unrelated table (up). Run() then follows references to the fixpoint.
// For each table in, Selections() gives the rows by identity and, when the table has a
// primary key, conditions that read them back ("pk IN (...)", in chunks).
//
// Holds, per row in, its identity and its primary key's literals (for the read back);
// never a cell otherwise. Not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "io/source.h"
#include "subset/reference_graph.h"
#include "subset/row_closure.h"
#include "subset/row_index.h"
#include "subset/row_keys.h"

namespace veil {

inline constexpr size_t kKeysPerQuery = 20000;

class QueryClosure {
 public:
  // `source`, `graph` and `keys` must outlive the object.
  QueryClosure(Source& source, const ReferenceGraph& graph, const RowKeys& keys);

  // The rows of `table` for which `condition` (already checked as one expression) holds
  // go down. On success how many there were; errors are the source's.
  Result<int64_t> SeedCondition(int table, const std::string& condition);
  // Each sample's rows of `table` go down (one read of the table). On success how many
  // rows were chosen; the table's total is kept for Selections().
  Result<int64_t> SeedSamples(int table, const std::vector<ChosenRows::Sample>& samples);
  // Every row of `table` goes up (an unrelated table copied whole).
  Status SeedWhole(int table);

  // Follows the references until nothing changes. Errors are the source's reads.
  Status Run();

  // One selection per table: kSome for `related` tables (their rows in, by identity,
  // and the read-back conditions), kWhole or kEmpty for the others as keep_unrelated
  // says.
  std::vector<TableSelection> Selections(const std::vector<bool>& related, bool keep_unrelated);

 private:
  struct Row {
    RowDigest id;
    std::vector<std::string> ends;  // per end of its table: the key's literal, "" if none
    std::string primary_key;        // the primary key's literal, "" if no primary key
  };
  struct TableState {
    std::vector<int> identity;  // IdentityColumns()
    bool has_primary_key = false;
    std::unordered_map<RowDigest, uint8_t, RowDigestHash> state;  // rows in: up or down
    std::vector<std::string> primary_keys;                        // of the rows in
    std::vector<Row> pending_down, pending_up;                    // risen, not followed
    int64_t total = -1;
    int64_t chosen = 0;
  };

  // The columns a row is described by: its identity's and each end's, as indexes into
  // the batches read (the table's own, or those of a projection).
  struct Layout {
    std::vector<int> identity;
    std::vector<std::vector<int>> ends;
  };
  Result<Row> Describe(int table, const Batch& batch, size_t row) const;
  Result<Row> Describe(int table, const Layout& layout, const Batch& batch, size_t row) const;
  Result<std::string> Literal(const Batch& batch, size_t row,
                              const std::vector<int>& columns) const;
  void Mark(int table, Row row, uint8_t state);
  // Reads the rows of `table` whose `columns` hold one of `literals`; marks them `state`.
  Status Fetch(int table, const std::vector<int>& columns, std::vector<std::string> literals,
               uint8_t state);
  Status ReadAndMark(int table, const std::string& condition, uint8_t state, int64_t* count);
  Status Follow(int table, std::vector<Row> down, std::vector<Row> up);
  std::string InCondition(int table, const std::vector<int>& columns,
                          const std::vector<std::string>& literals, size_t begin, size_t end) const;

  Source& source_;
  const ReferenceGraph& graph_;
  const RowKeys& keys_;
  const KeyEnds ends_;
  std::vector<TableState> tables_;
};

}  // namespace veil
