// The PostgreSQL sink against a real server: creating the database and tables, COPY,
// errors while writing, and what an unfinished sink leaves behind. Commit-time checks are
// in sink_commit_test.cc.
#include "io/postgres/sink.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "io/postgres/sink_support.h"

namespace veil::postgres {
namespace {

TEST_F(PostgresSinkTest, CreatesDatabaseWithExactTypesKeysDefaultsAndIndexes) {
  const std::string db = FreshName("pgsink_types");
  auto sink = OpenOrDie(db);
  ASSERT_TRUE(sink);
  EXPECT_EQ(sink->Describe().rfind("postgresql://", 0), 0u);
  EXPECT_NE(sink->Describe().find("/" + db), std::string::npos);
  // The load goes into a database of a temporary name: the target does not exist yet.
  EXPECT_FALSE(DatabaseExists(db));
  const TableSchema people = People();
  const Status written = WriteTable(
      *sink, people,
      {MakeBatch(8, {{"7", "Ann", "a@x", "1.50", "2020-01-02 03:04:05+00", "t", "\\x00ff", "{1,2}"},
                     {"3", "Bob", std::nullopt, std::nullopt, std::nullopt, std::nullopt,
                      std::nullopt, std::nullopt}})});
  ASSERT_TRUE(written.ok()) << written.message();
  // Nothing is visible before Commit().
  EXPECT_FALSE(DatabaseExists(db));
  const Status committed = sink->Commit();
  ASSERT_TRUE(committed.ok()) << committed.message();
  ASSERT_TRUE(DatabaseExists(db));

  EXPECT_EQ(
      ColumnTypes(db, "public.people"),
      (std::vector<std::string>{"integer", "character varying(20)", "text", "numeric(10,2)",
                                "timestamp with time zone", "boolean", "bytea", "integer[]"}));
  EXPECT_EQ(Value(db,
                  "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                  "WHERE conrelid = 'people'::regclass AND contype = 'p'"),
            "PRIMARY KEY (id)");
  EXPECT_EQ(Value(db,
                  "SELECT string_agg(a.attname || '=' || pg_get_expr(d.adbin, d.adrelid), ' ' "
                  "ORDER BY a.attnum) FROM pg_attrdef d JOIN pg_attribute a "
                  "ON a.attrelid = d.adrelid AND a.attnum = d.adnum "
                  "WHERE d.adrelid = 'people'::regclass"),
            "id=nextval('people_id_seq'::regclass) name='unknown'::character varying "
            "active=true");
  EXPECT_EQ(Value(db,
                  "SELECT string_agg(indexrelid::regclass::text || ' ' || "
                  "pg_get_indexdef(indexrelid), '; ' ORDER BY indexrelid::regclass::text) "
                  "FROM pg_index WHERE indrelid = 'people'::regclass"),
            "people_email_key CREATE UNIQUE INDEX people_email_key ON public.people USING btree "
            "(email); people_lower_name CREATE INDEX people_lower_name ON public.people USING "
            "btree (lower((name)::text)); people_pkey CREATE UNIQUE INDEX people_pkey ON "
            "public.people USING btree (id)");
  // The sequence is owned by the column, is an integer sequence and continues past 7.
  EXPECT_EQ(Value(db, "SELECT pg_get_serial_sequence('people', 'id')"), "public.people_id_seq");
  EXPECT_EQ(Value(db, "SELECT format_type(seqtypid, NULL) FROM pg_sequence"), "integer");
  EXPECT_EQ(Value(db, "INSERT INTO people (name) VALUES ('new') RETURNING id"), "8");
  EXPECT_EQ(Query(db,
                  "SELECT id, name, email, score, born AT TIME ZONE 'UTC', active, photo, "
                  "tags FROM people WHERE id IN (3, 7) ORDER BY id"),
            (Rows{{"3", "Bob", std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt,
                   std::nullopt},
                  {"7", "Ann", "a@x", "1.50", "2020-01-02 03:04:05", "t", "\\x00ff", "{1,2}"}}));
}

TEST_F(PostgresSinkTest, RoundTripsTextExactly) {
  const std::string db = FreshName("pgsink_text");
  auto sink = OpenOrDie(db);
  ASSERT_TRUE(sink);
  TableSchema notes;
  notes.name = "notes";
  notes.columns = {Col("n", "integer", true, std::nullopt, 1), Col("body", "text"),
                   Col("raw", "bytea")};
  const std::vector<std::string> texts = {
      "",    "tab\there", "new\nline", "cr\rlf\r\n", "back\\slash", "\\N",
      "\\.", "end\\",     "quote\"'",  "üñí©ødé ✓",  "a\tb\\c\nd"};
  Rows rows;
  for (size_t i = 0; i < texts.size(); ++i)
    rows.push_back({std::to_string(i), texts[i], std::nullopt});
  rows.push_back({"100", std::nullopt, std::nullopt});
  Batch batch = MakeBatch(3, rows);
  batch.columns[2].Clear();
  for (size_t i = 0; i < rows.size(); ++i) {
    if (i == 0) {
      batch.columns[2].Append(std::string("\0\xff\t\\", 4), CellKind::kBlob);
    } else if (i == 1) {
      batch.columns[2].Append("", CellKind::kBlob);
    } else {
      batch.columns[2].AppendNull();
    }
  }
  const Status written = WriteTable(*sink, notes, {batch});
  ASSERT_TRUE(written.ok()) << written.message();
  ASSERT_TRUE(sink->Commit().ok());
  const Rows read = Query(db, "SELECT body FROM notes ORDER BY n");
  ASSERT_EQ(read.size(), texts.size() + 1);
  for (size_t i = 0; i < texts.size(); ++i) EXPECT_EQ(read[i][0], Cell(texts[i])) << i;
  EXPECT_EQ(read.back()[0], std::nullopt);  // NULL stays NULL, "" stays ""
  EXPECT_EQ(Value(db, "SELECT count(*) FROM notes WHERE body = ''"), "1");
  EXPECT_EQ(Query(db, "SELECT raw FROM notes WHERE n < 2 ORDER BY n"),
            (Rows{{"\\x00ff095c"}, {"\\x"}}));
}

TEST_F(PostgresSinkTest, WritesSchemaQualifiedTablesQuotedNamesAndForeignKeys) {
  const std::string db = FreshName("pgsink_social");
  auto sink = OpenOrDie(db);
  ASSERT_TRUE(sink);
  TableSchema posts;  // created before its parent: foreign keys wait for Commit()
  posts.name = "social.Case Notes";
  posts.columns = {
      Col("Note ID", "bigint", true, "nextval('social.\"Case Notes_Note ID_seq\"'::regclass)", 1),
      Col("Written By", "character varying(40)", true), Col("say \"hi\"", "text"),
      Col("person_id", "integer"), Col("parent_note", "bigint")};
  posts.foreign_keys = {{{"person_id"}, "people", {"id"}, "CASCADE", ""},
                        {{"parent_note"}, "social.Case Notes", {}, "", "CASCADE"},
                        {{"person_id"}, "absent_table", {"id"}, "", ""},
                        {{"person_id"}, "people", {"dropped_column"}, "", ""}};
  posts.indexes = {{"Case Notes by \"author\"", {"Written By", "person_id"}, false, ""}};
  ASSERT_TRUE(WriteTable(*sink, posts,
                         {MakeBatch(5, {{"10", "Dr \"Who\"", "x", "1", std::nullopt},
                                        {"11", "Nurse", std::nullopt, std::nullopt, "10"}})})
                  .ok());
  TableSchema people;
  people.name = "people";
  people.columns = {Col("id", "integer", true, std::nullopt, 1), Col("Name", "text")};
  ASSERT_TRUE(WriteTable(*sink, people, {MakeBatch(2, {{"1", "Ann"}})}).ok());
  const Status committed = sink->Commit();
  ASSERT_TRUE(committed.ok()) << committed.message();

  EXPECT_EQ(
      ColumnTypes(db, "social.\"Case Notes\""),
      (std::vector<std::string>{"bigint", "character varying(40)", "text", "integer", "bigint"}));
  EXPECT_EQ(Query(db,
                  "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                  "WHERE conrelid = 'social.\"Case Notes\"'::regclass AND contype = 'f' "
                  "ORDER BY 1"),
            (Rows{{"FOREIGN KEY (parent_note) REFERENCES social.\"Case Notes\"(\"Note ID\") ON "
                   "UPDATE CASCADE"},
                  {"FOREIGN KEY (person_id) REFERENCES people(id) ON DELETE CASCADE"}}));
  EXPECT_EQ(
      Value(db, "SELECT pg_get_indexdef('social.\"Case Notes by \"\"author\"\"\"'::regclass)"),
      "CREATE INDEX \"Case Notes by \"\"author\"\"\" ON social.\"Case Notes\" USING btree "
      "(\"Written By\", person_id)");
  EXPECT_EQ(Query(db,
                  "SELECT \"Written By\", \"say \"\"hi\"\"\" FROM social.\"Case Notes\" "
                  "ORDER BY 1"),
            (Rows{{"Dr \"Who\"", "x"}, {"Nurse", std::nullopt}}));
  EXPECT_EQ(Value(db, "SELECT nextval('social.\"Case Notes_Note ID_seq\"')"), "12");
  EXPECT_EQ(Value(db, "SELECT pg_get_serial_sequence('social.\"Case Notes\"', 'Note ID')"),
            "social.\"Case Notes_Note ID_seq\"");
}

TEST_F(PostgresSinkTest, TooLongValueNamesTableColumnAndRowButNotTheValue) {
  const std::string db = FreshName("pgsink_too_long");
  auto sink = OpenOrDie(db);
  ASSERT_TRUE(sink);
  TableSchema codes;
  codes.name = "social.codes";
  codes.columns = {Col("id", "integer"), Col("code", "character varying(5)")};
  auto writer = sink->CreateTable(codes);
  ASSERT_TRUE(writer.ok());
  Status status = (*writer)->Write(MakeBatch(2, {{"1", "abc"}, {"2", "abcde"}}, 1));
  // The bad value is in the second batch, on source row 41 (COPY line 4).
  if (status.ok()) status = (*writer)->Write(MakeBatch(2, {{"3", "ok"}, {"4", "SECRETVALUE"}}, 40));
  if (status.ok()) status = (*writer)->Finish();
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), ErrorCode::kInput);
  const std::string& message = status.message();
  EXPECT_NE(message.find("\"social\".\"codes\""), std::string::npos) << message;
  EXPECT_NE(message.find("column \"code\""), std::string::npos) << message;
  EXPECT_NE(message.find("row 41"), std::string::npos) << message;
  EXPECT_NE(message.find("22001"), std::string::npos) << message;
  EXPECT_EQ(message.find("SECRET"), std::string::npos) << message;
  EXPECT_FALSE(sink->Commit().ok());
  sink.reset();
  EXPECT_FALSE(DatabaseExists(db));
}

TEST_F(PostgresSinkTest, BadIntegerAndNullInNotNullColumnNameTheColumn) {
  const std::string db = FreshName("pgsink_bad_values");
  for (const bool null_case : {false, true}) {
    auto sink = OpenOrDie(db);
    ASSERT_TRUE(sink);
    TableSchema t;
    t.name = "Mixed Case";
    t.columns = {Col("Big Number", "integer", true), Col("label", "text", true)};
    const Rows rows =
        null_case ? Rows{{"1", "a"}, {"2", std::nullopt}} : Rows{{"1", "a"}, {"12x-SECRET", "b"}};
    const Status status = WriteTable(*sink, t, {MakeBatch(2, rows, 5)});
    ASSERT_FALSE(status.ok());
    const std::string& message = status.message();
    EXPECT_NE(message.find("\"public\".\"Mixed Case\""), std::string::npos) << message;
    EXPECT_NE(message.find(null_case ? "column \"label\"" : "column \"Big Number\""),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("row 6"), std::string::npos) << message;
    EXPECT_NE(message.find(null_case ? "23502" : "22P02"), std::string::npos) << message;
    EXPECT_EQ(message.find("SECRET"), std::string::npos) << message;
  }
  EXPECT_FALSE(DatabaseExists(db));
}

TEST_F(PostgresSinkTest, UncommittedSinkDropsTheDatabaseItCreated) {
  const std::string db = FreshName("pgsink_uncommitted");
  {
    auto sink = OpenOrDie(db);
    ASSERT_TRUE(sink);
    auto writer = sink->CreateTable(People());
    ASSERT_TRUE(writer.ok()) << writer.status().message();
    // Destroyed in the middle of a COPY.
    ASSERT_TRUE((*writer)
                    ->Write(MakeBatch(
                        8, {{"1", "a", "b", "1", std::nullopt, "t", std::nullopt, std::nullopt}}))
                    .ok());
  }
  EXPECT_FALSE(DatabaseExists(db));
}

TEST_F(PostgresSinkTest, UncommittedSinkLeavesAnExistingDatabaseWithoutTables) {
  const std::string db = FreshName("pgsink_existing_empty");
  Execute("postgres", "CREATE DATABASE " + db);
  {
    auto sink = OpenOrDie(db);
    ASSERT_TRUE(sink);
    TableSchema t;
    t.name = "social.t";
    t.columns = {Col("id", "integer", false, "nextval('social.t_id_seq'::regclass)")};
    ASSERT_TRUE(WriteTable(*sink, t, {MakeBatch(1, {{"1"}})}).ok());
  }
  ASSERT_TRUE(DatabaseExists(db));
  EXPECT_EQ(Value(db,
                  "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = "
                  "c.relnamespace WHERE n.nspname IN ('public', 'social')"),
            "0");
  EXPECT_EQ(Value(db, "SELECT count(*) FROM pg_namespace WHERE nspname = 'social'"), "0");
  // An empty database is accepted, and kept after a successful load.
  auto sink = OpenOrDie(db);
  ASSERT_TRUE(sink);
  TableSchema t;
  t.name = "t";
  t.columns = {Col("id", "integer")};
  ASSERT_TRUE(WriteTable(*sink, t, {}).ok());
  ASSERT_TRUE(sink->Commit().ok());
  EXPECT_EQ(Value(db, "SELECT count(*) FROM t"), "0");
}

TEST_F(PostgresSinkTest, RefusesADatabaseWithTablesUnlessForced) {
  const std::string db = FreshName("pgsink_occupied");
  Execute("postgres", "CREATE DATABASE " + db);
  Execute(db, "CREATE TYPE mood AS ENUM ('sad', 'happy')");
  Execute(db, "CREATE TABLE people (id serial PRIMARY KEY, secret text, m mood)");
  Execute(db, "INSERT INTO people (secret) VALUES ('old')");
  Execute(db, "CREATE VIEW people_view AS SELECT * FROM people");
  Execute(
      db,
      "CREATE SCHEMA other; CREATE TABLE other.kept (x int); INSERT INTO other.kept VALUES (1)");

  auto refused = OpenPostgresSink(Uri(db), false);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), ErrorCode::kConflict);
  EXPECT_NE(refused.status().message().find("database \"" + db + "\""), std::string::npos)
      << refused.status().message();

  auto sink = OpenOrDie(db, /*force=*/true);
  ASSERT_TRUE(sink);
  TableSchema people;
  people.name = "people";
  people.columns = {Col("id", "integer", true, "nextval('people_id_seq'::regclass)", 1),
                    Col("name", "text"), Col("m", "mood")};
  ASSERT_TRUE(WriteTable(*sink, people, {MakeBatch(3, {{"5", "new", "happy"}})}).ok());
  const Status committed = sink->Commit();
  ASSERT_TRUE(committed.ok()) << committed.message();
  EXPECT_EQ(Query(db, "SELECT * FROM people"), (Rows{{"5", "new", "happy"}}));
  EXPECT_EQ(ColumnTypes(db, "people"), (std::vector<std::string>{"integer", "text", "text"}));
  EXPECT_EQ(Value(db, "SELECT count(*) FROM pg_class WHERE relname = 'people_view'"), "0");
  EXPECT_EQ(Value(db, "SELECT count(*) FROM other.kept"), "1");  // a schema not written
  EXPECT_EQ(Value(db, "SELECT nextval('people_id_seq')"), "6");
}

