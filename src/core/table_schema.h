// TableSchema: what a connector knows about a table's shape, enough to recreate it.
//
// Types are kept as the source declared them (e.g. "INTEGER", "nvarchar(48)", "TEXT");
// CSV columns are "TEXT". Plain data, freely copyable.
//
// Fields marked (PostgreSQL) are filled by the PostgreSQL source only and used by the
// PostgreSQL sink only; every other source leaves them empty, and every other sink
// ignores them. Verbatim SQL in them is PostgreSQL as the source's server printed it,
// with names resolved as under search_path = public.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace veil {

struct ColumnSchema {
  std::string name;
  std::string declared_type;  // as declared by the source; "" if untyped
  bool not_null = false;
  std::optional<std::string> default_sql;  // the DEFAULT expression, verbatim
  int primary_key_position = 0;            // 1-based position in the primary key; 0 if not
  // (PostgreSQL) An identity column: "ALWAYS" or "BY DEFAULT" ("" if not one), and the
  // options of its sequence as written in GENERATED ... AS IDENTITY (...), e.g.
  // "SEQUENCE NAME public.t_id_seq START WITH 1 INCREMENT BY 1 MINVALUE 1 MAXVALUE
  // 2147483647 CACHE 1 NO CYCLE". An identity column has no default_sql.
  std::string identity = {};
  std::string identity_options = {};
  // (PostgreSQL) A collation other than the type's, as SQL (`"pg_catalog"."C"`); "" if none.
  std::string collation = {};
  std::string comment = {};  // (PostgreSQL) the column's comment; "" if none
  // Where the column stands in the source table: columns, generated ones included, sort
  // by it (PostgreSQL: the attribute number). 0 if the source does not say.
  int position = 0;
};

// (PostgreSQL) A generated (stored) column. Its values derive from other columns, so it
// is neither read nor written: it is not in TableSchema::columns, needs no policy entry,
// and the sink recreates it, computing its values from the output's.
struct GeneratedColumnSchema {
  ColumnSchema column;                    // name, type, NOT NULL, collation, comment, position
  std::string expression;                 // e.g. "upper((\"First Name\")::text)"
  std::vector<std::string> columns = {};  // the columns of the table the expression reads
};

// (PostgreSQL) A user-defined type some columns need (an enum, a domain, a composite or a
// range type), and the CREATE statement that makes it. A table lists the types its
// columns need, directly or through other types, each after the types it uses.
struct UserTypeSchema {
  std::string schema;                     // unquoted, e.g. "public"
  std::string name;                       // unquoted, e.g. "mood"
  std::string create_sql;                 // e.g. "CREATE TYPE public.mood AS ENUM ('a', 'b')"
  std::vector<std::string> columns = {};  // the columns of the table that need it
};

// (PostgreSQL) A sequence that a column's DEFAULT draws from (nextval('name'::regclass)).
struct SequenceSchema {
  std::string name;           // as written in the DEFAULT, e.g. `social."Posts_id_seq"`
  std::string options;        // e.g. "AS integer START WITH 1 INCREMENT BY 1 ... NO CYCLE"
  std::string owned_by = {};  // the column of this table that owns it; "" if none does
};

// (PostgreSQL) A partition of a partitioned table, or of one of its partitions.
struct PartitionSchema {
  std::string name;               // named as tables are, e.g. "events_a" or "archive.events_old"
  std::string parent;             // the partitioned table it is a partition of, named likewise
  std::string bound;              // e.g. "FOR VALUES IN ('a')" or "DEFAULT"
  std::string partition_by = {};  // its own partition key if it is partitioned too
};

struct ForeignKeySchema {
  std::vector<std::string> columns;  // in this table
  std::string referenced_table;
  std::vector<std::string> referenced_columns;
  std::string on_delete;  // "" or e.g. "CASCADE"
  std::string on_update;
  std::string name = {};  // the constraint's name; "" if unnamed or unknown
  // (PostgreSQL) The constraint as pg_get_constraintdef() prints it, e.g.
  // "FOREIGN KEY (a) REFERENCES t(b) ON DELETE CASCADE DEFERRABLE"; "" if unknown.
  std::string definition = {};
};

struct IndexSchema {
  std::string name;
  std::vector<std::string> columns;
  bool unique = false;
  std::string create_sql;  // verbatim source SQL when available (SQLite), else ""
  // (PostgreSQL) For the index of a UNIQUE or EXCLUDE constraint: the constraint as
  // pg_get_constraintdef() prints it, e.g. "UNIQUE (a, b)" or
  // "EXCLUDE USING gist (span WITH &&)"; else "". An EXCLUDE constraint's index is
  // listed with unique false.
  std::string definition = {};
};

struct TableSchema {
  std::string name;
  std::vector<ColumnSchema> columns;
  std::vector<ForeignKeySchema> foreign_keys;
  std::vector<IndexSchema> indexes;
  bool without_rowid = false;
  // Table CHECK constraints as the source states them, e.g. "CHECK ((price >= 0))", or
  // with their name, "CONSTRAINT price_positive CHECK ((price >= 0))" (PostgreSQL); empty
  // for sources that do not report them.
  std::vector<std::string> check_constraints = {};
  std::string primary_key_name = {};  // the primary key constraint's name; "" if unknown
  std::string comment = {};           // (PostgreSQL) the table's comment; "" if none
  std::vector<GeneratedColumnSchema> generated_columns = {};  // (PostgreSQL)
  std::vector<UserTypeSchema> types = {};                     // (PostgreSQL)
  std::vector<SequenceSchema> sequences = {};                 // (PostgreSQL)
  // (PostgreSQL) The partition key of a partitioned table, e.g. "LIST (kind)" ("" if the
  // table is not partitioned), and its partitions at every level, parents first. Rows
  // are read and written through the partitioned table.
  std::string partition_by = {};
  std::vector<PartitionSchema> partitions = {};

  // Index of the column named `name`, or -1.
  int ColumnIndex(const std::string& column_name) const {
    for (size_t i = 0; i < columns.size(); ++i) {
      if (columns[i].name == column_name) return static_cast<int>(i);
    }
    return -1;
  }
};

}  // namespace veil
