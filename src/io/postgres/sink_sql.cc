#include "io/postgres/sink_sql.h"

#include <fmt/format.h>

#include <algorithm>

#include "io/postgres/quote.h"

namespace veil::postgres {

const char* const kFirstTableSql = R"sql(
SELECT format('%I.%I', n.nspname, c.relname)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname !~ '^pg_'
  AND n.nspname <> 'information_schema'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                  AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY 1 LIMIT 1)sql";

const char* const kClearSql = R"sql(
SELECT n.nspname, format('DROP %s IF EXISTS %I.%I CASCADE', o.kind, n.nspname, o.name)
FROM (
  SELECT c.relnamespace AS ns, c.relname AS name, c.oid, 'pg_class'::regclass AS cls,
         CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
           WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END AS kind,
         CASE c.relkind WHEN 'S' THEN 2 ELSE 1 END AS rank
  FROM pg_class c WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND NOT c.relispartition
  UNION ALL
  SELECT t.typnamespace, t.typname, t.oid, 'pg_type'::regclass, 'TYPE', 3
  FROM pg_type t
  WHERE t.typtype IN ('e', 'd', 'r')
     OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
) o JOIN pg_namespace n ON n.oid = o.ns
WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = o.cls AND d.objid = o.oid
                  AND d.deptype IN ('e', 'i', 'a'))
ORDER BY n.nspname, o.rank, o.name)sql";

const char* const kTypeSchemaSql =
    "SELECT n.nspname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
    "WHERE t.oid = to_regtype($1)";

const char* const kSequenceNameSql =
    "SELECT CASE WHEN cardinality(p) > 1 THEN p[cardinality(p) - 1] ELSE 'public' END, "
    "p[cardinality(p)] FROM parse_ident($1) AS p";

const char* const kSessionSql =
    "SET search_path = public; SET TimeZone = 'UTC'; SET statement_timeout = 0; "
    "SET idle_in_transaction_session_timeout = 0; SET standard_conforming_strings = on";

const char* const kCollationSql =
    "SELECT 1 FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace "
    "WHERE format('%I.%I', n.nspname, c.collname) = $1 "
    "AND c.collencoding IN (-1, pg_char_to_encoding(getdatabaseencoding()))";

bool IsSystemSchema(std::string_view schema) {
  return schema.substr(0, 3) == "pg_" || schema == "information_schema";
}

std::string Join(const std::vector<std::string>& parts) {
  std::string joined;
  for (const auto& part : parts) joined += (joined.empty() ? "" : ", ") + part;
  return joined;
}

std::vector<std::string> NextvalNames(const std::string& default_sql) {
  static constexpr std::string_view kCall = "nextval('";
  static constexpr std::string_view kEnd = "'::regclass)";
  const std::string& sql = default_sql;
  std::vector<std::string> names;
  for (size_t at = sql.find(kCall); at != std::string::npos; at = sql.find(kCall, at)) {
    std::string name;
    size_t i = at + kCall.size();
    for (; i < sql.size() && (sql[i] != '\'' || sql.compare(i, 2, "''") == 0); ++i) {
      name += sql[i];
      if (sql[i] == '\'') ++i;
    }
    if (sql.compare(i, kEnd.size(), kEnd) == 0) names.push_back(name);
    at = i;
  }
  return names;
}

bool IsPlainNextval(const std::string& default_sql, const std::string& name) {
  return default_sql == "nextval(" + QuoteLiteral(name) + "::regclass)";
}

std::string SequenceAs(const std::string& column_type) {
  if (column_type == "integer" || column_type == "smallint") return " AS " + column_type;
  return "";
}

bool IsIntegerType(const std::string& type) {
  return type == "integer" || type == "smallint" || type == "bigint";
}

namespace {

bool AllIn(const std::vector<std::string>& names, const std::set<std::string>& set) {
  return std::all_of(names.begin(), names.end(),
                     [&](const std::string& name) { return set.count(name) > 0; });
}

}  // namespace

std::vector<const GeneratedColumnSchema*> KeptGeneratedColumns(const TableSchema& schema) {
  std::set<std::string> names;
  for (const auto& column : schema.columns) names.insert(column.name);
  std::vector<const GeneratedColumnSchema*> kept;
  for (const auto& generated : schema.generated_columns) {
    if (AllIn(generated.columns, names)) kept.push_back(&generated);
  }
  return kept;
}

