// Helpers for the PostgreSQL sink tests (sink_test.cc and
// sink_commit_test.cc): direct access to the shared test server, independent of
// the sink, and schemas and batches built by hand.
#pragma once

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/batch.h"
#include "core/table_schema.h"
#include "io/postgres/sink.h"
#include "support/postgres_server.h"

namespace veil::postgres {

using Cell = std::optional<std::string>;
using Rows = std::vector<std::vector<Cell>>;

// ---- Direct access to the server, independent of the sink ----

inline testing::PostgresServer& Server() {
  return testing::SharedPostgres();
}
inline std::string Uri(const std::string& db) {
  return Server().Uri(db);
}

// Runs `sql` (one or more statements) on database `db`; returns the rows of the last,
// NULL cells as nullopt (the harness's Query() cannot tell NULL from "<null>").
inline Rows Query(const std::string& db, const std::string& sql) {
  PGconn* conn = PQconnectdb(Uri(db).c_str());
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  Rows rows;
  if (PQstatus(conn) != CONNECTION_OK) {
    ADD_FAILURE() << "cannot connect to " << db << ": " << PQerrorMessage(conn);
    PQfinish(conn);
    return rows;
  }
  PGresult* result = PQexec(conn, sql.c_str());
  const ExecStatusType status = PQresultStatus(result);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    ADD_FAILURE() << sql << ": " << PQresultErrorMessage(result);
  }
  for (int r = 0; r < PQntuples(result); ++r) {
    rows.emplace_back();
    for (int c = 0; c < PQnfields(result); ++c) {
      if (PQgetisnull(result, r, c)) {
        rows.back().emplace_back(std::nullopt);
      } else {
        rows.back().emplace_back(std::string(PQgetvalue(result, r, c), PQgetlength(result, r, c)));
      }
    }
  }
  PQclear(result);
  PQfinish(conn);
  return rows;
}

inline void Execute(const std::string& db, const std::string& sql) {
  (void)Query(db, sql);
}

inline std::string Value(const std::string& db, const std::string& sql) {
  const Rows rows = Query(db, sql);
  if (rows.size() != 1 || rows[0].size() != 1 || !rows[0][0]) return "<no single value>";
  return *rows[0][0];
}

inline bool DatabaseExists(const std::string& name) {
  return !Query("postgres", "SELECT 1 FROM pg_database WHERE datname = '" + name + "'").empty();
}

// A database name for one test, with no database of that name (one may remain from an
// interrupted run of a test process sharing the server).
inline std::string FreshName(const std::string& name) {
  Execute("postgres", "DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
  return name;
}

// `format_type` of each column of `table` (a regclass literal), in order.
inline std::vector<std::string> ColumnTypes(const std::string& db, const std::string& table) {
  std::vector<std::string> types;
  for (const auto& row : Query(db,
                               "SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                               "WHERE attrelid = '" +
                                   table +
                                   "'::regclass AND attnum > 0 AND NOT attisdropped "
                                   "ORDER BY attnum")) {
    types.push_back(row[0].value_or("NULL"));
  }
  return types;
}

// ---- Building schemas and batches ----

inline ColumnSchema Col(std::string name, std::string type, bool not_null = false,
                        std::optional<std::string> default_sql = std::nullopt, int pk = 0) {
  return ColumnSchema{std::move(name), std::move(type), not_null, std::move(default_sql), pk};
}

inline Batch MakeBatch(size_t columns, const Rows& rows, int64_t first_row = 1) {
  Batch batch;
  batch.first_row = first_row;
  batch.Reset(columns);
  for (const auto& row : rows) {
    for (size_t c = 0; c < columns; ++c) {
      if (row[c]) {
        batch.columns[c].Append(*row[c]);
      } else {
        batch.columns[c].AppendNull();
      }
    }
  }
  return batch;
}

inline std::unique_ptr<Sink> OpenOrDie(const std::string& db, bool force = false) {
  auto sink = OpenPostgresSink(Uri(db), force);
  EXPECT_TRUE(sink.ok()) << sink.status().message();
  return sink.ok() ? std::move(sink).value() : nullptr;
}

inline Status WriteTable(Sink& sink, const TableSchema& schema, const std::vector<Batch>& batches) {
  VEIL_ASSIGN_OR_RETURN(auto writer, sink.CreateTable(schema));
  for (const auto& batch : batches) VEIL_RETURN_IF_ERROR(writer->Write(batch));
  return writer->Finish();
}

inline TableSchema People() {
  TableSchema people;
  people.name = "people";
  people.columns = {
      Col("id", "integer", true, "nextval('people_id_seq'::regclass)", 1),
      Col("name", "character varying(20)", true, "'unknown'::character varying"),
      Col("email", "text"),
      Col("score", "numeric(10,2)"),
      Col("born", "timestamp with time zone"),
      Col("active", "boolean", false, "true"),
      Col("photo", "bytea"),
      Col("tags", "integer[]"),
  };
  people.indexes = {
      {"people_email_key", {"email"}, true, ""},
      {"people_lower_name",
       {"name"},
       false,
       "CREATE INDEX people_lower_name ON public.people USING btree (lower((name)::text))"},
      {"people_gone", {"dropped_column"}, false, ""}};
  return people;
}

// The harness never skips: without a server, every test fails saying why.
class PostgresSinkTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(Server().ok()) << Server().error(); }
};

}  // namespace veil::postgres
