// RowIndex: what `--subset` holds of one table while it computes the closure: per row
// (by ordinal, in the order Open() reads them) its identity and the key of every column
// list an edge of the reference graph joins on, plus, per such list, the rows sorted by
// key, to find the rows that hold a given key. O(rows) digests; no cell is kept.
//
// ReadRowIndex() also decides the rows the table's own `--subset` options choose: those
// a simple condition matches, and each sample's lowest-scoring rows (sources without
// SQL; QueryClosure chooses on SQL sources).
#pragma once

#include <cstdint>
#include <unordered_set>
#include <utility>
#include <vector>

#include "io/source.h"
#include "subset/reference_graph.h"
#include "subset/row_keys.h"
#include "subset/simple_condition.h"

namespace veil {

// The column lists the graph's edges join on: per table its distinct lists ("ends"),
// and for each edge the end it starts from (in its child) and the end it reaches (in
// its parent).
struct KeyEnds {
  std::vector<std::vector<std::vector<int>>> of_table;
  std::vector<int> child_end;   // per edge
  std::vector<int> parent_end;  // per edge
};
KeyEnds FindKeyEnds(const ReferenceGraph& graph);

// A table's own --subset options, resolved against its schema.
struct ChosenRows {
  struct Simple {
    int column = 0;
    SimpleCondition condition;
    int position = 0;  // of the --subset option
    int64_t matched = 0;
  };
  struct Sample {
    double percent = 0;  // or
    int64_t rows = 0;
  };
  std::vector<Simple> simple;
  std::vector<Sample> samples;
  bool any = false;  // any --subset names the table
};

struct RowIndex {
  std::vector<RowDigest> ids;
  std::vector<std::vector<RowDigest>> keys;                         // [end][row]; kNoKey for none
  std::vector<std::vector<std::pair<RowDigest, uint32_t>>> by_key;  // [end], sorted
  std::vector<uint32_t> chosen;                                     // ordinals, ascending

  // The rows whose key at `end` is `key`, as a range of by_key[end].
  std::pair<const std::pair<RowDigest, uint32_t>*, const std::pair<RowDigest, uint32_t>*> Find(
      int end, const RowDigest& key) const;
};

// Reads table `table` of the graph from `source` (once, with Open()). On success its
// index; read errors as the source reports them; a table past 2^32 - 1 rows is an
// InputError naming it. `chosen`'s simple conditions count the rows they matched.
Result<RowIndex> ReadRowIndex(Source& source, const ReferenceGraph& graph, int table,
                              const std::vector<std::vector<int>>& ends, ChosenRows& chosen,
                              const RowKeys& keys);

}  // namespace veil