OutputTable DescribeOutput(const TableName& name, const TableSchema& schema) {
  OutputTable table{
      name, {}, {}, {}, {}, schema.check_constraints, schema.primary_key_name, schema.partition_by};
  std::vector<std::pair<int, std::string>> key;
  for (const auto& column : schema.columns) {
    table.columns.insert(column.name);
    if (column.primary_key_position > 0) key.emplace_back(column.primary_key_position, column.name);
  }
  for (const auto* generated : KeptGeneratedColumns(schema)) {
    table.columns.insert(generated->column.name);
  }
  std::sort(key.begin(), key.end());
  for (auto& entry : key) table.primary_key.push_back(std::move(entry.second));
  for (const auto& index : schema.indexes) {
    const bool buildable = !index.create_sql.empty() || !index.columns.empty();
    if (buildable && AllIn(index.columns, table.columns)) table.indexes.push_back(index);
  }
  for (const auto& fk : schema.foreign_keys) {
    if (!fk.columns.empty() && AllIn(fk.columns, table.columns)) table.foreign_keys.push_back(fk);
  }
  return table;
}

bool References(const ForeignKeySchema& fk, const OutputTable& parent) {
  if (fk.referenced_columns.empty()) return parent.primary_key.size() == fk.columns.size();
  return fk.referenced_columns.size() == fk.columns.size() &&
         AllIn(fk.referenced_columns, parent.columns);
}

