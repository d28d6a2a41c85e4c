#include "io/postgres/sink.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "io/described_source.h"
#include "io/postgres/connection.h"
#include "io/postgres/copy_writer.h"
#include "io/postgres/errors.h"
#include "io/postgres/quote.h"
#include "io/postgres/sink_sql.h"
#include "io/postgres/sink_staging.h"
#include "io/postgres/source.h"
#include "io/postgres/target.h"

namespace veil::postgres {
namespace {

// Creates the database a connection attempt failed to reach, if it is missing, under a
// temporary name (see sink_staging.h); otherwise returns the connection error.
Result<std::unique_ptr<StagedDatabase>> CreateMissingDatabase(const ConnectOptions& options,
                                                              const ConnPtr& failed) {
  const Status refused = ConnectError(failed);
  if (!failed || !PQdb(failed.get())) return refused;
  const std::string name = PQdb(failed.get());
  ConnPtr maintenance = Connect(options, "postgres");
  if (!Connected(maintenance)) return refused;
  const Connection admin(std::move(maintenance));
  VEIL_ASSIGN_OR_RETURN(
      const std::vector<Row> found,
      admin.Rows("SELECT 1 FROM pg_database WHERE datname = $1", {name}, "finding the database"));
  if (!found.empty()) return refused;
  return StagedDatabase::Create(options, name, PgConnectionLabel(failed.get()));
}

class PostgresSink final : public Sink {
 public:
  PostgresSink(std::shared_ptr<Target> target, std::unique_ptr<StagedDatabase> created, bool force)
      : target_(std::move(target)), created_(std::move(created)), force_(force) {}
  ~PostgresSink() override { Abandon(); }

  Status Start() {
    VEIL_RETURN_IF_ERROR(Exec(kSessionSql, "setting up the session"));
    VEIL_RETURN_IF_ERROR(Exec("BEGIN", "starting the load"));
    if (created_) return Status::Ok();
    return force_ ? ListObjectsToClear() : RefuseTables();
  }

  std::string Describe() const override { return label(); }

  Result<std::unique_ptr<TableWriter>> CreateTable(const TableSchema& schema) override {
    const TableName name = SplitTableName(schema.name);
    if (!target_->open) {
      return InternalError(fmt::format("{}: table {} created after Commit()", label(), name.Sql()));
    }
    if (schema.columns.empty() || FindTable(name)) {
      return InvalidArgument(
          fmt::format("{}: table {} has no columns or was already written", label(), name.Sql()));
    }
    VEIL_RETURN_IF_ERROR(PrepareSchema(name.schema));
    OutputTable table = DescribeOutput(name, schema);
    VEIL_RETURN_IF_ERROR(CreateTypes(schema, table.columns));
    std::vector<std::pair<int, std::string>> definitions;  // (position, definition)
    std::vector<std::string> after;                        // statements once the table exists
    for (const auto& column : schema.columns) {
      VEIL_ASSIGN_OR_RETURN(std::string definition, ColumnDefinition(name, schema, column, after));
      definitions.emplace_back(column.position, std::move(definition));
    }
    for (const auto* generated : KeptGeneratedColumns(schema)) {
      VEIL_ASSIGN_OR_RETURN(std::optional<std::string> definition, GeneratedDefinition(*generated));
      if (definition) {
        definitions.emplace_back(generated->column.position, std::move(*definition));
      } else {
        table.columns.erase(generated->column.name);
      }
    }
    const std::string what = fmt::format("creating table {}", name.Sql());
    const std::vector<std::string> ordered = InTableOrder(std::move(definitions));
    VEIL_RETURN_IF_ERROR(CreatePartitionedTable(schema, ordered, table));
    if (table.partition_by.empty()) {
      VEIL_RETURN_IF_ERROR(Exec(CreateTableSql(table, ordered), what));
    }
    for (const auto& sql : after) VEIL_RETURN_IF_ERROR(Exec(sql, what));
    VEIL_RETURN_IF_ERROR(AddComments(table, schema));
    tables_.push_back(std::move(table));
    std::vector<std::string> columns;
    for (const auto& column : schema.columns) columns.push_back(column.name);
    return MakeCopyWriter(target_, name, std::move(columns));
  }

