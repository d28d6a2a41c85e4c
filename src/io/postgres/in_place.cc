#include "io/postgres/in_place.h"

#include <fmt/format.h>

#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "io/postgres/copy_writer.h"
#include "io/postgres/identity.h"
#include "io/postgres/quote.h"
#include "io/postgres/sink_sql.h"
#include "io/postgres/target.h"

namespace veil::postgres {
namespace {

// The tables a PostgreSQL source lists (io/postgres/source.cc), with their oids.
constexpr const char* kUserTablesSql =
    "SELECT c.oid, n.nspname, c.relname, c.relkind = 'p' FROM pg_catalog.pg_class c "
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition "
    "AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname NOT IN ('information_schema', 'veil') "
    "ORDER BY n.nspname COLLATE \"C\", c.relname COLLATE \"C\"";

// Foreign keys with either end in the tables $1 (an oid array), owner first.
constexpr const char* kTouchingForeignKeysSql =
    "SELECT format('%I.%I', n.nspname, c.relname), k.conname, "
    "pg_catalog.pg_get_constraintdef(k.oid) FROM pg_catalog.pg_constraint k "
    "JOIN pg_catalog.pg_class c ON c.oid = k.conrelid "
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "WHERE k.contype = 'f' AND k.conparentid = 0 "
    "AND (k.conrelid = ANY($1::oid[]) OR k.confrelid = ANY($1::oid[])) "
    "ORDER BY k.oid";

// Enabled user triggers of table $1 and how they fire (O origin, R replica, A always).
constexpr const char* kTriggersSql =
    "SELECT tgname, tgenabled FROM pg_catalog.pg_trigger WHERE tgrelid = $1 "
    "AND NOT tgisinternal AND tgparentid = 0 AND tgenabled <> 'D' ORDER BY tgname";

// Live, non-generated columns of table $1.
constexpr const char* kLiveColumnsSql =
    "SELECT attname FROM pg_catalog.pg_attribute WHERE attrelid = $1 AND attnum > 0 "
    "AND NOT attisdropped AND attgenerated = '' ORDER BY attnum";

// Indexes of plain table $1, rebuilt after the rows are replaced (faster than updating
// them row by row): the statement that recreates each (ADD CONSTRAINT for primary
// keys, unique and exclusion constraints), its drop statement, and whether the table
// is clustered on it.
constexpr const char* kIndexesSql =
    "SELECT CASE WHEN k.oid IS NULL THEN pg_catalog.pg_get_indexdef(i.indexrelid) "
    "ELSE format('ALTER TABLE %s ADD CONSTRAINT %I %s', $2::text, k.conname, "
    "pg_catalog.pg_get_constraintdef(k.oid)) END, "
    "CASE WHEN k.oid IS NULL THEN format('DROP INDEX %I.%I', n.nspname, ic.relname) "
    "ELSE format('ALTER TABLE %s DROP CONSTRAINT %I', $2::text, k.conname) END, "
    "CASE WHEN i.indisclustered THEN format('ALTER TABLE %s CLUSTER ON %I', $2::text, ic.relname) "
    "ELSE '' END "
    "FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid "
    "JOIN pg_catalog.pg_namespace n ON n.oid = ic.relnamespace "
    "JOIN pg_catalog.pg_class t ON t.oid = i.indrelid "
    "LEFT JOIN pg_catalog.pg_constraint k ON k.conindid = i.indexrelid AND k.conrelid = i.indrelid "
    "AND k.contype IN ('p', 'u', 'x') "
    "WHERE i.indrelid = $1 AND t.relkind = 'r' AND i.indisvalid AND NOT i.indisreplident "
    "ORDER BY k.contype = 'p' DESC, ic.relname";

// Columns of table $1 (qualified, quoted name $2) fed by a sequence (serial or identity).
constexpr const char* kSequencesSql =
    "SELECT a.attname, s FROM pg_catalog.pg_attribute a, "
    "LATERAL pg_catalog.pg_get_serial_sequence($2, a.attname) s "
    "WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped AND s IS NOT NULL";

constexpr const char* kRunsTableSql =
    "CREATE SCHEMA IF NOT EXISTS veil; "
    "CREATE TABLE IF NOT EXISTS veil.veil_runs ("
    "id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
    "ran_at timestamptz NOT NULL, "
    "database name NOT NULL DEFAULT current_database(), "
    "policy_sha256 text NOT NULL, "
    "secret_fingerprint text NOT NULL, "
    "veil_version text NOT NULL, "
    "tables_rewritten integer NOT NULL, "
    "tables_dropped integer NOT NULL)";

constexpr const char* kRecordRunSql =
    "INSERT INTO veil.veil_runs (ran_at, policy_sha256, secret_fingerprint, veil_version, "
    "tables_rewritten, tables_dropped) VALUES (clock_timestamp(), $1, $2, $3, $4, $5)";

struct LiveTable {
  std::string oid;
  TableName name;
  bool partitioned = false;  // its rows are its partitions'
};

// A table to rewrite from its staged rows.
struct StagedTable {
  LiveTable live;
  TableName stage;
  std::vector<std::string> columns;
};

struct SavedForeignKey {
  std::string owner;  // qualified, quoted
  std::string name;
  std::string definition;
};

struct SavedIndex {
  std::string create;  // CREATE INDEX ... or ALTER TABLE ... ADD CONSTRAINT ...
  std::string drop;
  std::string cluster;  // "" unless the table is clustered on it
};

struct SavedTrigger {
  std::string table;  // qualified, quoted
  std::string name;
  std::string mode;  // O, R or A
};

std::string TriggerEnableSql(const SavedTrigger& trigger) {
  const char* how = trigger.mode == "A"   ? "ENABLE ALWAYS"
                    : trigger.mode == "R" ? "ENABLE REPLICA"
                                          : "ENABLE";
  return fmt::format("ALTER TABLE {} {} TRIGGER {}", trigger.table, how,
                     QuoteIdentifier(trigger.name));
}

std::string OidArray(const std::vector<std::string>& oids) {
  std::string array = "{";
  for (const auto& oid : oids) array += (array.size() > 1 ? "," : "") + oid;
  return array + "}";
}

class InPlaceSink final : public Sink {
 public:
  InPlaceSink(std::shared_ptr<Target> target, InPlaceRecord record)
      : target_(std::move(target)), record_(std::move(record)) {}
  ~InPlaceSink() override { target_->Abandon(); }