std::vector<std::string> InTableOrder(std::vector<std::pair<int, std::string>> definitions) {
  const bool known = std::all_of(definitions.begin(), definitions.end(),
                                 [](const auto& definition) { return definition.first > 0; });
  if (known) {
    std::stable_sort(definitions.begin(), definitions.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
  }
  std::vector<std::string> ordered;
  for (auto& definition : definitions) ordered.push_back(std::move(definition.second));
  return ordered;
}

std::string CreateTableSql(const OutputTable& table,
                           const std::vector<std::string>& column_definitions) {
  const std::string partitioning =
      table.partition_by.empty() ? "" : " PARTITION BY " + table.partition_by;
  return fmt::format("CREATE TABLE {} ({}){}", table.name.Sql(), Join(column_definitions),
                     partitioning);
}

std::string PrimaryKeySql(const OutputTable& table) {
  if (table.primary_key.empty()) return "";
  const std::string name = table.primary_key_name.empty()
                               ? ""
                               : "CONSTRAINT " + QuoteIdentifier(table.primary_key_name) + " ";
  return fmt::format("ALTER TABLE {} ADD {}PRIMARY KEY {}", table.name.Sql(), name,
                     QuotedList(table.primary_key));
}

std::string IndexSql(const OutputTable& table, const IndexSchema& index) {
  if (!index.create_sql.empty()) return index.create_sql;
  const std::string name =
      index.name.empty() ? "" : "CONSTRAINT " + QuoteIdentifier(index.name) + " ";
  if (!index.definition.empty()) {
    return fmt::format("ALTER TABLE {} ADD {}{}", table.name.Sql(), name, index.definition);
  }
  if (index.unique) {
    return fmt::format("ALTER TABLE {} ADD {}UNIQUE {}", table.name.Sql(), name,
                       QuotedList(index.columns));
  }
  return fmt::format("CREATE INDEX {}ON {} {}",
                     index.name.empty() ? "" : QuoteIdentifier(index.name) + " ", table.name.Sql(),
                     QuotedList(index.columns));
}

std::string ForeignKeySql(const OutputTable& table, const ForeignKeySchema& fk,
                          const TableName& parent) {
  const std::string name = fk.name.empty() ? "" : "CONSTRAINT " + QuoteIdentifier(fk.name) + " ";
  if (!fk.definition.empty()) {
    return fmt::format("ALTER TABLE {} ADD {}{}", table.name.Sql(), name, fk.definition);
  }
  std::string sql = fmt::format("ALTER TABLE {} ADD {}FOREIGN KEY {} REFERENCES {}",
                                table.name.Sql(), name, QuotedList(fk.columns), parent.Sql());
  if (!fk.referenced_columns.empty()) sql += " " + QuotedList(fk.referenced_columns);
  if (!fk.on_delete.empty()) sql += " ON DELETE " + fk.on_delete;
  if (!fk.on_update.empty()) sql += " ON UPDATE " + fk.on_update;
  return sql;
}

std::string CheckSql(const OutputTable& table, const std::string& check) {
  return fmt::format("ALTER TABLE {} ADD {}", table.name.Sql(), check);
}

std::string PartitionSql(const PartitionSchema& partition, bool partitioned) {
  std::string sql =
      fmt::format("CREATE TABLE {} PARTITION OF {} {}", SplitTableName(partition.name).Sql(),
                  SplitTableName(partition.parent).Sql(), partition.bound);
  if (partitioned && !partition.partition_by.empty())
    sql += " PARTITION BY " + partition.partition_by;
  return sql;
}

std::string RemoveSchemaTextSql(const SchemaText& text) {
  const std::string owner = SplitTableName(text.owner).Sql();
  switch (text.kind) {
    case SchemaTextKind::kColumnDefault:
      return fmt::format("ALTER TABLE {} ALTER COLUMN {} DROP DEFAULT", owner,
                         QuoteIdentifier(text.column));
    case SchemaTextKind::kTableComment:
      return fmt::format("COMMENT ON TABLE {} IS NULL", owner);
    case SchemaTextKind::kColumnComment:
      return fmt::format("COMMENT ON COLUMN {}.{} IS NULL", owner, QuoteIdentifier(text.column));
    case SchemaTextKind::kViewComment:
      return fmt::format("COMMENT ON {}VIEW {} IS NULL",
                         text.item == "materialized" ? "MATERIALIZED " : "", owner);
    default:
      return "";
  }
}

std::string CommentSql(const OutputTable& table, const std::string* column,
                       const std::string& comment) {
  if (column == nullptr) {
    return fmt::format("COMMENT ON TABLE {} IS {}", table.name.Sql(), QuoteLiteral(comment));
  }
  return fmt::format("COMMENT ON COLUMN {}.{} IS {}", table.name.Sql(), QuoteIdentifier(*column),
                     QuoteLiteral(comment));
}

namespace {

// Sets the sequence `regclass` (an SQL expression) to `maximum` (an SQL expression).
std::string SetvalSql(const std::string& regclass, const std::string& maximum) {
  return fmt::format(
      "SELECT setval(s.seqrelid, x.m) FROM (SELECT {} AS m) AS x "
      "JOIN pg_sequence s ON s.seqrelid = {} "
      "WHERE s.seqincrement > 0 AND x.m >= s.seqstart AND x.m <= s.seqmax",
      maximum, regclass);
}

}  // namespace

std::string AdvanceSql(const SequenceUse& sequence) {
  std::vector<std::string> maxima;
  for (const auto& [table, column] : sequence.columns) {
    maxima.push_back(fmt::format("(SELECT max({}) FROM {})", QuoteIdentifier(column), table));
  }
  return SetvalSql(QuoteLiteral(sequence.name) + "::regclass", "GREATEST(" + Join(maxima) + ")");
}

std::string AdvanceIdentitySql(const std::string& table, const std::string& column) {
  return SetvalSql(fmt::format("pg_get_serial_sequence({}, {})::regclass", QuoteLiteral(table),
                               QuoteLiteral(column)),
                   fmt::format("(SELECT max({}) FROM {})", QuoteIdentifier(column), table));
}

std::string CreateViewSql(const ViewSchema& view) {
  std::string definition = view.definition;
  while (!definition.empty() &&
         (definition.back() == ';' || definition.back() == ' ' || definition.back() == '\n')) {
    definition.pop_back();
  }
  return fmt::format("CREATE {}VIEW {} AS {}", view.materialized ? "MATERIALIZED " : "",
                     SplitTableName(view.name).Sql(), definition);
}

std::string ViewCommentSql(const ViewSchema& view) {
  if (view.comment.empty()) return "";
  return fmt::format("COMMENT ON {}VIEW {} IS {}", view.materialized ? "MATERIALIZED " : "",
                     SplitTableName(view.name).Sql(), QuoteLiteral(view.comment));
}

}  // namespace veil::postgres
