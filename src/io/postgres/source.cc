#include "io/postgres/source.h"

#include <fmt/format.h>

#include <algorithm>

#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "io/postgres/catalog.h"
#include "io/postgres/connection.h"
#include "io/postgres/copy_text.h"
#include "io/postgres/identity.h"
#include "io/postgres/quote.h"

namespace veil::postgres {
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
    "SET idle_in_transaction_session_timeout = 0; SET default_transaction_read_only = on; "
    "SET standard_conforming_strings = on";
constexpr const char* kBeginSql = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";

// With `condition`, of the rows it holds for (the caller's one SQL expression).
std::string CopySql(const Relation& rel, const TableSchema& schema, const std::string* condition) {
  std::string sql = "COPY (SELECT ";
  for (size_t c = 0; c < schema.columns.size(); ++c) {
    if (c > 0) sql += ", ";
    sql += postgres::QuoteIdentifier(schema.columns[c].name);
  }
  // ONLY: an inheritance parent's rows without its children's, which are tables of
  // their own. A partitioned table has no rows but its partitions'.
  sql += fmt::format(" FROM {}{}.{}", rel.partitioned ? "" : "ONLY ",
                     postgres::QuoteIdentifier(rel.schema), postgres::QuoteIdentifier(rel.table));
  if (condition == nullptr) return sql + ") TO STDOUT";
  sql += " WHERE (" + *condition + "\n)";
  // The rows of a condition in key order: a plan may read them in any order (a parallel
  // scan interleaves its workers), and a subset must read the same way every time.
  std::vector<std::pair<int, std::string>> key;
  for (const auto& column : schema.columns) {
    if (column.primary_key_position > 0) key.emplace_back(column.primary_key_position, column.name);
  }
  std::sort(key.begin(), key.end());
  for (size_t k = 0; k < key.size(); ++k) {
    sql += (k == 0 ? " ORDER BY " : ", ") + postgres::QuoteIdentifier(key[k].second);
  }
  return sql + ") TO STDOUT";
}

// ---- Connections on the snapshot ----

// A session on the snapshot's server; with `same_as`, only if it reached that server's
// database (CheckSameServer), before any other statement.
Result<Connection> OpenSession(const std::string& conninfo,
                               const std::optional<ReachedServer>& same_as) {
  VEIL_ASSIGN_OR_RETURN(Connection conn, Connection::Open(conninfo));
  if (same_as) VEIL_RETURN_IF_ERROR(CheckSameServer(conn.get(), *same_as));
  VEIL_RETURN_IF_ERROR(conn.Execute(kSessionSql, "setting up the session"));
  VEIL_RETURN_IF_ERROR(conn.Execute(kBeginSql, "starting a read-only transaction"));
  return conn;
}

// Connections for readers, each in a transaction on the source's snapshot. Shared by
// the source and its readers, so that a reader may outlive the source.
class ReaderConnections {
 public:
  ReaderConnections(std::string conninfo, std::string snapshot,
                    std::optional<ReachedServer> same_as)
      : conninfo_(std::move(conninfo)),
        snapshot_(std::move(snapshot)),
        same_as_(std::move(same_as)) {}

  Result<std::unique_ptr<Connection>> Take() {
    if (!idle_.empty()) {
      std::unique_ptr<Connection> conn = std::move(idle_.back());
      idle_.pop_back();
      return conn;
    }
    VEIL_ASSIGN_OR_RETURN(Connection conn, OpenSession(conninfo_, same_as_));
    VEIL_RETURN_IF_ERROR(
        conn.Execute("SET TRANSACTION SNAPSHOT " + postgres::QuoteLiteral(snapshot_),
                     "importing the source's snapshot"));
    return std::make_unique<Connection>(std::move(conn));
  }

  // Keeps a connection whose COPY has ended, for the next reader.
  void Give(std::unique_ptr<Connection> conn) {
    if (conn && !conn->copying() && idle_.size() < kMaxIdleConnections) {
      idle_.push_back(std::move(conn));
    }
  }

 private:
  std::string conninfo_;  // may hold a password: never shown
  std::string snapshot_;
  std::optional<ReachedServer> same_as_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

// ---- Reading rows ----

class PostgresTableReader final : public TableReader {
 public:
  PostgresTableReader(std::shared_ptr<ReaderConnections> pool, std::unique_ptr<Connection> conn,
                      TableShape shape, int64_t estimate)
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
        return Status::Error(status.code(),
                             fmt::format("{}: reading table {}: {} (at row {})", conn_->label(),
                                         postgres::QuoteIdentifier(shape_.schema.name),
                                         status.message(), next_row_));
      }
      bytes += row.size();
      ++next_row_;
    }
    return batch.rows() > 0;
  }

 private:
  std::shared_ptr<ReaderConnections> pool_;
  std::unique_ptr<Connection> conn_;  // in COPY until done_
  TableShape shape_;
  int64_t estimate_ = -1;
  int64_t next_row_ = 1;
  bool done_ = false;
};

