#include "io/postgres/catalog.h"

#include <fmt/format.h>

#include <charconv>
#include <map>
#include <utility>

#include "io/postgres/catalog_types.h"
#include "io/postgres/quote.h"

namespace veil::postgres {
namespace {

constexpr const char* kTablesSql =
    "SELECT c.oid, n.nspname, c.relname, c.relkind = 'p', "
    "pg_catalog.obj_description(c.oid, 'pg_class') "
    "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition "
    "AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname NOT IN ('information_schema', 'veil') "
    "ORDER BY n.nspname COLLATE \"C\", c.relname COLLATE \"C\"";

// Views and materialized views outside the system schemas and extensions, oldest first
// (a view is created after those it reads, unless it was replaced since).
constexpr const char* kViewsSql =
    "SELECT n.nspname, c.relname, pg_catalog.pg_get_viewdef(c.oid), c.relkind = 'm', "
    "pg_catalog.obj_description(c.oid, 'pg_class') "
    "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "WHERE c.relkind IN ('v', 'm') "
    "AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname NOT IN ('information_schema', 'veil') "
    "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = "
    "'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid AND d.deptype = 'e') "
    "ORDER BY c.oid";

// The base type of a domain is what decides a cell's kind. An identity column's options
// come from the sequence that depends on it internally.
constexpr const char* kColumnsSql = R"sql(SELECT a.attnum, a.attname,
  pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull,
  pg_catalog.pg_get_expr(d.adbin, d.adrelid),
  CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END,
  a.attidentity::text, a.attgenerated::text,
  CASE WHEN a.attcollation <> t.typcollation
       THEN pg_catalog.format('%I.%I', cn.nspname, co.collname) END,
  pg_catalog.col_description(a.attrelid, a.attnum),
  (SELECT pg_catalog.format(
            'SEQUENCE NAME %I.%I START WITH %s INCREMENT BY %s MINVALUE %s MAXVALUE %s CACHE %s%s',
            sn.nspname, sc.relname, s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache,
            CASE WHEN s.seqcycle THEN ' CYCLE' ELSE ' NO CYCLE' END)
   FROM pg_catalog.pg_depend dep JOIN pg_catalog.pg_sequence s ON s.seqrelid = dep.objid
   JOIN pg_catalog.pg_class sc ON sc.oid = s.seqrelid
   JOIN pg_catalog.pg_namespace sn ON sn.oid = sc.relnamespace
   WHERE dep.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
     AND dep.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
     AND dep.refobjid = a.attrelid AND dep.refobjsubid = a.attnum AND dep.deptype = 'i'
   LIMIT 1)
FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum)sql";

// The other columns each column's default (or generation expression) reads.
constexpr const char* kExpressionColumnsSql = R"sql(SELECT d.adnum, a.attname
FROM pg_catalog.pg_attrdef d
JOIN pg_catalog.pg_depend dep ON dep.classid = 'pg_catalog.pg_attrdef'::pg_catalog.regclass
  AND dep.objid = d.oid AND dep.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
  AND dep.refobjid = d.adrelid AND dep.refobjsubid > 0 AND dep.refobjsubid <> d.adnum
JOIN pg_catalog.pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = dep.refobjsubid
WHERE d.adrelid = $1 ORDER BY d.adnum, a.attnum)sql";

// The sequences the defaults call, named as a regclass prints (as in the defaults), and
// the column of this table owning each, if any.
constexpr const char* kSequencesSql = R"sql(SELECT seq.oid::pg_catalog.regclass::text,
  pg_catalog.format('AS %s START WITH %s INCREMENT BY %s MINVALUE %s MAXVALUE %s CACHE %s%s',
    pg_catalog.format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax,
    s.seqcache, CASE WHEN s.seqcycle THEN ' CYCLE' ELSE ' NO CYCLE' END),
  (SELECT oa.attname FROM pg_catalog.pg_depend od
   JOIN pg_catalog.pg_attribute oa ON oa.attrelid = od.refobjid AND oa.attnum = od.refobjsubid
   WHERE od.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND od.objid = seq.oid
     AND od.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND od.refobjid = $1
     AND od.deptype = 'a' LIMIT 1)
FROM (SELECT DISTINCT dep.refobjid AS oid FROM pg_catalog.pg_attrdef d
      JOIN pg_catalog.pg_depend dep ON dep.objid = d.oid
        AND dep.classid = 'pg_catalog.pg_attrdef'::pg_catalog.regclass
        AND dep.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
      WHERE d.adrelid = $1) used
JOIN pg_catalog.pg_class seq ON seq.oid = used.oid AND seq.relkind = 'S'
JOIN pg_catalog.pg_sequence s ON s.seqrelid = seq.oid
ORDER BY seq.oid::pg_catalog.regclass::text COLLATE "C")sql";