  Status Start(int lock_timeout_ms) {
    VEIL_RETURN_IF_ERROR(Exec(kSessionSql, "setting up the session"));
    // Staged rows stay in memory up to this size (before the first temporary table).
    VEIL_RETURN_IF_ERROR(Exec("SET temp_buffers = '256MB'", "setting up the session"));
    VEIL_RETURN_IF_ERROR(Exec("BEGIN", "starting the scrub"));
    VEIL_RETURN_IF_ERROR(Exec(fmt::format("SET LOCAL lock_timeout = {}", lock_timeout_ms),
                              "setting up the session"));
    VEIL_ASSIGN_OR_RETURN(const std::vector<Row> rows,
                          Query(kUserTablesSql, {}, "listing the tables"));
    std::string list;
    for (const auto& row : rows) {
      tables_.push_back({row[0], TableName{row[1], row[2]}, row[3] == "t"});
      list += (list.empty() ? "" : ", ") + tables_.back().name.Sql();
    }
    if (list.empty()) return Status::Ok();
    return Exec("LOCK TABLE " + list + " IN SHARE MODE",
                "locking the tables against other writers (is another session using them?)");
  }

  std::string Describe() const override { return label(); }

  Result<std::unique_ptr<TableWriter>> CreateTable(const TableSchema& schema) override {
    VEIL_ASSIGN_OR_RETURN(const LiveTable live, Claim(schema.name));
    std::vector<std::string> columns;
    std::string list;
    for (const auto& column : schema.columns) {
      columns.push_back(column.name);
      list += (list.empty() ? "" : ", ") + QuoteIdentifier(column.name);
    }
    if (columns.empty()) {
      return InvalidArgument(fmt::format("{}: table {} keeps no column", label(), live.name.Sql()));
    }
    // Named after the qualified table so that it never shadows an unqualified name.
    TableName stage{"pg_temp", live.name.schema + "." + live.name.table};
    VEIL_RETURN_IF_ERROR(
        Exec(fmt::format("CREATE TEMP TABLE {} ON COMMIT DROP AS SELECT {} FROM {} WITH NO DATA",
                         QuoteIdentifier(stage.table), list, live.name.Sql()),
             fmt::format("staging table {}", live.name.Sql())));
    staged_.push_back({live, stage, columns});
    return MakeCopyWriter(target_, stage, std::move(columns));
  }

