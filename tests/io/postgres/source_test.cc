#include "io/postgres/source.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "io/postgres/connection.h"
#include "io/postgres/copy_text.h"
#include "io/postgres/source_support.h"

namespace veil::postgres {
namespace {

using postgres::AppendCopyTextRow;
using postgres::Connection;
using postgres::PgText;

TEST_F(PostgresSourceTest, ListsTablesBySchemaThenName) {
  auto source = OpenSource();
  ASSERT_NE(source, nullptr);
  EXPECT_EQ(source->TableNames(), (std::vector<std::string>{"Case Notes", "big", "events", "log",
                                                            "people", "visits", "social.workers"}));
  EXPECT_EQ(source->Describe(), "postgresql database postgresql://veil@127.0.0.1:" +
                                    std::to_string(server().port()) + "/" + kDb);
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
            (Rows{{"t:started", "t:2020-01-01 00:00:00+00", "i:10"}, {"NULL", "NULL", "i:15"}}));
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
  // The estimate is the planner's (pg_class.reltuples, which ANALYZE has set): a hint for
  // progress display.
  const int64_t estimate = (*reader)->EstimatedRows();
  EXPECT_GE(estimate, 9000);
  EXPECT_LE(estimate, 11000);
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

// ---- Connection ----

TEST_F(PostgresSourceTest, ConnectionQueriesCopiesAndHidesValuesInErrors) {
  auto conn = Connection::Open(server().Uri(kDb));
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
  Status stopped = conn->TEST_CopyOut(copy, collect, "copying");
  EXPECT_EQ(stopped.message(), "enough");
  EXPECT_EQ(rows, (std::vector<std::string>{"1\n", "2\n", "3\n"}));
  rows.clear();
  ASSERT_TRUE(conn->TEST_CopyOut("COPY (SELECT 'a\tb') TO STDOUT", collect, "copying").ok());
  EXPECT_EQ(rows, std::vector<std::string>{"a\\tb\n"});
  EXPECT_TRUE(conn->Execute("SELECT 1", "after COPY").ok());  // the connection is usable
}

// A server notice may quote a value (a function that RAISEs with a cell in it): no
// connection prints one, and a closed connection says so under its label.
TEST_F(PostgresSourceTest, ConnectionDropsNoticesAndRefusesWorkOnceClosed) {
  auto conn = Connection::Open(server().Uri(kDb));
  ASSERT_TRUE(conn.ok()) << conn.status().message();
  ::testing::internal::CaptureStderr();
  const Status raised =
      conn->Execute("DO $$ BEGIN RAISE NOTICE 'notice-holds-%', 'secretvalue'; END $$", "noticing");
  const std::string printed = ::testing::internal::GetCapturedStderr();
  EXPECT_TRUE(raised.ok()) << raised.message();
  EXPECT_EQ(printed.find("secretvalue"), std::string::npos) << printed;

  conn->Close();
  const Status closed = conn->Execute("SELECT 1", "after closing");
  ASSERT_FALSE(closed.ok());
  EXPECT_EQ(closed.code(), ErrorCode::kIo);
  EXPECT_NE(closed.message().find("after closing: not connected"), std::string::npos)
      << closed.message();
  EXPECT_EQ(closed.message().rfind("postgresql://", 0), 0u) << closed.message();
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
}  // namespace veil::postgres