constexpr const char* kPrimaryKeySql =
    "SELECT k.attnum, k.position, c.conname FROM pg_catalog.pg_constraint c "
    "CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, position) "
    "WHERE c.conrelid = $1 AND c.contype = 'p'";

// Constraints cloned onto the partitions of a referenced table have a parent; the
// original is the one to report.
constexpr const char* kForeignKeysSql =
    "SELECT c.conname, a.attname, fa.attname, fn.nspname, fc.relname, c.confdeltype, "
    "c.confupdtype, pg_catalog.pg_get_constraintdef(c.oid) FROM pg_catalog.pg_constraint c "
    "CROSS JOIN LATERAL unnest(c.conkey, c.confkey) WITH ORDINALITY AS k(attnum, fattnum, pos) "
    "JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum "
    "JOIN pg_catalog.pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = k.fattnum "
    "JOIN pg_catalog.pg_class fc ON fc.oid = c.confrelid "
    "JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace "
    "WHERE c.conrelid = $1 AND c.contype = 'f' AND c.conparentid = 0 "
    "ORDER BY c.conname COLLATE \"C\", k.pos";

constexpr const char* kIndexesSql =
    "SELECT i.indexrelid, ic.relname, i.indisunique, pg_catalog.pg_get_indexdef(i.indexrelid), "
    "con.contype::text, pg_catalog.pg_get_constraintdef(con.oid) FROM pg_catalog.pg_index i "
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
    "SELECT pg_catalog.format('CONSTRAINT %I %s', c.conname, "
    "pg_catalog.pg_get_constraintdef(c.oid)) "
    "FROM pg_catalog.pg_constraint c "
    "WHERE c.conrelid = $1 AND c.contype = 'c' ORDER BY c.conname COLLATE \"C\"";

// A partitioned table's partitions at every level, parents first.
constexpr const char* kPartitionsSql = R"sql(SELECT * FROM (
WITH RECURSIVE tree(oid, parent, depth) AS (
  SELECT i.inhrelid, i.inhparent, 1 FROM pg_catalog.pg_inherits i WHERE i.inhparent = $1
  UNION ALL
  SELECT i.inhrelid, i.inhparent, t.depth + 1
  FROM tree t JOIN pg_catalog.pg_inherits i ON i.inhparent = t.oid WHERE t.depth < 32
)
SELECT n.nspname, c.relname, pn.nspname, p.relname,
  pg_catalog.pg_get_expr(c.relpartbound, c.oid),
  CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END, t.depth
FROM tree t JOIN pg_catalog.pg_class c ON c.oid = t.oid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_class p ON p.oid = t.parent
JOIN pg_catalog.pg_namespace pn ON pn.oid = p.relnamespace
WHERE c.relispartition
) AS partitions ORDER BY 7, 1, 2)sql";

// pg_partition_tree() lists nothing for a table that is not partitioned.
constexpr const char* kEstimateSql = R"sql(SELECT CASE WHEN c.relkind <> 'p'
            THEN CASE WHEN c.reltuples >= 0 THEN c.reltuples::pg_catalog.int8 ELSE -1 END
            ELSE (SELECT CASE WHEN count(*) = 0 THEN 0
                              WHEN bool_and(l.reltuples >= 0) THEN sum(l.reltuples)::pg_catalog.int8
                              ELSE -1 END
                  FROM pg_catalog.pg_partition_tree(c.oid) p
                  JOIN pg_catalog.pg_class l ON l.oid = p.relid WHERE p.isleaf) END
FROM pg_catalog.pg_class c WHERE c.oid = $1)sql";

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

std::string TableName(const std::string& schema, const std::string& table) {
  if (schema == "public" && table.find('.') == std::string::npos) return table;
  return schema + "." + table;
}

// What ReadShape() is reading, for error messages.
struct Reading {
  const Connection& conn;
  const Relation& rel;
  std::string what;

  Result<ResultPtr> Query(const std::string& sql) const { return conn.Query(sql, {rel.oid}, what); }
};

// Reads the columns, generated ones apart; returns each attribute number's column name.
Result<std::map<int64_t, std::string>> ReadColumns(const Reading& in, TableShape& shape) {
  VEIL_ASSIGN_OR_RETURN(ResultPtr result, in.Query(kColumnsSql));
  const PGresult* r = result.get();
  std::map<int64_t, std::string> names;
  for (int row = 0; row < PQntuples(r); ++row) {
    ColumnSchema column;
    column.position = static_cast<int>(Integer(r, row, 0));
    column.name = Text(r, row, 1);
    column.declared_type = Text(r, row, 2);
    column.not_null = PgText(r, row, 3) == "t";
    const std::string_view identity = PgText(r, row, 6);
    column.identity = identity == "a" ? "ALWAYS" : identity == "d" ? "BY DEFAULT" : "";
    if (!column.identity.empty()) column.identity_options = Text(r, row, 10);
    column.collation = Text(r, row, 8);
    column.comment = Text(r, row, 9);
    names.emplace(column.position, column.name);
    if (PgText(r, row, 7) == "s") {
      shape.schema.generated_columns.push_back({std::move(column), Text(r, row, 4)});
      continue;
    }
    if (!PgIsNull(r, row, 4)) column.default_sql = Text(r, row, 4);
    shape.kinds.push_back(KindOfType(Integer(r, row, 5)));
    shape.schema.columns.push_back(std::move(column));
  }
  return names;
}