  Status OmitTable(const std::string& name) override {
    VEIL_ASSIGN_OR_RETURN(LiveTable live, Claim(name));
    omitted_.push_back(std::move(live));
    return Status::Ok();
  }

  // Removed at the end of the rewrite, when the columns the policy drops are gone.
  Status RemoveSchemaText(const std::vector<SchemaText>& texts) override {
    for (const auto& text : texts) {
      if (!RemoveSchemaTextSql(text).empty()) schema_text_.push_back(text);
    }
    return Status::Ok();
  }

  Status Commit() override {
    return target_->Finish([this] { return Rewrite(); });
  }

 private:
  const std::string& label() const { return target_->session.label(); }
  Status Exec(const std::string& sql, const std::string& what) const {
    return target_->session.Execute(sql, what);
  }
  Result<std::vector<Row>> Query(const std::string& sql, const std::vector<std::string>& params,
                                 const std::string& what) const {
    return target_->session.Rows(sql, params, what);
  }

  // The live table a source table name stands for, claimed once.
  Result<LiveTable> Claim(const std::string& source_name) {
    if (!target_->open) {
      return InternalError(fmt::format("{}: table {} named after Commit()", label(), source_name));
    }
    const TableName name = SplitTableName(source_name);
    for (const auto& table : tables_) {
      if (!(table.name == name)) continue;
      if (!claimed_.insert(table.oid).second) {
        return InvalidArgument(fmt::format("{}: table {} named twice", label(), name.Sql()));
      }
      return table;
    }
    return InvalidArgument(fmt::format("{}: no table {} in the database", label(), name.Sql()));
  }

  Status Rewrite() {
    VEIL_RETURN_IF_ERROR(DropForeignKeys());
    VEIL_RETURN_IF_ERROR(DisableTriggers());
    for (const auto& table : omitted_) {
      VEIL_RETURN_IF_ERROR(Exec("DROP TABLE " + table.name.Sql(),
                                fmt::format("dropping table {}", table.name.Sql())));
    }
    for (const auto& table : staged_) VEIL_RETURN_IF_ERROR(ReplaceRows(table));
    VEIL_RETURN_IF_ERROR(RestoreForeignKeys());
    for (const auto& trigger : triggers_) {
      VEIL_RETURN_IF_ERROR(Exec(TriggerEnableSql(trigger),
                                fmt::format("re-enabling the triggers of {}", trigger.table)));
    }
    for (const auto& table : staged_) VEIL_RETURN_IF_ERROR(AdvanceSequences(table.live));
    VEIL_RETURN_IF_ERROR(RemoveSchemaTextNow());
    return RecordRun();
  }

  // A text on a column or table the scrub dropped (SQL error class 42) went with it.
  Status RemoveSchemaTextNow() const {
    for (const auto& text : schema_text_) {
      VEIL_RETURN_IF_ERROR(
          target_->session
              .TryRows(RemoveSchemaTextSql(text), {}, "removing " + DescribeSchemaText(text))
              .status());
    }
    return Status::Ok();
  }

  std::vector<std::string> TouchedOids() const {
    std::vector<std::string> oids;
    for (const auto& table : staged_) oids.push_back(table.live.oid);
    for (const auto& table : omitted_) oids.push_back(table.oid);
    return oids;
  }

