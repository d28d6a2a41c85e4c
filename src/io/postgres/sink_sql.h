// The SQL of the PostgreSQL sink (io/postgres/sink.h): catalog queries, and statements
// built from TableSchemas. Pure functions; nothing here talks to a server.
//
// Identifiers are always quoted; a name from the source is never interpreted, except a
// table name, split into schema and table by TableName, and nextval('...') calls found in
// DEFAULT expressions. Verbatim SQL (types, defaults, index create_sql, CHECK clauses,
// constraint definitions, type CREATE statements, sequence and identity options,
// generation expressions, partition keys and bounds, collations) is passed through
// unchanged.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/schema_text.h"
#include "core/table_schema.h"
#include "core/view_schema.h"
#include "io/postgres/target.h"

namespace veil::postgres {

// The first table, view or foreign table outside the system schemas (not an extension's),
// as schema.table.
extern const char* const kFirstTableSql;
// For --force: rows (schema, statement) dropping what each schema holds now: tables,
// views and free-standing sequences, then enum, domain, range and composite types.
// Extensions' objects and objects dropped along with a table are not listed.
extern const char* const kClearSql;
// The schema of the type $1 names; no row if there is none (an error if $1 does not parse).
extern const char* const kTypeSchemaSql;
// The schema and name of the sequence $1 names as written in nextval('...'); an
// unqualified name is in schema public, as the source connector prints names.
extern const char* const kSequenceNameSql;
// Session settings for the load (names resolve as the source connector prints them).
extern const char* const kSessionSql;
// A row if the collation $1 (as SQL, e.g. `pg_catalog."C"`) exists for the database's
// encoding.
extern const char* const kCollationSql;

bool IsSystemSchema(std::string_view schema);
std::string Join(const std::vector<std::string>& parts);  // "a, b"

// The sequence names of the nextval('name'::regclass) calls in a DEFAULT expression, as
// written (e.g. `social."Posts_id_seq"`).
std::vector<std::string> NextvalNames(const std::string& default_sql);
// True if the expression is exactly nextval('name'::regclass).
bool IsPlainNextval(const std::string& default_sql, const std::string& name);
// " AS integer" for an integer or smallint column, else "" (bigint).
std::string SequenceAs(const std::string& column_type);
bool IsIntegerType(const std::string& type);

// The generated columns of `schema` whose inputs are all among its columns (the others
// read a column the output lacks), in table order.
std::vector<const GeneratedColumnSchema*> KeptGeneratedColumns(const TableSchema& schema);

// What the sink remembers of a table it created: what Commit() adds, and what foreign
// keys of other tables may reference.
struct OutputTable {
  TableName name;
  std::set<std::string> columns;  // generated ones included
  std::vector<std::string> primary_key;
  std::vector<IndexSchema> indexes;            // whose columns are all in the output
  std::vector<ForeignKeySchema> foreign_keys;  // whose own columns are all in the output
  std::vector<std::string> checks;
  std::string primary_key_name = {};
  std::string partition_by = {};  // "" if not (or no longer) partitioned
};
OutputTable DescribeOutput(const TableName& name, const TableSchema& schema);

// True if `parent` has the columns `fk` references (its primary key if none are named).
bool References(const ForeignKeySchema& fk, const OutputTable& parent);

// The column definitions, ordered by position when every position is known (> 0), else
// as given.
std::vector<std::string> InTableOrder(std::vector<std::pair<int, std::string>> definitions);

// The primary key is named when the schema names it; PARTITION BY follows when set.
std::string CreateTableSql(const OutputTable& table,
                           const std::vector<std::string>& column_definitions);
// The primary key, added after the rows are loaded (one bulk index build instead of an
// insert per row); "" if the table has none.
std::string PrimaryKeySql(const OutputTable& table);
// create_sql verbatim; else the constraint its definition states (UNIQUE or EXCLUDE);
// else a UNIQUE constraint (unique) or an index over the columns.
std::string IndexSql(const OutputTable& table, const IndexSchema& index);
// The foreign key under its name, as its definition states it when known.
std::string ForeignKeySql(const OutputTable& table, const ForeignKeySchema& fk,
                          const TableName& parent);
std::string CheckSql(const OutputTable& table, const std::string& check);
// CREATE [MATERIALIZED] VIEW name AS definition (a materialized view is filled from the
// output's rows), and its COMMENT ("" if none).
std::string CreateViewSql(const ViewSchema& view);
std::string ViewCommentSql(const ViewSchema& view);
// CREATE TABLE ... PARTITION OF ..., itself partitioned when `partitioned` and the
// partition has a key.
std::string PartitionSql(const PartitionSchema& partition, bool partitioned);
// COMMENT ON TABLE, or ON COLUMN when `column` is given.
// The statement that removes `text` (a column default or a table, column or view
// comment) from a database: "ALTER TABLE ... ALTER COLUMN ... DROP DEFAULT" or
// "COMMENT ON ... IS NULL"; "" for the other kinds of schema text.
std::string RemoveSchemaTextSql(const SchemaText& text);

std::string CommentSql(const OutputTable& table, const std::string* column,
                       const std::string& comment);

// A sequence the sink created, and the columns whose highest value it must pass.
struct SequenceUse {
  std::string name;                                          // qualified, quoted
  std::vector<std::pair<std::string, std::string>> columns;  // (table SQL, column)
};
// Moves the sequence to the highest value of its columns, if the sequence ascends and
// that value is within its bounds and not below its start (else nextval() is past it).
std::string AdvanceSql(const SequenceUse& sequence);
// The same for the sequence of the identity column `column` of `table` (SQL).
std::string AdvanceIdentitySql(const std::string& table, const std::string& column);

}  // namespace veil::postgres
