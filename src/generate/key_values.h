// KeyValues: the values of key columns (primary keys, unique columns, and every column a
// foreign key references) and which row each foreign key points at.
//
// A key column's value at row r is offset + r for a drawn offset, within the W digits
// its type can hold (a UUID: 64 random bits and a bijection of r), so keys are unique
// without remembering any, and come in the order a database index appends fastest. A column inside
// a foreign key takes the referenced column's value at the referenced row, so every reference
// resolves, through chains of keys that are themselves references. The referenced row: the owner
// row for the owning key (row_plan.h); the same ancestor row when the referenced table is one the
// row already hangs from (an episode's person is its referral's person); an earlier row for a
// self-reference (an employee's manager); otherwise a row drawn uniformly. A table whose primary
// key is made only of foreign keys (a link table) gets distinct pairs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/column.h"
#include "generate/row_plan.h"
#include "veil/status.h"

namespace veil {

class KeyValues {
 public:
  // Errors (InputError, naming the table and column): a key column whose type cannot hold
  // as many distinct values as the table gets rows, or has no form veil constructs keys in;
  // a NOT NULL foreign key to a table that gets no rows. `plan` must outlive the object.
  static Result<KeyValues> Make(const RowPlan& plan);

  // Whether column `column` of table `table` is a key column or part of a foreign key to
  // a table of the schema; such columns take their values from AppendValue.
  bool IsKey(size_t table, size_t column) const;
  bool IsReference(size_t table, size_t column) const;

  // The row referenced by foreign key `key` of `table` from row `row`; -1 when the
  // referenced table has no rows (or is not in the schema).
  int64_t ReferencedRow(size_t table, size_t key, int64_t row) const;

  // Appends the value of column `column` (IsKey or IsReference) of `table` at `row` and
  // returns its kind; kNull when a reference has no row to point at.
  CellKind AppendValue(size_t table, size_t column, int64_t row, std::string& out) const;

 private:
  enum class Form { kNone, kInteger, kDigits, kUuid };
  struct KeyForm {
    Form form = Form::kNone;
    uint64_t modulus = 0;  // 10^W: values are below it
    uint64_t offset = 0;   // row r's value is offset + r (integers: + 1, so never 0)
    int width = 0;
    uint64_t salt = 0;
  };
  struct ReferenceSlot {
    int key = -1;       // the foreign key the column is in
    int position = -1;  // its position in that key
    int target = -1;    // the referenced table
    int target_column = -1;
  };
  struct TableKeys {
    std::vector<KeyForm> forms;             // per column; kNone for non-key columns
    std::vector<ReferenceSlot> references;  // per column; key -1 when not in a reference
    std::vector<uint64_t> key_salts;        // per foreign key
    bool link_table = false;                // the primary key is all foreign-key columns
  };

  Status Prepare();
  Status PrepareTable(size_t table);
  Result<KeyForm> FormFor(size_t table, size_t column) const;
  CellKind AppendOwn(const KeyForm& form, int64_t row, std::string& out) const;
  CellKind Append(size_t table, size_t column, int64_t row, int depth, std::string& out) const;

  const RowPlan* plan_ = nullptr;
  std::vector<TableKeys> tables_;
};

}  // namespace veil
