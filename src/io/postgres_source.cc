#include "io/postgres_source.h"

#include <fmt/format.h>

#include <charconv>
#include <map>
#include <utility>
#include <vector>

#include "io/postgres_connection.h"

namespace veil {
namespace {

// A batch also ends once its rows hold this many bytes, so that huge values cannot
// overflow a column's 32-bit offsets.
constexpr size_t kBatchByteLimit = size_t{256} << 20;
// Finished readers' connections kept for the next readers.
constexpr size_t kMaxIdleConnections = 2;

// Text output that does not depend on the server's or role's settings, no timeout that
// could cut a long read short, and no writes.
constexpr const char* kSessionSql =
    "SET client_encoding = 'UTF8'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres'; "
    "SET TimeZone = 'UTC'; SET extra_float_digits = 3; SET bytea_output = 'hex'; "
    "SET search_path = public; SET statement_timeout = 0; "
    "SET idle_in_transaction_session_timeout = 0; SET default_transaction_read_only = on";
constexpr const char* kBeginSql = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";

constexpr const char* kTablesSql =
    "SELECT c.oid, n.nspname, c.relname, c.relkind = 'p' "
    "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition "
    "AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname NOT IN ('information_schema', 'veil') "
    "ORDER BY n.nspname COLLATE \"C\", c.relname COLLATE \"C\"";

// The base type of a domain is what decides a cell's kind.
constexpr const char* kColumnsSql =
    "SELECT a.attnum, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, "
    "pg_catalog.pg_get_expr(d.adbin, d.adrelid), "
    "CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END "
    "FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid "
    "LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
    "WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' "
    "ORDER BY a.attnum";

constexpr const char* kPrimaryKeySql =
    "SELECT k.attnum, k.position FROM pg_catalog.pg_constraint c "
    "CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, position) "
    "WHERE c.conrelid = $1 AND c.contype = 'p'";

// Constraints cloned onto the partitions of a referenced table have a parent; the
// original is the one to report.
constexpr const char* kForeignKeysSql =
    "SELECT c.conname, a.attname, fa.attname, fn.nspname, fc.relname, c.confdeltype, "
    "c.confupdtype FROM pg_catalog.pg_constraint c "
    "CROSS JOIN LATERAL unnest(c.conkey, c.confkey) WITH ORDINALITY AS k(attnum, fattnum, pos) "
    "JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum "
    "JOIN pg_catalog.pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = k.fattnum "
    "JOIN pg_catalog.pg_class fc ON fc.oid = c.confrelid "
    "JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace "
    "WHERE c.conrelid = $1 AND c.contype = 'f' AND c.conparentid = 0 "
    "ORDER BY c.conname COLLATE \"C\", k.pos";

constexpr const char* kIndexesSql =
    "SELECT i.indexrelid, ic.relname, i.indisunique, pg_catalog.pg_get_indexdef(i.indexrelid), "
    "con.contype::text FROM pg_catalog.pg_index i "
    "JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid "
    "LEFT JOIN pg_catalog.pg_constraint con ON con.conindid = i.indexrelid "
    "AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x') "
    "WHERE i.indrelid = $1 AND i.indisvalid ORDER BY ic.relname COLLATE \"C\"";

// Key columns only (not INCLUDE columns); expressions have no name and are left out.
constexpr const char* kIndexColumnsSql =
    "SELECT i.indexrelid, a.attname FROM pg_catalog.pg_index i "
    "CROSS JOIN LATERAL unnest(i.indkey::pg_catalog.int2[]) WITH ORDINALITY AS k(attnum, pos) "
    "JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum "
    "WHERE i.indrelid = $1 AND k.pos <= i.indnkeyatts ORDER BY i.indexrelid, k.pos";

constexpr const char* kChecksSql =
    "SELECT pg_catalog.pg_get_constraintdef(c.oid) FROM pg_catalog.pg_constraint c "
    "WHERE c.conrelid = $1 AND c.contype = 'c' ORDER BY c.conname COLLATE \"C\"";

// Planner statistics of the table, or of its leaf partitions; -1 if never gathered.
constexpr const char* kEstimateSql =
    "SELECT CASE WHEN bool_and(c.reltuples >= 0) THEN sum(c.reltuples)::int8 ELSE -1 END "
    "FROM pg_catalog.pg_partition_tree($1) t "
    "JOIN pg_catalog.pg_class c ON c.oid = t.relid WHERE t.isleaf";

struct Relation {
  std::string name;  // as TableNames() gives it
  std::string schema;
  std::string table;
  std::string oid;  // decimal, for binding
  bool partitioned = false;
};

// A table's schema and the kind of each column's cells.
struct TableShape {
  TableSchema schema;
  std::vector<CellKind> kinds;
};

std::string TableName(const std::string& schema, const std::string& table) {
  if (schema == "public" && table.find('.') == std::string::npos) return table;
  return schema + "." + table;
}

std::string Text(const PGresult* result, int row, int column) {
  return std::string(PgText(result, row, column));
}

int64_t Integer(const PGresult* result, int row, int column) {
  const std::string_view text = PgText(result, row, column);
  int64_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

CellKind KindOfType(int64_t type_oid) {
  switch (type_oid) {
    case 20:  // int8
    case 21:  // int2
    case 23:  // int4
      return CellKind::kInteger;
    case 700:   // float4
    case 701:   // float8
    case 1700:  // numeric
      return CellKind::kReal;
    default:
      return CellKind::kText;
  }
}

std::string ForeignKeyAction(std::string_view code) {
  if (code == "r") return "RESTRICT";
  if (code == "c") return "CASCADE";
  if (code == "n") return "SET NULL";
  if (code == "d") return "SET DEFAULT";
  return "";  // 'a': NO ACTION
}

// ---- Schema reading ----

Result<std::vector<Relation>> ReadRelations(const PostgresConnection& conn) {
  VEIL_ASSIGN_OR_RETURN(PgResultPtr result, conn.Query(kTablesSql, {}, "listing tables"));
  std::vector<Relation> relations;
  for (int row = 0; row < PQntuples(result.get()); ++row) {
    Relation relation;
    relation.oid = Text(result.get(), row, 0);
    relation.schema = Text(result.get(), row, 1);
    relation.table = Text(result.get(), row, 2);
    relation.partitioned = PgText(result.get(), row, 3) == "t";
    if (relation.schema.find('.') != std::string::npos) {
      return InputError(fmt::format(
          "{}: schema {} has a dot in its name, so its tables cannot be named schema.table",
          conn.Describe(), PgQuoteIdentifier(relation.schema)));
    }
    relation.name = TableName(relation.schema, relation.table);
    relations.push_back(std::move(relation));
  }
  return relations;
}

// Reads the columns; returns each column's attribute number.
Result<std::vector<int64_t>> ReadColumns(const PostgresConnection& conn, const Relation& rel,
                                         const std::string& what, TableShape& shape) {
  VEIL_ASSIGN_OR_RETURN(PgResultPtr result, conn.Query(kColumnsSql, {rel.oid}, what));
  std::vector<int64_t> attnums;
  for (int row = 0; row < PQntuples(result.get()); ++row) {
    ColumnSchema column;
    column.name = Text(result.get(), row, 1);
    column.declared_type = Text(result.get(), row, 2);
    column.not_null = PgText(result.get(), row, 3) == "t";
    if (!PgIsNull(result.get(), row, 4)) column.default_sql = Text(result.get(), row, 4);
    attnums.push_back(Integer(result.get(), row, 0));
    shape.kinds.push_back(KindOfType(Integer(result.get(), row, 5)));
    shape.schema.columns.push_back(std::move(column));
  }
  return attnums;
}

Status ReadPrimaryKey(const PostgresConnection& conn, const Relation& rel, const std::string& what,
                      const std::vector<int64_t>& attnums, TableSchema& schema) {
  VEIL_ASSIGN_OR_RETURN(PgResultPtr result, conn.Query(kPrimaryKeySql, {rel.oid}, what));
  for (int row = 0; row < PQntuples(result.get()); ++row) {
    const int64_t attnum = Integer(result.get(), row, 0);
    for (size_t c = 0; c < attnums.size(); ++c) {
      if (attnums[c] == attnum) {
        schema.columns[c].primary_key_position = static_cast<int>(Integer(result.get(), row, 1));
      }
    }
  }
  return Status::Ok();
}

Status ReadForeignKeys(const PostgresConnection& conn, const Relation& rel, const std::string& what,
                       TableSchema& schema) {
  VEIL_ASSIGN_OR_RETURN(PgResultPtr result, conn.Query(kForeignKeysSql, {rel.oid}, what));
  std::string current;
  for (int row = 0; row < PQntuples(result.get()); ++row) {
    const PGresult* r = result.get();
    if (schema.foreign_keys.empty() || PgText(r, row, 0) != current) {
      current = Text(r, row, 0);
      ForeignKeySchema fk;
      fk.referenced_table = TableName(Text(r, row, 3), Text(r, row, 4));
      fk.on_delete = ForeignKeyAction(PgText(r, row, 5));
      fk.on_update = ForeignKeyAction(PgText(r, row, 6));
      schema.foreign_keys.push_back(std::move(fk));
    }
    schema.foreign_keys.back().columns.push_back(Text(r, row, 1));
    schema.foreign_keys.back().referenced_columns.push_back(Text(r, row, 2));
  }
  return Status::Ok();
}

Status ReadIndexes(const PostgresConnection& conn, const Relation& rel, const std::string& what,
                   TableSchema& schema) {
  VEIL_ASSIGN_OR_RETURN(PgResultPtr columns, conn.Query(kIndexColumnsSql, {rel.oid}, what));
  std::map<std::string, std::vector<std::string>> columns_by_index;
  for (int row = 0; row < PQntuples(columns.get()); ++row) {
    columns_by_index[Text(columns.get(), row, 0)].push_back(Text(columns.get(), row, 1));
  }
  VEIL_ASSIGN_OR_RETURN(PgResultPtr result, conn.Query(kIndexesSql, {rel.oid}, what));
  for (int row = 0; row < PQntuples(result.get()); ++row) {
    const PGresult* r = result.get();
    const bool constraint = !PgIsNull(r, row, 4);
    if (constraint && PgText(r, row, 4) != "u") continue;  // primary key or exclusion
    IndexSchema index;
    index.name = Text(r, row, 1);
    index.unique = PgText(r, row, 2) == "t";
    if (!constraint) index.create_sql = Text(r, row, 3);
    index.columns = columns_by_index[Text(r, row, 0)];
    schema.indexes.push_back(std::move(index));
  }
  return Status::Ok();
}

Status ReadChecks(const PostgresConnection& conn, const Relation& rel, const std::string& what,
                  TableSchema& schema) {
  VEIL_ASSIGN_OR_RETURN(PgResultPtr result, conn.Query(kChecksSql, {rel.oid}, what));
  for (int row = 0; row < PQntuples(result.get()); ++row) {
    schema.check_constraints.push_back(Text(result.get(), row, 0));
  }
  return Status::Ok();
}

Result<TableShape> ReadShape(const PostgresConnection& conn, const Relation& rel) {
  const std::string what =
      fmt::format("reading the schema of table {}", PgQuoteIdentifier(rel.name));
  TableShape shape;
  shape.schema.name = rel.name;
  VEIL_ASSIGN_OR_RETURN(const std::vector<int64_t> attnums, ReadColumns(conn, rel, what, shape));
  VEIL_RETURN_IF_ERROR(ReadPrimaryKey(conn, rel, what, attnums, shape.schema));
  VEIL_RETURN_IF_ERROR(ReadForeignKeys(conn, rel, what, shape.schema));
  VEIL_RETURN_IF_ERROR(ReadIndexes(conn, rel, what, shape.schema));
  VEIL_RETURN_IF_ERROR(ReadChecks(conn, rel, what, shape.schema));
  return shape;
}

int64_t EstimateRows(const PostgresConnection& conn, const Relation& rel) {
  auto result = conn.Query(kEstimateSql, {rel.oid}, "estimating rows");
  if (!result.ok() || PQntuples(result->get()) != 1 || PgIsNull(result->get(), 0, 0)) return -1;
  return Integer(result->get(), 0, 0);
}

std::string CopySql(const Relation& rel, const TableSchema& schema) {
  std::string sql = "COPY (SELECT ";
  for (size_t c = 0; c < schema.columns.size(); ++c) {
    if (c > 0) sql += ", ";
    sql += PgQuoteIdentifier(schema.columns[c].name);
  }
  // ONLY: an inheritance parent's rows without its children's, which are tables of
  // their own. A partitioned table has no rows but its partitions'.
  sql += fmt::format(" FROM {}{}.{}) TO STDOUT", rel.partitioned ? "" : "ONLY ",
                     PgQuoteIdentifier(rel.schema), PgQuoteIdentifier(rel.table));
  return sql;
}

// ---- Connections on the snapshot ----

Result<PostgresConnection> OpenSession(const std::string& conninfo) {
  VEIL_ASSIGN_OR_RETURN(PostgresConnection conn, PostgresConnection::Open(conninfo));
  VEIL_RETURN_IF_ERROR(conn.Execute(kSessionSql, "setting up the session"));
  VEIL_RETURN_IF_ERROR(conn.Execute(kBeginSql, "starting a read-only transaction"));
  return conn;
}

// Connections for readers, each in a transaction on the source's snapshot. Shared by
// the source and its readers, so that a reader may outlive the source.
class ReaderConnections {
 public:
  ReaderConnections(std::string conninfo, std::string snapshot)
      : conninfo_(std::move(conninfo)), snapshot_(std::move(snapshot)) {}

  Result<std::unique_ptr<PostgresConnection>> Take() {
    if (!idle_.empty()) {
      std::unique_ptr<PostgresConnection> conn = std::move(idle_.back());
      idle_.pop_back();
      return conn;
    }
    VEIL_ASSIGN_OR_RETURN(PostgresConnection conn, OpenSession(conninfo_));
    std::string sql = "SET TRANSACTION SNAPSHOT '";
    for (const char c : snapshot_) sql += c == '\'' ? std::string("''") : std::string(1, c);
    VEIL_RETURN_IF_ERROR(conn.Execute(sql + "'", "importing the source's snapshot"));
    return std::make_unique<PostgresConnection>(std::move(conn));
  }

  // Keeps a connection whose COPY has ended, for the next reader.
  void Give(std::unique_ptr<PostgresConnection> conn) {
    if (conn && !conn->copying() && idle_.size() < kMaxIdleConnections) {
      idle_.push_back(std::move(conn));
    }
  }

 private:
  std::string conninfo_;  // may hold a password: never shown
  std::string snapshot_;
  std::vector<std::unique_ptr<PostgresConnection>> idle_;
};

// ---- Reading rows ----

class PostgresTableReader final : public TableReader {
 public:
  PostgresTableReader(std::shared_ptr<ReaderConnections> pool,
                      std::unique_ptr<PostgresConnection> conn, TableShape shape, int64_t estimate)
      : pool_(std::move(pool)),
        conn_(std::move(conn)),
        shape_(std::move(shape)),
        estimate_(estimate) {}

  ~PostgresTableReader() override {
    if (done_) pool_->Give(std::move(conn_));
  }

  const TableSchema& schema() const override { return shape_.schema; }
  int64_t EstimatedRows() const override { return estimate_; }

  Result<bool> Next(Batch& batch) override {
    batch.Reset(shape_.schema.columns.size());
    batch.first_row = next_row_;
    size_t bytes = 0;
    std::string_view row;
    while (!done_ && batch.rows() < kBatchRows && bytes < kBatchByteLimit) {
      Result<bool> more = conn_->NextCopyRow(row);
      if (!more.ok()) {
        return Status::Error(
            more.status().code(),
            fmt::format("{} (after row {})", more.status().message(), next_row_ - 1));
      }
      if (!more.value()) {
        done_ = true;
        break;
      }
      if (Status status = AppendCopyTextRow(row, shape_.kinds, batch.columns); !status.ok()) {
        return Status::Error(
            status.code(),
            fmt::format("{}: reading table {}: {} (at row {})", conn_->Describe(),
                        PgQuoteIdentifier(shape_.schema.name), status.message(), next_row_));
      }
      bytes += row.size();
      ++next_row_;
    }
    return batch.rows() > 0;
  }

 private:
  std::shared_ptr<ReaderConnections> pool_;
  std::unique_ptr<PostgresConnection> conn_;  // in COPY until done_
  TableShape shape_;
  int64_t estimate_ = -1;
  int64_t next_row_ = 1;
  bool done_ = false;
};

class PostgresSource final : public Source {
 public:
  PostgresSource(PostgresConnection conn, std::vector<Relation> relations,
                 std::shared_ptr<ReaderConnections> pool)
      : conn_(std::move(conn)), relations_(std::move(relations)), pool_(std::move(pool)) {}

  std::string Describe() const override {
    return fmt::format("postgresql database {}", conn_.Describe());
  }

  std::vector<std::string> TableNames() const override {
    std::vector<std::string> names;
    for (const auto& relation : relations_) names.push_back(relation.name);
    return names;
  }

  Result<TableSchema> Schema(const std::string& table) const override {
    VEIL_ASSIGN_OR_RETURN(const TableShape* shape, Shape(table));
    return shape->schema;
  }

  Result<std::unique_ptr<TableReader>> Open(const std::string& table) override {
    VEIL_ASSIGN_OR_RETURN(const TableShape* shape, Shape(table));
    const Relation& relation = *Find(table);
    const int64_t estimate = EstimateRows(conn_, relation);
    VEIL_ASSIGN_OR_RETURN(std::unique_ptr<PostgresConnection> conn, pool_->Take());
    VEIL_RETURN_IF_ERROR(
        conn->BeginCopyOut(CopySql(relation, shape->schema),
                           fmt::format("reading table {}", PgQuoteIdentifier(table))));
    return std::unique_ptr<TableReader>(
        new PostgresTableReader(pool_, std::move(conn), *shape, estimate));
  }

 private:
  const Relation* Find(const std::string& table) const {
    for (const auto& relation : relations_) {
      if (relation.name == table) return &relation;
    }
    return nullptr;
  }

  // The table's shape, read once: all of it comes from the one snapshot anyway.
  Result<const TableShape*> Shape(const std::string& table) const {
    if (auto it = shapes_.find(table); it != shapes_.end()) return &it->second;
    const Relation* relation = Find(table);
    if (relation == nullptr) {
      return InvalidArgument(
          fmt::format("{}: no table {}", conn_.Describe(), PgQuoteIdentifier(table)));
    }
    VEIL_ASSIGN_OR_RETURN(TableShape shape, ReadShape(conn_, *relation));
    return &shapes_.emplace(table, std::move(shape)).first->second;
  }

  PostgresConnection conn_;  // holds the transaction whose snapshot readers import
  std::vector<Relation> relations_;
  std::shared_ptr<ReaderConnections> pool_;
  mutable std::map<std::string, TableShape> shapes_;
};

}  // namespace

Result<std::unique_ptr<Source>> OpenPostgresSource(const std::string& conninfo) {
  VEIL_ASSIGN_OR_RETURN(PostgresConnection conn, OpenSession(conninfo));
  VEIL_ASSIGN_OR_RETURN(PgResultPtr snapshot, conn.Query("SELECT pg_catalog.pg_export_snapshot()",
                                                         {}, "exporting the snapshot"));
  auto pool = std::make_shared<ReaderConnections>(conninfo, Text(snapshot.get(), 0, 0));
  VEIL_ASSIGN_OR_RETURN(std::vector<Relation> relations, ReadRelations(conn));
  return std::unique_ptr<Source>(
      new PostgresSource(std::move(conn), std::move(relations), std::move(pool)));
}

}  // namespace veil