class PostgresSource final : public Source {
 public:
  PostgresSource(Connection conn, std::vector<Relation> relations,
                 std::shared_ptr<ReaderConnections> pool)
      : conn_(std::move(conn)), relations_(std::move(relations)), pool_(std::move(pool)) {}

  std::string Describe() const override {
    return fmt::format("postgresql database {}", conn_.label());
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

  Result<std::vector<ViewSchema>> Views() const override { return postgres::ReadViews(conn_); }

  Result<std::unique_ptr<TableReader>> Open(const std::string& table) override {
    return OpenCopy(table, nullptr);
  }

  bool SupportsWhere() const override { return true; }
  // On a connection of the source's snapshot, like Open()'s readers.
  Result<std::unique_ptr<TableReader>> OpenWhere(const std::string& table,
                                                 const std::string& condition) override {
    return OpenCopy(table, &condition);
  }
  Result<std::unique_ptr<TableReader>> OpenColumns(const std::string& table,
                                                   const std::vector<int>& columns) override {
    return OpenCopy(table, nullptr, &columns);
  }

 private:
  // With `columns`, of those columns alone.
  Result<std::unique_ptr<TableReader>> OpenCopy(const std::string& table,
                                                const std::string* condition,
                                                const std::vector<int>* columns = nullptr) {
    VEIL_ASSIGN_OR_RETURN(const TableShape* full_shape, Shape(table));
    TableShape projected;
    if (columns != nullptr) {
      projected.schema = ProjectSchema(full_shape->schema, *columns);
      for (const int c : *columns)
        projected.kinds.push_back(full_shape->kinds[static_cast<size_t>(c)]);
    }
    const TableShape* shape = columns != nullptr ? &projected : full_shape;
    const Relation& relation = *Find(table);
    const int64_t estimate = condition != nullptr ? -1 : postgres::EstimateRows(conn_, relation);
    VEIL_ASSIGN_OR_RETURN(std::unique_ptr<Connection> conn, pool_->Take());
    const Status copying =
        conn->BeginCopyOut(CopySql(relation, shape->schema, condition),
                           fmt::format("reading table {}", postgres::QuoteIdentifier(table)));
    if (!copying.ok() && condition != nullptr) {
      // The server's reason may quote the condition: its quoted pieces are left out.
      return Status::Error(
          copying.code() == ErrorCode::kIo ? ErrorCode::kInvalidArgument : copying.code(),
          fmt::format("{}: the condition on table {} is refused: {}", conn_.label(), table,
                      WithoutQuotedText(copying.message())));
    }
    VEIL_RETURN_IF_ERROR(copying);
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
          fmt::format("{}: no table {}", conn_.label(), postgres::QuoteIdentifier(table)));
    }
    VEIL_ASSIGN_OR_RETURN(TableShape shape, postgres::ReadShape(conn_, *relation));
    return &shapes_.emplace(table, std::move(shape)).first->second;
  }

  Connection conn_;  // holds the transaction whose snapshot readers import
  std::vector<Relation> relations_;
  std::shared_ptr<ReaderConnections> pool_;
  mutable std::map<std::string, TableShape> shapes_;
};

}  // namespace
}  // namespace veil::postgres

namespace veil {

Result<std::unique_ptr<Source>> OpenPostgresSource(const std::string& conninfo,
                                                   std::optional<ReachedServer> same_as) {
  VEIL_ASSIGN_OR_RETURN(postgres::Connection conn, postgres::OpenSession(conninfo, same_as));
  VEIL_ASSIGN_OR_RETURN(
      postgres::ResultPtr snapshot,
      conn.Query("SELECT pg_catalog.pg_export_snapshot()", {}, "exporting the snapshot"));
  auto pool = std::make_shared<postgres::ReaderConnections>(
      conninfo, std::string(postgres::PgText(snapshot.get(), 0, 0)), std::move(same_as));
  VEIL_ASSIGN_OR_RETURN(std::vector<postgres::Relation> relations, postgres::ReadRelations(conn));
  return std::unique_ptr<Source>(
      new postgres::PostgresSource(std::move(conn), std::move(relations), std::move(pool)));
}

}  // namespace veil
