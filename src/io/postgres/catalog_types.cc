#include "io/postgres/catalog_types.h"

#include <string>

namespace veil::postgres {
namespace {

// The user types the columns need, following arrays to their elements, domains to their
// base types, composite types to their attributes' types and (multi)ranges to their
// subtypes: one row per type and column, deepest types (used by the others) first.
constexpr const char* kTypesSql = R"sql(SELECT * FROM (
WITH RECURSIVE uses(type_oid, column_name, depth) AS (
  SELECT a.atttypid, a.attname, 0 FROM pg_catalog.pg_attribute a
  WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped
  UNION ALL
  SELECT next.oid, u.column_name, u.depth + 1
  FROM uses u JOIN pg_catalog.pg_type t ON t.oid = u.type_oid
  CROSS JOIN LATERAL (
    SELECT t.typelem WHERE t.typelem <> 0 AND t.typlen = -1
    UNION ALL SELECT t.typbasetype WHERE t.typtype = 'd'
    UNION ALL SELECT ca.atttypid FROM pg_catalog.pg_attribute ca
      WHERE t.typtype = 'c' AND ca.attrelid = t.typrelid AND ca.attnum > 0
        AND NOT ca.attisdropped
    UNION ALL SELECT r.rngsubtype FROM pg_catalog.pg_range r WHERE r.rngtypid = t.oid
    $MULTIRANGE_RANGE
  ) AS next(oid)
  WHERE u.depth < 32
), needed AS (
  SELECT u.type_oid, u.column_name, max(u.depth) OVER (PARTITION BY u.type_oid) AS depth
  FROM uses u JOIN pg_catalog.pg_type t ON t.oid = u.type_oid
  JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
  LEFT JOIN pg_catalog.pg_class tc ON tc.oid = t.typrelid
  WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
    AND (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND tc.relkind = 'c'))
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e
                    WHERE e.classid = 'pg_catalog.pg_type'::pg_catalog.regclass
                      AND e.objid = t.oid AND e.deptype = 'e')
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_range r
                    WHERE r.rngtypid = t.oid AND r.rngcanonical <> 0)
)
SELECT DISTINCT n.nspname, t.typname, $CREATE, x.column_name, x.depth
FROM needed x JOIN pg_catalog.pg_type t ON t.oid = x.type_oid
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
) AS types ORDER BY 5 DESC, 1, 2, 4)sql";

// Multirange types (PostgreSQL 14 and later): a column of one needs its range type, which
// is created with the multirange's name.
constexpr const char* kMultirangeRangeSql =
    "UNION ALL SELECT r.rngtypid FROM pg_catalog.pg_range r WHERE r.rngmultitypid = t.oid";
constexpr const char* kMultirangeNameSql =
    "(SELECT pg_catalog.format(', MULTIRANGE_TYPE_NAME = %I.%I', mn.nspname, mt.typname) "
    "FROM pg_catalog.pg_type mt JOIN pg_catalog.pg_namespace mn ON mn.oid = mt.typnamespace "
    "WHERE mt.oid = r.rngmultitypid)";

// The CREATE statement of type t (in schema n), for kTypesSql.
constexpr const char* kCreateTypeSql = R"sql(CASE t.typtype
WHEN 'e' THEN pg_catalog.format('CREATE TYPE %I.%I AS ENUM (%s)', n.nspname, t.typname,
  (SELECT coalesce(pg_catalog.string_agg(pg_catalog.quote_literal(e.enumlabel), ', '
                                         ORDER BY e.enumsortorder), '')
   FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid))
WHEN 'd' THEN pg_catalog.format('CREATE DOMAIN %I.%I AS %s', n.nspname, t.typname,
    pg_catalog.format_type(t.typbasetype, t.typtypmod))
  || coalesce((SELECT pg_catalog.format(' COLLATE %I.%I', ccn.nspname, cco.collname)
               FROM pg_catalog.pg_type bt, pg_catalog.pg_collation cco
               JOIN pg_catalog.pg_namespace ccn ON ccn.oid = cco.collnamespace
               WHERE bt.oid = t.typbasetype AND cco.oid = t.typcollation
                 AND t.typcollation <> bt.typcollation), '')
  || coalesce(' DEFAULT ' || pg_catalog.pg_get_expr(t.typdefaultbin, 0), '')
  || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END
  || coalesce((SELECT pg_catalog.string_agg(pg_catalog.format(' CONSTRAINT %I %s', dc.conname,
                                              pg_catalog.pg_get_constraintdef(dc.oid)), ''
                                            ORDER BY dc.conname COLLATE "C")
               FROM pg_catalog.pg_constraint dc WHERE dc.contypid = t.oid AND dc.contype = 'c'),
              '')