  Status DropForeignKeys() {
    VEIL_ASSIGN_OR_RETURN(
        const std::vector<Row> rows,
        Query(kTouchingForeignKeysSql, {OidArray(TouchedOids())}, "listing the foreign keys"));
    for (const auto& row : rows) {
      foreign_keys_.push_back({row[0], row[1], row[2]});
      VEIL_RETURN_IF_ERROR(
          Exec(fmt::format("ALTER TABLE {} DROP CONSTRAINT {}", row[0], QuoteIdentifier(row[1])),
               fmt::format("setting aside foreign key {} of table {}", QuoteIdentifier(row[1]),
                           row[0])));
    }
    return Status::Ok();
  }

  // Re-adding a foreign key checks every row against it; one whose columns or table
  // the policy dropped (SQL error class 42) is gone with them.
  Status RestoreForeignKeys() const {
    for (const auto& fk : foreign_keys_) {
      const std::string what = fmt::format("restoring foreign key {} of table {} after the scrub",
                                           QuoteIdentifier(fk.name), fk.owner);
      VEIL_RETURN_IF_ERROR(target_->session
                               .TryRows(fmt::format("ALTER TABLE {} ADD CONSTRAINT {} {}", fk.owner,
                                                    QuoteIdentifier(fk.name), fk.definition),
                                        {}, what)
                               .status());
    }
    return Status::Ok();
  }

  Status DisableTriggers() {
    for (const auto& table : staged_) {
      VEIL_ASSIGN_OR_RETURN(const std::vector<Row> rows,
                            Query(kTriggersSql, {table.live.oid}, "listing triggers"));
      for (const auto& row : rows) {
        triggers_.push_back({table.live.name.Sql(), row[0], row[1]});
        VEIL_RETURN_IF_ERROR(
            Exec(fmt::format("ALTER TABLE {} DISABLE TRIGGER {}", table.live.name.Sql(),
                             QuoteIdentifier(row[0])),
                 fmt::format("pausing the triggers of {}", table.live.name.Sql())));
      }
    }
    return Status::Ok();
  }

  Status ReplaceRows(const StagedTable& table) const {
    const std::string sql_name = table.live.name.Sql();
    const std::string what = fmt::format("rewriting table {}", sql_name);
    // ONLY: an inheritance child is a table of its own, rewritten (or kept) on its own.
    VEIL_RETURN_IF_ERROR(Exec(
        (table.live.partitioned ? "TRUNCATE TABLE " : "TRUNCATE TABLE ONLY ") + sql_name, what));
    VEIL_ASSIGN_OR_RETURN(const std::vector<SavedIndex> indexes, SetIndexesAside(table.live));
    VEIL_ASSIGN_OR_RETURN(const std::vector<Row> live,
                          Query(kLiveColumnsSql, {table.live.oid}, what));
    const std::set<std::string> kept(table.columns.begin(), table.columns.end());
    for (const auto& row : live) {
      if (kept.count(row[0])) continue;
      VEIL_RETURN_IF_ERROR(
          Exec(fmt::format("ALTER TABLE {} DROP COLUMN {}", sql_name, QuoteIdentifier(row[0])),
               fmt::format("dropping column {} of table {}", QuoteIdentifier(row[0]), sql_name)));
    }
    std::string list;
    for (const auto& column : table.columns)
      list += (list.empty() ? "" : ", ") + QuoteIdentifier(column);
    VEIL_RETURN_IF_ERROR(
        Exec(fmt::format("INSERT INTO {} ({}) OVERRIDING SYSTEM VALUE SELECT {} FROM {}", sql_name,
                         list, list, table.stage.Sql()),
             what));
    return RebuildIndexes(table.live, indexes);
  }

  // Drops the table's indexes that can be dropped (one another object depends on stays,
  // and is updated row by row instead).
  Result<std::vector<SavedIndex>> SetIndexesAside(const LiveTable& table) const {
    const std::string what = fmt::format("setting aside the indexes of {}", table.name.Sql());
    VEIL_ASSIGN_OR_RETURN(const std::vector<Row> rows,
                          Query(kIndexesSql, {table.oid, table.name.Sql()}, what));
    std::vector<SavedIndex> dropped;
    for (const auto& row : rows) {
      VEIL_RETURN_IF_ERROR(Exec("SAVEPOINT veil_index", what));
      if (Exec(row[1], what).ok()) {
        VEIL_RETURN_IF_ERROR(Exec("RELEASE SAVEPOINT veil_index", what));
        dropped.push_back({row[0], row[1], row[2]});
      } else {
        VEIL_RETURN_IF_ERROR(
            Exec("ROLLBACK TO SAVEPOINT veil_index; RELEASE SAVEPOINT veil_index", what));
      }
    }
    return dropped;
  }