  Status AddViews(const std::vector<ViewSchema>& views) override {
    views_ = views;
    return Status::Ok();
  }

  Status RemoveSchemaText(const std::vector<SchemaText>& texts) override {
    for (const auto& text : texts) {
      if (text.kind == SchemaTextKind::kViewComment) {
        withheld_view_comments_.insert(text.owner);  // the views are created in Prepare()
        continue;
      }
      const OutputTable* table = FindTable(SplitTableName(text.owner));
      if (table == nullptr) continue;  // not in the output
      if (!text.column.empty() && !table->columns.count(text.column)) continue;
      const std::string sql = RemoveSchemaTextSql(text);
      if (sql.empty()) continue;
      VEIL_RETURN_IF_ERROR(Exec(sql, "removing " + DescribeSchemaText(text)));
    }
    return Status::Ok();
  }

  // Into a new database: commits inside the staged database. Into an existing one:
  // completes the transaction without committing it.
  Status Prepare() override {
    if (staged_) return InternalError(fmt::format("{}: prepared twice", label()));
    Status status = created_ ? target_->Finish([this] { return FinishLoad(); })
                             : target_->Complete([this] { return FinishLoad(); });
    if (!status.ok()) {
      if (created_) created_->Drop();
      return status;
    }
    staged_ = true;
    return Status::Ok();
  }

  // Only a copy into a database veil created can be read before it is published: the
  // load into an existing database is one uncommitted transaction.
  Status CheckStageable() const override {
    if (created_) return Status::Ok();
    return InvalidArgument(fmt::format(
        "{}: --verify cannot check a copy written into an existing database before it is "
        "committed, so nothing was written; give a database that does not exist yet (veil "
        "creates it), or run `veil verify` after the copy",
        label()));
  }

  Result<std::unique_ptr<Source>> OpenStaged() override {
    if (!staged_ || committed_) return InternalError(fmt::format("{}: not staged", label()));
    VEIL_RETURN_IF_ERROR(CheckStageable());
    VEIL_ASSIGN_OR_RETURN(auto staged, OpenPostgresSource(created_->Conninfo()));
    return std::unique_ptr<Source>(
        new DescribedSource(std::move(staged), "postgresql database " + label()));
  }

