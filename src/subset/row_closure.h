// The closure of `--subset`'s chosen rows under the reference graph.
//
// Rules (docs/subset.md): chosen rows are in, and go down: every row that refers to a
// row gone down, through any edge, is in and goes down too (a child's episodes, their
// plans). Every row that is in goes up: the rows it refers to are in, and go up in turn
// (an episode's worker, the worker's team), but a row reached only by going up does not
// bring its other referring rows (the worker's other cases stay out). The fixpoint ends
// on cycles and self-references: a row's state only ever rises (out → up → down).
//
// A table is related when the same rules, applied to tables, reach it from a table some
// --subset names; other tables are unrelated: empty, or (keep_unrelated) whole, their
// rows then in and going up, so that what they refer to is in the copy too.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

#include "io/source.h"
#include "subset/reference_graph.h"
#include "subset/row_index.h"

namespace veil {

struct TableSelection {
  enum class Mode { kEmpty, kWhole, kSome };
  Mode mode = Mode::kEmpty;
  bool related = false;
  std::unordered_set<RowDigest, RowDigestHash> ids;  // kSome: the rows in, by identity
  int64_t total = -1;                                // rows read (-1: not read)
  int64_t chosen = 0;                                // by the table's own --subset options
  int64_t included = 0;                              // in the subset, chosen ones included
  // kSome, from QueryClosure on a table with a primary key: conditions that together
  // read back the rows in (by key, in chunks); empty: read the table and keep `ids`.
  std::vector<std::string> read_back;
};

// Which tables are related (see above) to those `named` marks.
std::vector<bool> RelatedTables(const ReferenceGraph& graph, const std::vector<bool>& named);

// Reads every related table (every table, with keep_unrelated) once from `source` and
// computes the closure. `chosen` has one entry per table of the graph. On success one
// selection per table; errors are the source's read errors.
Result<std::vector<TableSelection>> ComputeClosure(Source& source, const ReferenceGraph& graph,
                                                   std::vector<ChosenRows>& chosen,
                                                   const RowKeys& keys, bool keep_unrelated);

}  // namespace veil