WHEN 'c' THEN pg_catalog.format('CREATE TYPE %I.%I AS (%s)', n.nspname, t.typname,
  (SELECT coalesce(pg_catalog.string_agg(pg_catalog.format('%I %s', ca.attname,
       pg_catalog.format_type(ca.atttypid, ca.atttypmod))
     || CASE WHEN ca.attcollation <> atyp.typcollation
             THEN (SELECT pg_catalog.format(' COLLATE %I.%I', acn.nspname, aco.collname)
                   FROM pg_catalog.pg_collation aco
                   JOIN pg_catalog.pg_namespace acn ON acn.oid = aco.collnamespace
                   WHERE aco.oid = ca.attcollation) ELSE '' END, ', ' ORDER BY ca.attnum), '')
   FROM pg_catalog.pg_attribute ca JOIN pg_catalog.pg_type atyp ON atyp.oid = ca.atttypid
   WHERE ca.attrelid = t.typrelid AND ca.attnum > 0 AND NOT ca.attisdropped))
WHEN 'r' THEN (SELECT pg_catalog.format('CREATE TYPE %I.%I AS RANGE (SUBTYPE = %s', n.nspname,
                        t.typname, pg_catalog.format_type(r.rngsubtype, NULL))
  || CASE WHEN NOT oc.opcdefault
          THEN pg_catalog.format(', SUBTYPE_OPCLASS = %I.%I', ocn.nspname, oc.opcname)
          ELSE '' END
  || CASE WHEN r.rngcollation <> 0 AND r.rngcollation <> st.typcollation
          THEN (SELECT pg_catalog.format(', COLLATION = %I.%I', rcn.nspname, rco.collname)
                FROM pg_catalog.pg_collation rco
                JOIN pg_catalog.pg_namespace rcn ON rcn.oid = rco.collnamespace
                WHERE rco.oid = r.rngcollation) ELSE '' END
  || CASE WHEN r.rngsubdiff <> 0
          THEN ', SUBTYPE_DIFF = ' || r.rngsubdiff::pg_catalog.regproc::text ELSE '' END
  || $MULTIRANGE_NAME || ')'
  FROM pg_catalog.pg_range r JOIN pg_catalog.pg_opclass oc ON oc.oid = r.rngsubopc
  JOIN pg_catalog.pg_namespace ocn ON ocn.oid = oc.opcnamespace
  JOIN pg_catalog.pg_type st ON st.oid = r.rngsubtype
  WHERE r.rngtypid = t.oid)
END)sql";

std::string Text(const PGresult* result, int row, int column) {
  return std::string(PgText(result, row, column));
}

void Substitute(std::string& sql, std::string_view key, std::string_view value) {
  sql.replace(sql.find(key), key.size(), value);
}

}  // namespace

Status ReadTypes(const Connection& conn, const std::string& oid, std::string_view what,
                 TableSchema& schema) {
  const bool multiranges = PQserverVersion(conn.get()) >= 140000;
  std::string sql = kTypesSql;
  Substitute(sql, "$CREATE", kCreateTypeSql);
  Substitute(sql, "$MULTIRANGE_RANGE", multiranges ? kMultirangeRangeSql : "");
  Substitute(sql, "$MULTIRANGE_NAME", multiranges ? kMultirangeNameSql : "''");
  VEIL_ASSIGN_OR_RETURN(ResultPtr result, conn.Query(sql, {oid}, what));
  const PGresult* r = result.get();
  for (int row = 0; row < PQntuples(r); ++row) {
    if (PgIsNull(r, row, 2)) continue;
    if (schema.types.empty() || schema.types.back().schema != PgText(r, row, 0) ||
        schema.types.back().name != PgText(r, row, 1)) {
      schema.types.push_back({Text(r, row, 0), Text(r, row, 1), Text(r, row, 2)});
    }
    schema.types.back().columns.push_back(Text(r, row, 3));
  }
  return Status::Ok();
}

}  // namespace veil::postgres