Status ReadGeneratedColumnInputs(const Reading& in, const std::map<int64_t, std::string>& names,
                                 TableSchema& schema) {
  if (schema.generated_columns.empty()) return Status::Ok();
  VEIL_ASSIGN_OR_RETURN(ResultPtr result, in.Query(kExpressionColumnsSql));
  for (int row = 0; row < PQntuples(result.get()); ++row) {
    const auto name = names.find(Integer(result.get(), row, 0));
    for (auto& generated : schema.generated_columns) {
      if (name != names.end() && generated.column.name == name->second) {
        generated.columns.push_back(Text(result.get(), row, 1));
      }
    }
  }
  return Status::Ok();
}

Status ReadSequences(const Reading& in, TableSchema& schema) {
  VEIL_ASSIGN_OR_RETURN(ResultPtr result, in.Query(kSequencesSql));
  for (int row = 0; row < PQntuples(result.get()); ++row) {
    schema.sequences.push_back(
        {Text(result.get(), row, 0), Text(result.get(), row, 1), Text(result.get(), row, 2)});
  }
  return Status::Ok();
}

Status ReadPrimaryKey(const Reading& in, const std::map<int64_t, std::string>& names,
                      TableSchema& schema) {
  VEIL_ASSIGN_OR_RETURN(ResultPtr result, in.Query(kPrimaryKeySql));
  for (int row = 0; row < PQntuples(result.get()); ++row) {
    schema.primary_key_name = Text(result.get(), row, 2);
    const auto name = names.find(Integer(result.get(), row, 0));
    if (name == names.end()) continue;
    const int c = schema.ColumnIndex(name->second);
    if (c >= 0) {
      schema.columns[c].primary_key_position = static_cast<int>(Integer(result.get(), row, 1));
    }
  }
  return Status::Ok();
}

Status ReadForeignKeys(const Reading& in, TableSchema& schema) {
  VEIL_ASSIGN_OR_RETURN(ResultPtr result, in.Query(kForeignKeysSql));
  for (int row = 0; row < PQntuples(result.get()); ++row) {
    const PGresult* r = result.get();
    if (schema.foreign_keys.empty() || PgText(r, row, 0) != schema.foreign_keys.back().name) {
      ForeignKeySchema fk;
      fk.name = Text(r, row, 0);
      fk.referenced_table = TableName(Text(r, row, 3), Text(r, row, 4));
      fk.on_delete = ForeignKeyAction(PgText(r, row, 5));
      fk.on_update = ForeignKeyAction(PgText(r, row, 6));
      fk.definition = Text(r, row, 7);
      schema.foreign_keys.push_back(std::move(fk));
    }
    schema.foreign_keys.back().columns.push_back(Text(r, row, 1));
    schema.foreign_keys.back().referenced_columns.push_back(Text(r, row, 2));
  }
  return Status::Ok();
}

Status ReadIndexes(const Reading& in, TableSchema& schema) {
  VEIL_ASSIGN_OR_RETURN(ResultPtr columns, in.Query(kIndexColumnsSql));
  std::map<std::string, std::vector<std::string>> columns_by_index;
  for (int row = 0; row < PQntuples(columns.get()); ++row) {
    columns_by_index[Text(columns.get(), row, 0)].push_back(Text(columns.get(), row, 1));
  }
  VEIL_ASSIGN_OR_RETURN(ResultPtr result, in.Query(kIndexesSql));
  for (int row = 0; row < PQntuples(result.get()); ++row) {
    const PGresult* r = result.get();
    const bool constraint = !PgIsNull(r, row, 4);
    if (constraint && PgText(r, row, 4) == "p") continue;  // the primary key
    IndexSchema index;
    index.name = Text(r, row, 1);
    index.unique = PgText(r, row, 2) == "t";
    if (constraint) {
      index.definition = Text(r, row, 5);
    } else {
      index.create_sql = Text(r, row, 3);
      // The index of a partitioned table, as printed, would not cover the partitions.
      const size_t named = index.create_sql.find("INDEX ") + 6 + index.name.size();
      if (const size_t only = index.create_sql.find(" ON ONLY ", named);
          in.rel.partitioned && only != std::string::npos) {
        index.create_sql.erase(only + 3, 5);
      }
    }
    index.columns = columns_by_index[Text(r, row, 0)];
    schema.indexes.push_back(std::move(index));
  }
  return Status::Ok();
}

