#include "io/postgres_source.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "io/postgres_connection.h"
#include "support/postgres_server.h"

namespace veil {
namespace {

using veil::testing::PostgresServer;
using veil::testing::SharedPostgres;

// Every feature the connector must carry: serial, numeric, varchar, arrays, jsonb, uuid,
// timestamptz, enums (in public and in another schema), CHECK constraints, composite
// and absent primary keys, foreign keys with actions, UNIQUE constraints, extra indexes
// (one on an expression), quoted names, a generated column, a partitioned table, NULLs
// and text that COPY must escape. The schema veil, views and partitions are not tables
// to read.
constexpr const char* kFixtureSql = R"sql(
CREATE TYPE mood AS ENUM ('calm', 'tense');
CREATE SCHEMA social;
CREATE TYPE social.tier AS ENUM ('gold', 'silver');
CREATE TABLE people (
  id serial PRIMARY KEY,
  name varchar(12) NOT NULL DEFAULT 'unknown',
  email text,
  balance numeric(10,2) CHECK (balance >= 0),
  tags text[],
  profile jsonb,
  token uuid,
  seen timestamptz DEFAULT now(),
  feeling mood,
  score double precision,
  small smallint,
  big bigint,
  photo bytea,
  CONSTRAINT people_email_key UNIQUE (email)
);
CREATE TABLE visits (
  person_id integer NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  visit_no integer NOT NULL DEFAULT 1,
  note text,
  PRIMARY KEY (visit_no, person_id)
);
CREATE INDEX visits_by_note ON visits (note);
CREATE TABLE "Case Notes" (
  "Note ID" integer PRIMARY KEY,
  "Written By" text NOT NULL,
  person_id integer REFERENCES people (id) ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "Case Notes by author" ON "Case Notes" ("Written By" DESC, lower("Written By"));
CREATE TABLE log (message text, logged_at timestamptz);
CREATE TABLE social.workers (
  id bigint PRIMARY KEY,
  level social.tier NOT NULL DEFAULT 'gold',
  boss bigint REFERENCES social.workers (id),
  person_id integer REFERENCES people (id),
  CHECK (boss <> id)
);
CREATE TABLE big (n integer PRIMARY KEY, label text, twice integer GENERATED ALWAYS AS (n * 2) STORED);
CREATE TABLE events (id integer, kind text) PARTITION BY LIST (kind);
CREATE TABLE events_a PARTITION OF events FOR VALUES IN ('a');
CREATE TABLE events_b PARTITION OF events FOR VALUES IN ('b');
CREATE SCHEMA veil;
CREATE TABLE veil.meta (k text);
CREATE VIEW people_names AS SELECT name FROM people;
CREATE MATERIALIZED VIEW visit_counts AS SELECT person_id, count(*) FROM visits GROUP BY person_id;

INSERT INTO people (name, email, balance, tags, profile, token, seen, feeling, score, small, big,
                    photo)
VALUES ('Ann', 'a@example.org', 1234.50, '{"a b","c,d",NULL,"q\"x"}', '{"b": "x\ty", "a": [1, 2]}',
        'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '2021-03-04 10:00:00+01', 'calm', 0.1, -32768,
        9223372036854775807, '\x00ff10'),
       ('Bob', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO visits VALUES (1, 1, E'tab\there'), (1, 2, E'line\nbreak\r\\back\\slash'),
                          (2, 1, '\N'), (2, 2, ''), (1, 3, NULL);
INSERT INTO "Case Notes" VALUES (10, E'Dr "Who"\b\f\013', 1), (11, 'Zoë 🙂', NULL);
INSERT INTO log VALUES ('started', '2020-01-01 00:00:00+00'), (NULL, NULL);
INSERT INTO social.workers VALUES (1, 'gold', NULL, 1), (2, 'silver', 1, 2);
INSERT INTO big (n, label) SELECT g, 'row ' || g FROM generate_series(1, 10000) AS g;
INSERT INTO events VALUES (1, 'a'), (2, 'b');
INSERT INTO veil.meta VALUES ('not a table to read');
ANALYZE;
)sql";

constexpr const char* kDb = "veil_pg_source";
constexpr const char* kApp = "veil_source_under_test";

// A cell as "i:TEXT" (integer), "r:TEXT" (real), "t:TEXT" (text) or "NULL".
std::string Cell(const Column& column, size_t row) {
  switch (column.kind(row)) {
    case CellKind::kNull:
      return "NULL";
    case CellKind::kInteger:
      return "i:" + std::string(column.Text(row));
    case CellKind::kReal:
      return "r:" + std::string(column.Text(row));
    case CellKind::kText:
      return "t:" + std::string(column.Text(row));
    case CellKind::kBlob:
      return "b:" + std::string(column.Text(row));
  }
  return "?";
}

using Rows = std::vector<std::vector<std::string>>;

Rows ReadAll(Source& source, const std::string& table, std::vector<Batch>* batches = nullptr) {
  Rows rows;
  auto reader = source.Open(table);
  EXPECT_TRUE(reader.ok()) << reader.status().message();
  if (!reader.ok()) return rows;
  Batch batch;
  while (true) {
    auto more = (*reader)->Next(batch);
    EXPECT_TRUE(more.ok()) << more.status().message();
    if (!more.ok() || !more.value()) break;
    for (size_t r = 0; r < batch.rows(); ++r) {
      rows.emplace_back();
      for (const auto& column : batch.columns) rows.back().push_back(Cell(column, r));
    }
    if (batches) batches->push_back(batch);
  }
  return rows;
}

class PostgresSourceTest : public ::testing::Test {
 protected:
  static PostgresServer& server() { return SharedPostgres(); }

  void SetUp() override {
    ASSERT_TRUE(server().ok()) << server().error();
    static bool created = false;
    if (created) return;
    server().CreateDatabase(kDb);
    server().Execute(kDb, kFixtureSql);
    ASSERT_FALSE(HasFailure());
    created = true;
  }

  static std::string SourceUri(const std::string& db = kDb) {
    return server().Uri(db) + "?application_name=" + kApp;
  }

  static std::unique_ptr<Source> OpenSource(const std::string& db = kDb) {
    auto source = OpenPostgresSource(SourceUri(db));
    EXPECT_TRUE(source.ok()) << source.status().message();
    return source.ok() ? std::move(source).value() : nullptr;
  }
};

TEST_F(PostgresSourceTest, ListsTablesBySchemaThenName) {
  auto source = OpenSource();
  ASSERT_NE(source, nullptr);
  EXPECT_EQ(source->TableNames(), (std::vector<std::string>{"Case Notes", "big", "events", "log",
                                                            "people", "visits", "social.workers"}));
  EXPECT_EQ(source->Describe(), "postgresql database postgresql://veil@127.0.0.1:" +
                                    std::to_string(server().port()) + "/" + kDb);
}

TEST_F(PostgresSourceTest, ReadsColumnTypesDefaultsAndChecks) {
  auto source = OpenSource();
  ASSERT_NE(source, nullptr);
  auto people = source->Schema("people");
  ASSERT_TRUE(people.ok()) << people.status().message();
  std::vector<std::string> types;
  for (const auto& column : people->columns) types.push_back(column.declared_type);
  EXPECT_EQ(types,
            (std::vector<std::string>{"integer", "character varying(12)", "text", "numeric(10,2)",
                                      "text[]", "jsonb", "uuid", "timestamp with time zone", "mood",
                                      "double precision", "smallint", "bigint", "bytea"}));
  EXPECT_EQ(people->columns[0].name, "id");
  EXPECT_TRUE(people->columns[0].not_null);
  EXPECT_EQ(people->columns[0].default_sql, "nextval('people_id_seq'::regclass)");
  EXPECT_EQ(people->columns[0].primary_key_position, 1);
  EXPECT_TRUE(people->columns[1].not_null);
  EXPECT_EQ(people->columns[1].default_sql, "'unknown'::character varying");
  EXPECT_FALSE(people->columns[2].not_null);
  EXPECT_FALSE(people->columns[2].default_sql.has_value());
  EXPECT_EQ(people->columns[2].primary_key_position, 0);
  EXPECT_EQ(people->columns[7].default_sql, "now()");
  EXPECT_EQ(people->check_constraints,
            std::vector<std::string>{"CHECK ((balance >= (0)::numeric))"});
  EXPECT_TRUE(people->foreign_keys.empty());
  ASSERT_EQ(people->indexes.size(), 1u);  // the UNIQUE constraint; not the primary key
  EXPECT_EQ(people->indexes[0].name, "people_email_key");
  EXPECT_EQ(people->indexes[0].columns, std::vector<std::string>{"email"});
  EXPECT_TRUE(people->indexes[0].unique);
  EXPECT_EQ(people->indexes[0].create_sql, "");

  auto workers = source->Schema("social.workers");
  ASSERT_TRUE(workers.ok()) << workers.status().message();
  EXPECT_EQ(workers->name, "social.workers");
  EXPECT_EQ(workers->columns[1].declared_type, "social.tier");
  EXPECT_EQ(workers->columns[1].default_sql, "'gold'::social.tier");
  EXPECT_EQ(workers->check_constraints, std::vector<std::string>{"CHECK ((boss <> id))"});

  auto big = source->Schema("big");
  ASSERT_TRUE(big.ok()) << big.status().message();
  ASSERT_EQ(big->columns.size(), 2u);  // the generated column is not data
}

TEST_F(PostgresSourceTest, ReadsKeysAndIndexes) {
  auto source = OpenSource();
  ASSERT_NE(source, nullptr);
  auto visits = source->Schema("visits");
  ASSERT_TRUE(visits.ok()) << visits.status().message();
  EXPECT_EQ(visits->columns[0].primary_key_position, 2);
  EXPECT_EQ(visits->columns[1].primary_key_position, 1);
  EXPECT_EQ(visits->columns[1].default_sql, "1");
  EXPECT_EQ(visits->columns[2].primary_key_position, 0);
  ASSERT_EQ(visits->foreign_keys.size(), 1u);
  EXPECT_EQ(visits->foreign_keys[0].columns, std::vector<std::string>{"person_id"});
  EXPECT_EQ(visits->foreign_keys[0].referenced_table, "people");
  EXPECT_EQ(visits->foreign_keys[0].referenced_columns, std::vector<std::string>{"id"});
  EXPECT_EQ(visits->foreign_keys[0].on_delete, "CASCADE");
  EXPECT_EQ(visits->foreign_keys[0].on_update, "");
  ASSERT_EQ(visits->indexes.size(), 1u);
  EXPECT_EQ(visits->indexes[0].name, "visits_by_note");
  EXPECT_FALSE(visits->indexes[0].unique);
  EXPECT_EQ(visits->indexes[0].create_sql,
            "CREATE INDEX visits_by_note ON public.visits USING btree (note)");

  auto notes = source->Schema("Case Notes");
  ASSERT_TRUE(notes.ok()) << notes.status().message();
  EXPECT_EQ(notes->columns[1].name, "Written By");
  ASSERT_EQ(notes->foreign_keys.size(), 1u);
  EXPECT_EQ(notes->foreign_keys[0].on_delete, "SET NULL");
  EXPECT_EQ(notes->foreign_keys[0].on_update, "CASCADE");
  ASSERT_EQ(notes->indexes.size(), 1u);
  EXPECT_EQ(notes->indexes[0].name, "Case Notes by author");
  EXPECT_EQ(notes->indexes[0].columns, std::vector<std::string>{"Written By"});
  EXPECT_EQ(notes->indexes[0].create_sql,
            "CREATE INDEX \"Case Notes by author\" ON public.\"Case Notes\" USING btree "
            "(\"Written By\" DESC, lower(\"Written By\"))");

  auto workers = source->Schema("social.workers");
  ASSERT_TRUE(workers.ok()) << workers.status().message();
  ASSERT_EQ(workers->foreign_keys.size(), 2u);  // by constraint name
  EXPECT_EQ(workers->foreign_keys[0].columns, std::vector<std::string>{"boss"});
  EXPECT_EQ(workers->foreign_keys[0].referenced_table, "social.workers");
  EXPECT_EQ(workers->foreign_keys[1].columns, std::vector<std::string>{"person_id"});
  EXPECT_EQ(workers->foreign_keys[1].referenced_table, "people");
  EXPECT_EQ(workers->foreign_keys[1].referenced_columns, std::vector<std::string>{"id"});

  auto log = source->Schema("log");
  ASSERT_TRUE(log.ok()) << log.status().message();
  for (const auto& column : log->columns) EXPECT_EQ(column.primary_key_position, 0);
  EXPECT_TRUE(log->indexes.empty());
}

TEST_F(PostgresSourceTest, ReadsEveryCellExactly) {
  auto source = OpenSource();
  ASSERT_NE(source, nullptr);
  EXPECT_EQ(ReadAll(*source, "people"),
            (Rows{{"i:1", "t:Ann", "t:a@example.org", "r:1234.50",
                   "t:{\"a b\",\"c,d\",NULL,\"q\\\"x\"}", "t:{\"a\": [1, 2], \"b\": \"x\\ty\"}",
                   "t:a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "t:2021-03-04 09:00:00+00", "t:calm",
                   "r:0.1", "i:-32768", "i:9223372036854775807", "t:\\x00ff10"},
                  {"i:2", "t:Bob", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL",
                   "NULL", "NULL", "NULL"}}));
  EXPECT_EQ(ReadAll(*source, "visits"), (Rows{{"i:1", "i:1", "t:tab\there"},
                                              {"i:1", "i:2", "t:line\nbreak\r\\back\\slash"},
                                              {"i:2", "i:1", "t:\\N"},
                                              {"i:2", "i:2", "t:"},
                                              {"i:1", "i:3", "NULL"}}));
  EXPECT_EQ(ReadAll(*source, "Case Notes"),
            (Rows{{"i:10", "t:Dr \"Who\"\b\f\v", "i:1"}, {"i:11", "t:Zoë 🙂", "NULL"}}));
  EXPECT_EQ(ReadAll(*source, "log"),
            (Rows{{"t:started", "t:2020-01-01 00:00:00+00"}, {"NULL", "NULL"}}));
  EXPECT_EQ(ReadAll(*source, "social.workers"),
            (Rows{{"i:1", "t:gold", "NULL", "i:1"}, {"i:2", "t:silver", "i:1", "i:2"}}));
  Rows events = ReadAll(*source, "events");
  std::sort(events.begin(), events.end());
  EXPECT_EQ(events, (Rows{{"i:1", "t:a"}, {"i:2", "t:b"}}));
}

TEST_F(PostgresSourceTest, StreamsLargeTablesInBatches) {
  auto source = OpenSource();
  ASSERT_NE(source, nullptr);
  auto reader = source->Open("big");
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  // The estimate is the planner's (pg_class.reltuples): a hint for progress display, -1
  // when the server has none. It must never be a wrong figure.
  const int64_t estimate = (*reader)->EstimatedRows();
  EXPECT_TRUE(estimate == -1 || (estimate >= 9000 && estimate <= 11000)) << estimate;
  std::vector<Batch> batches;
  const Rows rows = ReadAll(*source, "big", &batches);
  ASSERT_EQ(rows.size(), 10000u);
  for (size_t i = 0; i < rows.size(); ++i) {
    const std::string n = std::to_string(i + 1);
    ASSERT_EQ(rows[i], (std::vector<std::string>{"i:" + n, "t:row " + n})) << "row " << i + 1;
  }
  ASSERT_EQ(batches.size(), 3u);
  EXPECT_EQ(batches[0].first_row, 1);
  EXPECT_EQ(batches[0].rows(), kBatchRows);
  EXPECT_EQ(batches[1].first_row, static_cast<int64_t>(kBatchRows) + 1);
  EXPECT_EQ(batches[2].first_row, static_cast<int64_t>(2 * kBatchRows) + 1);
  EXPECT_EQ(batches[2].rows(), 10000 - 2 * kBatchRows);
  Batch after;
  auto more = (*reader)->Next(after);  // the first reader, still open, is independent
  ASSERT_TRUE(more.ok()) << more.status().message();
  EXPECT_TRUE(more.value());
  EXPECT_EQ(Cell(after.columns[0], 0), "i:1");
}

TEST_F(PostgresSourceTest, ReadsOneSnapshotWhateverTheOrderOfReaders) {
  const std::string db = "veil_pg_snapshot";
  server().CreateDatabase(db);
  server().Execute(db, "CREATE TABLE t (n integer); INSERT INTO t VALUES (1);");
  auto source = OpenSource(db);
  ASSERT_NE(source, nullptr);
  server().Execute(db, "INSERT INTO t VALUES (2); CREATE TABLE later (x integer);");
  EXPECT_EQ(source->TableNames(), std::vector<std::string>{"t"});
  auto abandoned = source->Open("t");  // dropped before its end: its connection is closed
  ASSERT_TRUE(abandoned.ok()) << abandoned.status().message();
  abandoned->reset();
  EXPECT_EQ(ReadAll(*source, "t"), Rows{{"i:1"}});
  server().Execute(db, "INSERT INTO t VALUES (3)");
  EXPECT_EQ(ReadAll(*source, "t"), Rows{{"i:1"}});  // a pooled connection, same snapshot
  EXPECT_EQ(server().Query(db, "SELECT count(*) FROM t"), Rows{{"3"}});
}

TEST_F(PostgresSourceTest, SendsNothingButReads) {
  auto source = OpenSource();
  ASSERT_NE(source, nullptr);
  for (const auto& table : source->TableNames()) {
    ASSERT_TRUE(source->Schema(table).ok());
    ReadAll(*source, table);
  }
  std::istringstream log(server().ServerLog());
  int statements = 0;
  for (std::string line; std::getline(log, line);) {
    if (line.find(std::string("app=") + kApp + " ") == std::string::npos) continue;
    size_t start = line.find("LOG:  statement: ");
    if (start != std::string::npos) {
      start += 17;
    } else if ((start = line.find("LOG:  execute <unnamed>: ")) != std::string::npos) {
      start += 25;
    } else {
      continue;
    }
    ++statements;
    const std::string sql = line.substr(start);
    const std::string verb = sql.substr(0, sql.find(' '));
    EXPECT_TRUE(verb == "SET" || verb == "BEGIN" || verb == "SELECT" || verb == "COPY") << sql;
    if (verb == "COPY") {
      EXPECT_EQ(sql.rfind("COPY (SELECT ", 0), 0u) << sql;
      EXPECT_TRUE(sql.ends_with(") TO STDOUT")) << sql;
    }
  }
  EXPECT_GT(statements, 20);
}

TEST_F(PostgresSourceTest, ErrorsNameTheDatabaseButNoPassword) {
  const std::string port = std::to_string(server().port());
  auto missing = OpenPostgresSource("postgresql://veil:s3cret-pw@127.0.0.1:" + port + "/nodb");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kIo);
  EXPECT_NE(missing.status().message().find("postgresql://veil@127.0.0.1:" + port + "/nodb"),
            std::string::npos)
      << missing.status().message();
  EXPECT_EQ(missing.status().message().find("s3cret"), std::string::npos);

  auto malformed = OpenPostgresSource("host=127.0.0.1 password=s3cret secondhalf");
  ASSERT_FALSE(malformed.ok());
  EXPECT_EQ(malformed.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(malformed.status().message().find("s3cret"), std::string::npos);
  EXPECT_EQ(malformed.status().message().find("secondhalf"), std::string::npos);

  auto source = OpenPostgresSource("postgresql://veil:s3cret-pw@127.0.0.1:" + port + "/" + kDb);
  ASSERT_TRUE(source.ok()) << source.status().message();  // trust authentication
  EXPECT_EQ((*source)->Describe().find("s3cret"), std::string::npos);
  auto nope = (*source)->Schema("nope");
  ASSERT_FALSE(nope.ok());
  EXPECT_EQ(nope.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_FALSE((*source)->Open("veil.meta").ok());
}

// ---- PostgresConnection ----

TEST_F(PostgresSourceTest, ConnectionQueriesCopiesAndHidesValuesInErrors) {
  auto conn = PostgresConnection::Open(server().Uri(kDb));
  ASSERT_TRUE(conn.ok()) << conn.status().message();
  auto sum = conn->Query("SELECT $1::int + $2::int", {"2", "40"}, "adding");
  ASSERT_TRUE(sum.ok()) << sum.status().message();
  EXPECT_EQ(PgText(sum->get(), 0, 0), "42");

  auto syntax = conn->Query("SELEKT 1", {}, "testing errors");
  ASSERT_FALSE(syntax.ok());
  EXPECT_NE(syntax.status().message().find("testing errors: syntax error at or near"),
            std::string::npos)
      << syntax.status().message();
  auto data = conn->Query("SELECT 'secretvalue'::int", {}, "testing errors");
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.status().code(), ErrorCode::kInput);
  EXPECT_EQ(data.status().message().find("secretvalue"), std::string::npos)
      << data.status().message();

  std::vector<std::string> rows;
  const auto collect = [&](std::string_view row) {
    rows.emplace_back(row);
    return rows.size() < 3 ? Status::Ok() : InputError("enough");
  };
  const std::string copy = "COPY (SELECT g FROM generate_series(1, 100000) g) TO STDOUT";
  Status stopped = conn->CopyOut(copy, collect, "copying");
  EXPECT_EQ(stopped.message(), "enough");
  EXPECT_EQ(rows, (std::vector<std::string>{"1\n", "2\n", "3\n"}));
  rows.clear();
  ASSERT_TRUE(conn->CopyOut("COPY (SELECT 'a\tb') TO STDOUT", collect, "copying").ok());
  EXPECT_EQ(rows, std::vector<std::string>{"a\\tb\n"});
  EXPECT_TRUE(conn->Execute("SELECT 1", "after COPY").ok());  // the connection is usable
}

// ---- COPY text format ----

TEST(PostgresCopyTextTest, DecodesEveryEscape) {
  std::vector<Column> columns(6);
  const std::vector<CellKind> kinds(6, CellKind::kText);
  const std::string row =
      "a\\tb\\n\\r\\\\\\b\\f\\v\t\\N\t\\\\N\t\t\\101\\x41\\x4g\\q\\x\\0\\1010\tend\n";
  ASSERT_TRUE(AppendCopyTextRow(row, kinds, columns).ok());
  EXPECT_EQ(columns[0].Text(0), "a\tb\n\r\\\b\f\v");
  EXPECT_TRUE(columns[1].IsNull(0));
  EXPECT_EQ(columns[2].Text(0), "\\N");
  EXPECT_EQ(columns[3].Text(0), "");
  EXPECT_FALSE(columns[3].IsNull(0));
  EXPECT_EQ(columns[4].Text(0), std::string("AA\x04gqx\0A0", 9));
  EXPECT_EQ(columns[5].Text(0), "end");
}

TEST(PostgresCopyTextTest, AppliesKindsAndRejectsMalformedRows) {
  std::vector<Column> columns(2);
  const std::vector<CellKind> kinds{CellKind::kInteger, CellKind::kReal};
  ASSERT_TRUE(AppendCopyTextRow("7\t2.5", kinds, columns).ok());
  ASSERT_TRUE(AppendCopyTextRow("\\N\t\\N\n", kinds, columns).ok());
  EXPECT_EQ(columns[0].kind(0), CellKind::kInteger);
  EXPECT_EQ(columns[1].kind(0), CellKind::kReal);
  EXPECT_EQ(columns[1].Text(0), "2.5");
  EXPECT_EQ(columns[0].kind(1), CellKind::kNull);

  std::vector<Column> fresh(2);
  for (const char* bad : {"secret\n", "secret\tx\ty\n", "secret\tx\\"}) {
    const Status status = AppendCopyTextRow(bad, kinds, fresh);
    ASSERT_FALSE(status.ok()) << bad;
    EXPECT_EQ(status.code(), ErrorCode::kInput);
    EXPECT_EQ(status.message().find("secret"), std::string::npos);
    for (auto& column : fresh) column.Clear();
  }
}

}  // namespace
}  // namespace veil
