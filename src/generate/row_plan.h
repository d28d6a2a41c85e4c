// RowPlan: how many rows each table of a schema gets and which row of which table each
// row hangs from, decided before any value is made.
//
// Every table with foreign keys to other tables is *owned* by one of them (the owner):
// each owner row gets a number of rows of the owned table (`--per-parent`; by default 1
// to 3 under a root's rows, 0 to 2 further down), or the owned table's exact count (`--rows`) is
// spread evenly over the owner's rows. The owner is the referenced table deepest in the ownership
// forest (an episode before the person it also references), NOT NULL keys before nullable ones; a
// cycle of references is broken at the first table met, and reported. Tables that reference nothing
// are roots: `--rows` gives their count; unnamed roots get a tenth of the named roots' rows (at
// least one). Everything is a pure function of the schema and the options, so rows can be made in
// any order.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/table_schema.h"
#include "generate/generation_options.h"
#include "veil/status.h"

namespace veil {

struct PlannedTable {
  const TableSchema* schema = nullptr;  // not owned: the plan's caller keeps the schemas
  int64_t count = 0;
  int owner_key = -1;    // index in schema->foreign_keys of the owning key; -1 for a root
  int owner_table = -1;  // index in the plan of the owning table; -1 for a root
  int depth = 0;         // 0 for a root, owner's depth + 1 otherwise
  // For an owned table: row `starts[p]` is the first of parent row p's rows, and
  // starts[owner count] == count.
  std::vector<int64_t> starts;
  uint64_t salt = 0;  // of the table, under the seed
};

class RowPlan {
 public:
  // Plans `tables` (which must outlive the plan). Errors: an option naming a table the
  // schema lacks (InvalidArgument, naming the option and the table), --per-parent on a
  // table that references no other, counts past kMaxGeneratedRows. `notes` gets one line
  // per broken reference cycle and per foreign key to a table the schema lacks.
  static Result<RowPlan> Make(const std::vector<TableSchema>& tables,
                              const GenerationOptions& options, std::vector<std::string>& notes);

  size_t size() const { return tables_.size(); }
  const PlannedTable& table(size_t index) const { return tables_[index]; }
  // The plan index of the table named `name`, or -1.
  int Find(const std::string& name) const;
  // The owner row of row `row` of owned table `table`.
  int64_t ParentRow(size_t table, int64_t row) const;
  // The row of `ancestor` that row `row` of `table` hangs from through owners, or -1 when
  // `ancestor` is not an owner, an owner's owner, ... of `table`.
  int64_t AncestorRow(size_t table, int64_t row, int ancestor) const;
  uint64_t seed_salt() const { return seed_salt_; }

 private:
  std::vector<PlannedTable> tables_;
  uint64_t seed_salt_ = 0;
};

}  // namespace veil