TEST_F(PostgresSinkTest, UnknownOrUntypedColumnsBecomeText) {
  const std::string db = FreshName("pgsink_unknown_types");
  auto sink = OpenOrDie(db);
  ASSERT_TRUE(sink);
  TableSchema t;
  t.name = "t";
  t.columns = {Col("a", "mood", false, "'happy'::mood"), Col("b", ""), Col("c", "unsigned big int"),
               Col("d", "BLOB"), Col("e", "INTEGER")};
  ASSERT_TRUE(WriteTable(*sink, t, {MakeBatch(5, {{"happy", "x", "1", std::nullopt, "2"}})}).ok());
  const Status committed = sink->Commit();
  ASSERT_TRUE(committed.ok()) << committed.message();
  EXPECT_EQ(ColumnTypes(db, "t"),
            (std::vector<std::string>{"text", "text", "text", "bytea", "integer"}));
}

TEST_F(PostgresSinkTest, StreamsManyChunks) {
  const std::string db = FreshName("pgsink_many");
  auto sink = OpenOrDie(db);
  ASSERT_TRUE(sink);
  TableSchema t;
  t.name = "t";
  t.columns = {Col("n", "bigint"), Col("s", "text")};
  std::vector<Batch> batches;
  const std::string filler(200, 'z');
  for (int b = 0; b < 10; ++b) {
    Rows rows;
    for (int i = 0; i < 1000; ++i) rows.push_back({std::to_string(b * 1000 + i), filler});
    batches.push_back(MakeBatch(2, rows, b * 1000 + 1));
  }
  ASSERT_TRUE(WriteTable(*sink, t, batches).ok());
  ASSERT_TRUE(sink->Commit().ok());
  EXPECT_EQ(Value(db, "SELECT count(*) || ' ' || sum(n) || ' ' || sum(length(s)) FROM t"),
            "10000 49995000 2000000");
}

TEST_F(PostgresSinkTest, NeverShowsThePassword) {
  const std::string db = FreshName("pgsink_password");
  std::string uri = Uri(db);
  const size_t at = uri.find('@');
  ASSERT_NE(at, std::string::npos);
  uri.insert(at, ":Hunter2Secret");  // the test server trusts local connections
  auto sink = OpenPostgresSink(uri, false);
  ASSERT_TRUE(sink.ok()) << sink.status().message();
  EXPECT_EQ((*sink)->Describe().find("Hunter2"), std::string::npos);
  TableSchema t;
  t.name = "t";
  t.columns = {Col("x", "not a type(")};
  auto table = (*sink)->CreateTable(t);
  ASSERT_TRUE(table.ok());
  const Status status = (*table)->Write(MakeBatch(1, {{"1"}}));
  EXPECT_TRUE(status.ok()) << status.message();

  auto malformed = OpenPostgresSink("host=x password=Hunter2Secret bogus", false);
  ASSERT_FALSE(malformed.ok());
  EXPECT_EQ(malformed.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(malformed.status().message().find("Hunter2"), std::string::npos);
}

}  // namespace
}  // namespace veil::postgres
