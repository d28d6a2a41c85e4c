// TableSchema: what a connector knows about a table's shape, enough to recreate it.
//
// Types are kept as the source declared them (e.g. "INTEGER", "nvarchar(48)", "TEXT");
// CSV columns are "TEXT". Plain data, freely copyable.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace veil {

struct ColumnSchema {
  std::string name;
  std::string declared_type;              // as declared by the source; "" if untyped
  bool not_null = false;
  std::optional<std::string> default_sql;  // the DEFAULT expression, verbatim
  int primary_key_position = 0;           // 1-based position in the primary key; 0 if not
};

struct ForeignKeySchema {
  std::vector<std::string> columns;      // in this table
  std::string referenced_table;
  std::vector<std::string> referenced_columns;
  std::string on_delete;  // "" or e.g. "CASCADE"
  std::string on_update;
};

struct IndexSchema {
  std::string name;
  std::vector<std::string> columns;
  bool unique = false;
  std::string create_sql;  // verbatim source SQL when available (SQLite), else ""
};

struct TableSchema {
  std::string name;
  std::vector<ColumnSchema> columns;
  std::vector<ForeignKeySchema> foreign_keys;
  std::vector<IndexSchema> indexes;
  bool without_rowid = false;
  // Table CHECK constraints as the source states them, e.g. "CHECK ((price >= 0))"
  // (PostgreSQL); empty for sources that do not report them.
  std::vector<std::string> check_constraints = {};

  // Index of the column named `name`, or -1.
  int ColumnIndex(const std::string& column_name) const {
    for (size_t i = 0; i < columns.size(); ++i) {
      if (columns[i].name == column_name) return static_cast<int>(i);
    }
    return -1;
  }
};

}  // namespace veil