  Status Commit() override {
    if (committed_) return InternalError(fmt::format("{}: committed twice", label()));
    if (!staged_) VEIL_RETURN_IF_ERROR(Prepare());
    committed_ = true;
    return created_ ? created_->Publish() : target_->CommitCompleted();
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

  Status RefuseTables() const {
    VEIL_ASSIGN_OR_RETURN(const std::vector<Row> tables,
                          Query(kFirstTableSql, {}, "checking that the database is empty"));
    if (tables.empty()) return Status::Ok();
    return ConflictError(fmt::format(
        "{}: database {} already has tables (e.g. {}); use --force to replace the schemas written",
        label(), QuoteIdentifier(PQdb(target_->session.get())), tables[0][0]));
  }

  Status ListObjectsToClear() {
    VEIL_ASSIGN_OR_RETURN(const std::vector<Row> drops,
                          Query(kClearSql, {}, "listing the objects to replace"));
    for (const auto& row : drops) clear_[row[0]].push_back(row[1]);
    return Status::Ok();
  }

  // Before a schema's first use: with --force, drops what it held; creates it if missing.
  Status PrepareSchema(const std::string& schema) {
    if (!prepared_.insert(schema).second) return Status::Ok();
    const std::string what = fmt::format("preparing schema {}", QuoteIdentifier(schema));
    for (const auto& sql : clear_[schema]) VEIL_RETURN_IF_ERROR(Exec(sql, what));
    VEIL_ASSIGN_OR_RETURN(const std::vector<Row> found,
                          Query("SELECT 1 FROM pg_namespace WHERE nspname = $1", {schema}, what));
    if (!found.empty()) return Status::Ok();
    return Exec("CREATE SCHEMA " + QuoteIdentifier(schema), what);
  }

  // A partitioned table with its partitions. A partition key the output cannot have (over
  // a column it lacks: an error of class 42) leaves the table, or the partition, plain;
  // `table.partition_by` is then cleared and the caller creates a plain table.
  Status CreatePartitionedTable(const TableSchema& schema, const std::vector<std::string>& columns,
                                OutputTable& table) {
    if (table.partition_by.empty()) return Status::Ok();
    const std::string what = fmt::format("creating table {}", table.name.Sql());
    VEIL_ASSIGN_OR_RETURN(const auto created,
                          target_->session.TryRows(CreateTableSql(table, columns), {}, what));
    if (!created) {
      table.partition_by.clear();
      return Status::Ok();
    }
    std::set<std::string> partitioned = {schema.name};
    for (const auto& partition : schema.partitions) {
      if (!partitioned.count(partition.parent)) continue;  // its parent is a plain table
      const TableName name = SplitTableName(partition.name);
      VEIL_RETURN_IF_ERROR(PrepareSchema(name.schema));
      const std::string create = fmt::format("creating partition {}", name.Sql());
      VEIL_ASSIGN_OR_RETURN(const auto done,
                            target_->session.TryRows(PartitionSql(partition, true), {}, create));
      if (done && !partition.partition_by.empty()) partitioned.insert(partition.name);
      if (!done) VEIL_RETURN_IF_ERROR(Exec(PartitionSql(partition, false), create));
    }
    return Status::Ok();
  }

  // Creates, once per run, the user types the output's columns need, each in its schema
  // (prepared first). A type the target already has is used as it is; one the server
  // refuses to create (class 42, e.g. a function it lacks) is left out, and the columns
  // needing it become text.
  Status CreateTypes(const TableSchema& schema, const std::set<std::string>& output) {
    for (const auto& type : schema.types) {
      const bool needed = std::any_of(type.columns.begin(), type.columns.end(),
                                      [&](const std::string& c) { return output.count(c) > 0; });
      const std::string name = QuoteIdentifier(type.schema) + "." + QuoteIdentifier(type.name);
      if (!needed || !types_created_.insert(name).second) continue;
      VEIL_RETURN_IF_ERROR(PrepareSchema(type.schema));
      VEIL_ASSIGN_OR_RETURN(const std::string found, TypeSchema(name));
      if (!found.empty()) continue;
      VEIL_RETURN_IF_ERROR(
          target_->session.TryRows(type.create_sql, {}, fmt::format("creating type {}", name))
              .status());
    }
    return Status::Ok();
  }

  Result<std::string> ColumnDefinition(const TableName& table, const TableSchema& schema,
                                       const ColumnSchema& column,
                                       std::vector<std::string>& after) {
    VEIL_ASSIGN_OR_RETURN(const std::string type, ColumnType(column.declared_type));
    // What is written for a type the target lacks would not fit the replacement.
    const bool exact = type == column.declared_type;
    std::string definition = QuoteIdentifier(column.name) + " " + type;
    if (exact) {
      VEIL_ASSIGN_OR_RETURN(definition, WithCollation(std::move(definition), column));
    }
    const bool identity = exact && !column.identity.empty() && IsIntegerType(type);
    if (identity) {
      definition += " GENERATED " + column.identity + " AS IDENTITY";
      if (!column.identity_options.empty()) definition += " (" + column.identity_options + ")";
      identities_.emplace_back(table.Sql(), column.name);
    }
    if (column.not_null) definition += " NOT NULL";
    if (column.default_sql && exact && !identity) {
      VEIL_RETURN_IF_ERROR(CreateSequences(table, schema, column, after));
      definition += " DEFAULT (" + *column.default_sql + ")";
    }
    return definition;
  }

  // nullopt if the column's type is one the target lacks: its expression would not fit.
  Result<std::optional<std::string>> GeneratedDefinition(const GeneratedColumnSchema& generated) {
    const ColumnSchema& column = generated.column;
    VEIL_ASSIGN_OR_RETURN(const std::string type, ColumnType(column.declared_type));
    if (type != column.declared_type) return std::optional<std::string>();
    VEIL_ASSIGN_OR_RETURN(std::string definition,
                          WithCollation(QuoteIdentifier(column.name) + " " + type, column));
    definition += " GENERATED ALWAYS AS (" + generated.expression + ") STORED";
    if (column.not_null) definition += " NOT NULL";
    return std::optional<std::string>(std::move(definition));
  }

  // The column's collation is kept if the target has it.
  Result<std::string> WithCollation(std::string definition, const ColumnSchema& column) {
    if (column.collation.empty()) return definition;
    auto known = collations_.find(column.collation);
    if (known == collations_.end()) {
      VEIL_ASSIGN_OR_RETURN(const std::vector<Row> found,
                            Query(kCollationSql, {column.collation},
                                  fmt::format("looking up collation {}", column.collation)));
      known = collations_.emplace(column.collation, !found.empty()).first;
    }
    if (known->second) definition += " COLLATE " + column.collation;
    return definition;
  }

  Status AddComments(const OutputTable& table, const TableSchema& schema) const {
    const std::string what = fmt::format("commenting on table {}", table.name.Sql());
    if (!schema.comment.empty()) {
      VEIL_RETURN_IF_ERROR(Exec(CommentSql(table, nullptr, schema.comment), what));
    }
    std::vector<const ColumnSchema*> columns;
    for (const auto& column : schema.columns) columns.push_back(&column);
    for (const auto& generated : schema.generated_columns) columns.push_back(&generated.column);
    for (const auto* column : columns) {
      if (column->comment.empty() || !table.columns.count(column->name)) continue;
      VEIL_RETURN_IF_ERROR(Exec(CommentSql(table, &column->name, column->comment), what));
    }
    return Status::Ok();
  }

  // The declared type if the target knows it, else bytea for "blob" and text otherwise.
  Result<std::string> ColumnType(const std::string& declared) {
    if (declared.empty()) return std::string("text");
    if (const auto it = types_.find(declared); it != types_.end()) return it->second;
    VEIL_ASSIGN_OR_RETURN(std::string schema, TypeSchema(declared));
    if (!schema.empty() && !IsSystemSchema(schema) && !prepared_.count(schema)) {
      // With --force, preparing the type's schema may drop the type: look again.
      VEIL_RETURN_IF_ERROR(PrepareSchema(schema));
      VEIL_ASSIGN_OR_RETURN(schema, TypeSchema(declared));
    }
    std::string lower = declared;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::string type = !schema.empty() ? declared : lower == "blob" ? "bytea" : "text";
    types_.emplace(declared, type);
    return type;
  }

  // The schema of the type `declared` names; "" if none (or if it does not parse).
  Result<std::string> TypeSchema(const std::string& declared) const {
    VEIL_ASSIGN_OR_RETURN(
        const std::optional<std::vector<Row>> found,
        target_->session.TryRows(kTypeSchemaSql, {declared},
                                 fmt::format("looking up type {}", QuoteIdentifier(declared))));
    return found && !found->empty() ? (*found)[0][0] : std::string();
  }

  // Creates the sequences a column's DEFAULT calls nextval() on, with the options the
  // schema gives (else a plain sequence of the column's integer type); a plain nextval()
  // default of an integer column is advanced in Commit(). A sequence is owned by the
  // column the schema says owns it; without a word from the schema, by its first column
  // in the same schema.
  Status CreateSequences(const TableName& table, const TableSchema& schema,
                         const ColumnSchema& column, std::vector<std::string>& after) {
    for (const auto& written : NextvalNames(*column.default_sql)) {
      const auto spec = std::find_if(schema.sequences.begin(), schema.sequences.end(),
                                     [&](const SequenceSchema& s) { return s.name == written; });
      const bool known = spec != schema.sequences.end();
      VEIL_ASSIGN_OR_RETURN(
          const std::string name,
          CreateSequence(written, known ? " " + spec->options : SequenceAs(column.declared_type)));
      auto use = std::find_if(sequences_.begin(), sequences_.end(),
                              [&](const SequenceUse& s) { return s.name == name; });
      const bool first = use == sequences_.end();
      if (first) use = sequences_.insert(sequences_.end(), SequenceUse{name, {}});
      const bool owner = known ? spec->owned_by == column.name
                               : first && name.rfind(QuoteIdentifier(table.schema) + ".", 0) == 0;
      if (owner) {
        after.push_back(fmt::format("ALTER SEQUENCE {} OWNED BY {}.{}", name, table.Sql(),
                                    QuoteIdentifier(column.name)));
      }
      if (IsPlainNextval(*column.default_sql, written) && IsIntegerType(column.declared_type)) {
        use->columns.emplace_back(table.Sql(), column.name);
      }
    }
    return Status::Ok();
  }

  // Returns the sequence's qualified, quoted name.
  Result<std::string> CreateSequence(const std::string& written, const std::string& options) {
    const std::string what = fmt::format("creating sequence {}", written);
    VEIL_ASSIGN_OR_RETURN(const std::vector<Row> parts, Query(kSequenceNameSql, {written}, what));
    if (parts.empty()) return InternalError(fmt::format("{}: {}: no name", label(), what));
    VEIL_RETURN_IF_ERROR(PrepareSchema(parts[0][0]));
    const std::string name = QuoteIdentifier(parts[0][0]) + "." + QuoteIdentifier(parts[0][1]);
    VEIL_RETURN_IF_ERROR(
        Exec(fmt::format("CREATE SEQUENCE IF NOT EXISTS {}{}", name, options), what));
    return name;
  }

  const OutputTable* FindTable(const TableName& name) const {
    for (const auto& table : tables_) {
      if (table.name == name) return &table;
    }
    return nullptr;
  }

  Status FinishLoad() {
    for (const auto& table : tables_) {
      if (table.primary_key.empty()) continue;
      VEIL_RETURN_IF_ERROR(Exec(PrimaryKeySql(table),
                                fmt::format("adding the primary key of {}", table.name.Sql())));
    }
    for (const auto& table : tables_) VEIL_RETURN_IF_ERROR(AddIndexesAndChecks(table));
    for (const auto& table : tables_) VEIL_RETURN_IF_ERROR(AddForeignKeys(table));
    VEIL_RETURN_IF_ERROR(CreateViews());
    for (const auto& sequence : sequences_) {
      if (sequence.columns.empty()) continue;
      VEIL_RETURN_IF_ERROR(
          Exec(AdvanceSql(sequence), fmt::format("advancing sequence {}", sequence.name)));
    }
    for (const auto& [table, column] : identities_) {
      VEIL_RETURN_IF_ERROR(Exec(
          AdvanceIdentitySql(table, column),
          fmt::format("advancing the identity sequence of {}.{}", table, QuoteIdentifier(column))));
    }
    return Status::Ok();
  }

  // Views in rounds, so that one reading another is created after it whatever the
  // source's order; a view the output cannot support (class 42: it reads a dropped
  // column or table) is left out once a round creates nothing more.
  Status CreateViews() {
    std::vector<const ViewSchema*> pending;
    for (const auto& view : views_) {
      VEIL_RETURN_IF_ERROR(PrepareSchema(SplitTableName(view.name).schema));
      pending.push_back(&view);
    }
    for (size_t before = pending.size() + 1; !pending.empty() && pending.size() < before;) {
      before = pending.size();
      std::vector<const ViewSchema*> failed;
      for (const ViewSchema* view : pending) {
        const std::string what = fmt::format("creating view {}", SplitTableName(view->name).Sql());
        VEIL_ASSIGN_OR_RETURN(const auto made,
                              target_->session.TryRows(CreateViewSql(*view), {}, what));
        if (!made) {
          failed.push_back(view);
        } else if (!view->comment.empty() && !withheld_view_comments_.count(view->name)) {
          VEIL_RETURN_IF_ERROR(Exec(ViewCommentSql(*view), what));
        }
      }
      pending = std::move(failed);
    }
    return Status::Ok();
  }

  // Runs a deferred statement; one the output's shape does not allow (an SQL error of
  // class 42, e.g. a CHECK on a column that was dropped) is omitted.
  Status AddOptional(const std::string& sql, const std::string& what) const {
    return target_->session.TryRows(sql, {}, what).status();
  }

  Status AddIndexesAndChecks(const OutputTable& table) const {
    for (const auto& index : table.indexes) {
      VEIL_RETURN_IF_ERROR(AddOptional(IndexSql(table, index),
                                       fmt::format("creating index {} on table {}",
                                                   QuoteIdentifier(index.name), table.name.Sql())));
    }
    for (const auto& check : table.checks) {
      VEIL_RETURN_IF_ERROR(AddOptional(
          CheckSql(table, check), fmt::format("adding a CHECK to table {}", table.name.Sql())));
    }
    return Status::Ok();
  }

  // Adding a foreign key checks the rows against it.
  Status AddForeignKeys(const OutputTable& table) const {
    for (const auto& fk : table.foreign_keys) {
      const TableName parent_name = SplitTableName(fk.referenced_table);
      const OutputTable* parent = FindTable(parent_name);
      if (!parent || !References(fk, *parent)) continue;
      VEIL_RETURN_IF_ERROR(
          AddOptional(ForeignKeySql(table, fk, parent_name),
                      fmt::format("adding a foreign key to table {}", table.name.Sql())));
    }
    return Status::Ok();
  }

  // Rolls back and drops the database if the sink created it. Writers fail from now on.
  void Abandon() {
    target_->Abandon();
    if (created_) created_->Drop();
  }

  std::shared_ptr<Target> target_;
  std::unique_ptr<StagedDatabase> created_;  // null if the database existed
  bool force_;
  bool staged_ = false;  // Prepare() succeeded
  bool committed_ = false;
  std::map<std::string, std::vector<std::string>> clear_;  // per schema (--force)
  std::set<std::string> prepared_;                         // schemas prepared
  std::map<std::string, std::string> types_;               // declared type -> type used
  std::set<std::string> types_created_;                    // user types handled (quoted)
  std::map<std::string, bool> collations_;                 // collation -> the target has it
  std::vector<OutputTable> tables_;
  std::vector<SequenceUse> sequences_;
  std::vector<ViewSchema> views_;
  std::set<std::string> withheld_view_comments_;  // views whose comment held an original
  std::vector<std::pair<std::string, std::string>> identities_;  // (table SQL, column)
};

Result<std::unique_ptr<Sink>> Open(const std::string& conninfo, bool force) {
  VEIL_ASSIGN_OR_RETURN(const ConnectOptions options, ParseConninfo(conninfo));
  ConnPtr conn = Connect(options, nullptr);
  std::unique_ptr<StagedDatabase> created;
  std::string label;
  if (!Connected(conn)) {
    VEIL_ASSIGN_OR_RETURN(created, CreateMissingDatabase(options, conn));
    conn = Connect(options, created->name().c_str());
    if (!Connected(conn)) return ConnectError(conn);  // `created` drops the database
    label = created->label();  // errors name the target, not the staged database
  }
  auto target = std::make_shared<Target>(std::move(conn), label);
  auto sink = std::make_unique<PostgresSink>(std::move(target), std::move(created), force);
  VEIL_RETURN_IF_ERROR(sink->Start());
  return std::unique_ptr<Sink>(std::move(sink));
}

}  // namespace
}  // namespace veil::postgres

namespace veil {

Result<std::unique_ptr<Sink>> OpenPostgresSink(const std::string& conninfo, bool force) {
  return postgres::Open(conninfo, force);
}

}  // namespace veil