Status ReadPartitions(const Reading& in, TableSchema& schema) {
  if (!in.rel.partitioned) return Status::Ok();
  VEIL_ASSIGN_OR_RETURN(ResultPtr key, in.conn.Query("SELECT pg_catalog.pg_get_partkeydef($1)",
                                                     {in.rel.oid}, in.what));
  if (PQntuples(key.get()) == 1) schema.partition_by = Text(key.get(), 0, 0);
  VEIL_ASSIGN_OR_RETURN(ResultPtr result, in.Query(kPartitionsSql));
  const PGresult* r = result.get();
  for (int row = 0; row < PQntuples(r); ++row) {
    schema.partitions.push_back({TableName(Text(r, row, 0), Text(r, row, 1)),
                                 TableName(Text(r, row, 2), Text(r, row, 3)), Text(r, row, 4),
                                 Text(r, row, 5)});
  }
  return Status::Ok();
}

Status ReadChecks(const Reading& in, TableSchema& schema) {
  VEIL_ASSIGN_OR_RETURN(ResultPtr result, in.Query(kChecksSql));
  for (int row = 0; row < PQntuples(result.get()); ++row) {
    schema.check_constraints.push_back(Text(result.get(), row, 0));
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<Relation>> ReadRelations(const Connection& conn) {
  VEIL_ASSIGN_OR_RETURN(ResultPtr result, conn.Query(kTablesSql, {}, "listing tables"));
  std::vector<Relation> relations;
  for (int row = 0; row < PQntuples(result.get()); ++row) {
    Relation relation;
    relation.oid = Text(result.get(), row, 0);
    relation.schema = Text(result.get(), row, 1);
    relation.table = Text(result.get(), row, 2);
    relation.partitioned = PgText(result.get(), row, 3) == "t";
    relation.comment = Text(result.get(), row, 4);
    if (relation.schema.find('.') != std::string::npos) {
      return InputError(fmt::format(
          "{}: schema {} has a dot in its name, so its tables cannot be named schema.table",
          conn.label(), QuoteIdentifier(relation.schema)));
    }
    relation.name = TableName(relation.schema, relation.table);
    relations.push_back(std::move(relation));
  }
  return relations;
}

Result<std::vector<ViewSchema>> ReadViews(const Connection& conn) {
  VEIL_ASSIGN_OR_RETURN(ResultPtr result, conn.Query(kViewsSql, {}, "listing views"));
  std::vector<ViewSchema> views;
  for (int row = 0; row < PQntuples(result.get()); ++row) {
    ViewSchema view;
    view.name = TableName(Text(result.get(), row, 0), Text(result.get(), row, 1));
    view.definition = Text(result.get(), row, 2);
    view.materialized = PgText(result.get(), row, 3) == "t";
    view.comment = Text(result.get(), row, 4);
    views.push_back(std::move(view));
  }
  return views;
}

Result<TableShape> ReadShape(const Connection& conn, const Relation& rel) {
  const Reading in{conn, rel,
                   fmt::format("reading the schema of table {}", QuoteIdentifier(rel.name))};
  TableShape shape;
  shape.schema.name = rel.name;
  shape.schema.comment = rel.comment;
  VEIL_ASSIGN_OR_RETURN(const auto names, ReadColumns(in, shape));
  VEIL_RETURN_IF_ERROR(ReadGeneratedColumnInputs(in, names, shape.schema));
  VEIL_RETURN_IF_ERROR(ReadSequences(in, shape.schema));
  VEIL_RETURN_IF_ERROR(ReadTypes(conn, rel.oid, in.what, shape.schema));
  VEIL_RETURN_IF_ERROR(ReadPrimaryKey(in, names, shape.schema));
  VEIL_RETURN_IF_ERROR(ReadForeignKeys(in, shape.schema));
  VEIL_RETURN_IF_ERROR(ReadIndexes(in, shape.schema));
  VEIL_RETURN_IF_ERROR(ReadChecks(in, shape.schema));
  VEIL_RETURN_IF_ERROR(ReadPartitions(in, shape.schema));
  return shape;
}

int64_t EstimateRows(const Connection& conn, const Relation& rel) {
  auto result = conn.Query(kEstimateSql, {rel.oid}, "estimating rows");
  if (!result.ok() || PQntuples(result->get()) != 1 || PgIsNull(result->get(), 0, 0)) return -1;
  return Integer(result->get(), 0, 0);
}

}  // namespace veil::postgres