  // Recreates the indexes (checking unique and primary keys), except any whose column
  // the policy dropped.
  Status RebuildIndexes(const LiveTable& table, const std::vector<SavedIndex>& indexes) const {
    const std::string what = fmt::format("rebuilding the indexes of {}", table.name.Sql());
    for (const auto& index : indexes) {
      VEIL_ASSIGN_OR_RETURN(const auto made, target_->session.TryRows(index.create, {}, what));
      if (made && !index.cluster.empty()) VEIL_RETURN_IF_ERROR(Exec(index.cluster, what));
    }
    return Status::Ok();
  }

  // Pseudonymised keys may lie beyond a sequence's position: move it past them.
  Status AdvanceSequences(const LiveTable& table) const {
    const std::string what = fmt::format("advancing the sequences of {}", table.name.Sql());
    VEIL_ASSIGN_OR_RETURN(const std::vector<Row> rows,
                          Query(kSequencesSql, {table.oid, table.name.Sql()}, what));
    for (const auto& row : rows) {
      VEIL_RETURN_IF_ERROR(Exec(
          fmt::format("SELECT pg_catalog.setval({0}, m) FROM (SELECT max({1})::bigint AS m FROM "
                      "{2}) AS x, {3} AS s WHERE m IS NOT NULL AND (m > s.last_value OR (m = "
                      "s.last_value AND NOT s.is_called))",
                      QuoteLiteral(row[1]), QuoteIdentifier(row[0]), table.name.Sql(), row[1]),
          what));
    }
    return Status::Ok();
  }

  Status RecordRun() const {
    const std::string what = "recording the run in veil.veil_runs";
    VEIL_RETURN_IF_ERROR(Exec(kRunsTableSql, what));
    return Query(kRecordRunSql,
                 {record_.policy_sha256, record_.secret_fingerprint, record_.veil_version,
                  std::to_string(staged_.size()), std::to_string(omitted_.size())},
                 what)
        .status();
  }

  std::shared_ptr<Target> target_;
  InPlaceRecord record_;
  std::vector<LiveTable> tables_;  // every user table, locked
  std::set<std::string> claimed_;  // oids named by CreateTable or OmitTable
  std::vector<StagedTable> staged_;
  std::vector<LiveTable> omitted_;
  std::vector<SavedForeignKey> foreign_keys_;
  std::vector<SavedTrigger> triggers_;
  std::vector<SchemaText> schema_text_;  // defaults and comments to remove (they held originals)
};

}  // namespace
}  // namespace veil::postgres

namespace veil {

Result<std::unique_ptr<Sink>> OpenPostgresInPlaceSink(const std::string& conninfo,
                                                      InPlaceRecord record,
                                                      const AdmitServer& admit,
                                                      int lock_timeout_ms) {
  VEIL_ASSIGN_OR_RETURN(const postgres::ConnectOptions options, postgres::ParseConninfo(conninfo));
  postgres::ConnPtr conn = postgres::Connect(options, nullptr);
  if (!postgres::Connected(conn)) return postgres::ConnectError(conn);
  // Judged on what the connection reached, before a statement that writes or locks.
  VEIL_ASSIGN_OR_RETURN(const ReachedServer reached, postgres::ReadReachedServer(conn.get()));
  VEIL_RETURN_IF_ERROR(admit(reached));
  VEIL_RETURN_IF_ERROR(postgres::TakeScrubLock(conn.get(), reached));
  auto sink = std::make_unique<postgres::InPlaceSink>(
      std::make_shared<postgres::Target>(std::move(conn)), std::move(record));
  VEIL_RETURN_IF_ERROR(sink->Start(lock_timeout_ms));
  return std::unique_ptr<Sink>(std::move(sink));
}

}  // namespace veil
