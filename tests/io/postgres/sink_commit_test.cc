// The PostgreSQL sink's Commit(): constraints and foreign keys added after the load,
// their violations, and a whole database copied through the PostgreSQL source.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "io/postgres/sink.h"
#include "io/postgres/sink_support.h"
#include "io/postgres/source.h"

namespace veil::postgres {
namespace {

TEST_F(PostgresSinkTest, ForeignKeyViolationFailsCommitWithoutValues) {
  const std::string db = FreshName("pgsink_fk");
  auto sink = OpenOrDie(db);
  ASSERT_TRUE(sink);
  TableSchema parent;
  parent.name = "parent";
  parent.columns = {Col("id", "text", true, std::nullopt, 1)};
  TableSchema child;
  child.name = "child";
  child.columns = {Col("parent_id", "text")};
  child.foreign_keys = {{{"parent_id"}, "parent", {}, "", ""}};
  ASSERT_TRUE(WriteTable(*sink, parent, {MakeBatch(1, {{"p1"}})}).ok());
  ASSERT_TRUE(WriteTable(*sink, child, {MakeBatch(1, {{"p1"}, {"SECRET-P"}})}).ok());
  const Status status = sink->Commit();
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), ErrorCode::kConflict);
  EXPECT_NE(status.message().find("\"public\".\"child\""), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("\"child_parent_id_fkey\""), std::string::npos)
      << status.message();
  EXPECT_EQ(status.message().find("SECRET"), std::string::npos) << status.message();
  EXPECT_FALSE(DatabaseExists(db));  // the sink had created it
}

TEST_F(PostgresSinkTest, DuplicateKeyInDeferredUniqueIndexFailsCommit) {
  const std::string db = FreshName("pgsink_unique");
  auto sink = OpenOrDie(db);
  ASSERT_TRUE(sink);
  TableSchema t;
  t.name = "t";
  t.columns = {Col("email", "text")};
  t.indexes = {{"t_email_key", {"email"}, true, ""}};
  ASSERT_TRUE(WriteTable(*sink, t, {MakeBatch(1, {{"SECRET@x"}, {"SECRET@x"}})}).ok());
  const Status status = sink->Commit();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("t_email_key"), std::string::npos) << status.message();
  EXPECT_EQ(status.message().find("SECRET"), std::string::npos) << status.message();
}

TEST_F(PostgresSinkTest, AddsUniqueAndCheckConstraintsAfterTheLoad) {
  const std::string db = FreshName("pgsink_checks");
  TableSchema items;
  items.name = "items";
  items.columns = {Col("sku", "text", true), Col("price", "numeric(8,2)")};
  items.indexes = {{"items_sku_key", {"sku"}, true, ""}};
  items.check_constraints = {"CHECK ((price >= (0)::numeric))", "CHECK ((dropped_col > 0))"};
  {
    auto sink = OpenOrDie(db);
    ASSERT_TRUE(sink);
    ASSERT_TRUE(
        WriteTable(*sink, items, {MakeBatch(2, {{"a", "1.00"}, {"b", std::nullopt}})}).ok());
    const Status committed = sink->Commit();
    ASSERT_TRUE(committed.ok()) << committed.message();
  }
  EXPECT_EQ(Query(db,
                  "SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
                  "WHERE conrelid = 'items'::regclass ORDER BY 1"),
            (Rows{{"items_price_check", "c", "CHECK ((price >= (0)::numeric))"},
                  {"items_sku_key", "u", "UNIQUE (sku)"}}));

  const std::string db2 = FreshName("pgsink_checks_violated");
  auto sink = OpenOrDie(db2);
  ASSERT_TRUE(sink);
  ASSERT_TRUE(WriteTable(*sink, items, {MakeBatch(2, {{"a", "-12345.67"}})}).ok());
  const Status status = sink->Commit();
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), ErrorCode::kConflict);
  EXPECT_NE(status.message().find("\"items_price_check\""), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("\"public\".\"items\""), std::string::npos) << status.message();
  EXPECT_EQ(status.message().find("12345"), std::string::npos) << status.message();
  sink.reset();
  EXPECT_FALSE(DatabaseExists(db2));
}

// The rows of every table of the test databases, each as its row literal, in order.
Rows AllRows(const std::string& db) {
  return Query(db,
               "SELECT 'people', p::text FROM people p UNION ALL "
               "SELECT 'posts', p::text FROM social.posts p UNION ALL "
               "SELECT 'notes', n::text FROM \"Case Notes\" n ORDER BY 1, 2");
}

// Column types, defaults, constraints (without their generated names) and indexes.
Rows Shape(const std::string& db) {
  return Query(db, R"sql(
    SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
           pg_get_expr(d.adbin, d.adrelid)
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE n.nspname IN ('public', 'social') AND c.relkind = 'r' AND a.attnum > 0
      AND NOT a.attisdropped
    UNION ALL
    SELECT conrelid::regclass::text, contype::text, pg_get_constraintdef(oid), NULL, NULL
    FROM pg_constraint WHERE connamespace IN ('public'::regnamespace, 'social'::regnamespace)
    UNION ALL
    SELECT indrelid::regclass::text, pg_get_indexdef(indexrelid), NULL, NULL, NULL
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
    WHERE c.relnamespace IN ('public'::regnamespace, 'social'::regnamespace)
    ORDER BY 1, 2, 3)sql");
}

TEST_F(PostgresSinkTest, CopiesADatabaseReadThroughThePostgresSource) {
  const std::string source_db = FreshName("pgsink_copy_source");
  Server().CreateDatabase(source_db);
  Execute(source_db, R"sql(
    CREATE TABLE people (
      id serial PRIMARY KEY,
      name varchar(40) NOT NULL DEFAULT 'unknown',
      email text UNIQUE,
      score numeric(10,2) CHECK (score >= 0),
      born timestamptz,
      day date,
      active boolean DEFAULT true,
      photo bytea,
      tags int[],
      doc jsonb,
      ratio double precision
    );
    CREATE INDEX people_lower_name ON people (lower(name)) WHERE active;
    CREATE SCHEMA social;
    CREATE TABLE social.posts (
      id bigserial PRIMARY KEY,
      author integer NOT NULL REFERENCES people ON DELETE CASCADE,
      body text,
      UNIQUE (author, id)
    );
    CREATE TABLE "Case Notes" ("Note ID" int PRIMARY KEY, "Written By" text,
                               post bigint, FOREIGN KEY (post) REFERENCES social.posts (id));
    INSERT INTO people (name, email, score, born, day, photo, tags, doc, ratio) VALUES
      ('Ann', 'a@x', 1.5, '2020-01-02 03:04:05+02', '2020-02-29', '\x00ff', '{1,NULL}',
       '{"k": [1, "tab\tquote\""]}', 0.1),
      ('', NULL, NULL, NULL, NULL, '\x', '{}', 'null', 'NaN'),
      (E'tab\there\nnew\\line', 'c@x', 0, 'infinity', '0001-01-01 BC', NULL, NULL, NULL, -0.0);
    INSERT INTO social.posts (author, body) VALUES (1, 'hi'), (3, E'\r\n'), (1, NULL);
    INSERT INTO "Case Notes" VALUES (1, 'Dr "Who"', 2), (2, NULL, NULL);
  )sql");
  const std::string target_db = FreshName("pgsink_copy_target");

  auto source = OpenPostgresSource(Uri(source_db));
  ASSERT_TRUE(source.ok()) << source.status().message();
  auto sink = OpenOrDie(target_db);
  ASSERT_TRUE(sink);
  for (const auto& name : (*source)->TableNames()) {
    auto schema = (*source)->Schema(name);
    ASSERT_TRUE(schema.ok()) << schema.status().message();
    auto writer = sink->CreateTable(*schema);
    ASSERT_TRUE(writer.ok()) << writer.status().message();
    auto reader = (*source)->Open(name);
    ASSERT_TRUE(reader.ok()) << reader.status().message();
    Batch batch;
    while (true) {
      auto more = (*reader)->Next(batch);
      ASSERT_TRUE(more.ok()) << more.status().message();
      if (!*more) break;
      const Status written = (*writer)->Write(batch);
      ASSERT_TRUE(written.ok()) << written.message();
    }
    ASSERT_TRUE((*writer)->Finish().ok());
  }
  const Status committed = sink->Commit();
  ASSERT_TRUE(committed.ok()) << committed.message();

  EXPECT_GT(Shape(source_db).size(), 30u);
  EXPECT_EQ(Shape(target_db), Shape(source_db));
  EXPECT_EQ(AllRows(target_db), AllRows(source_db));
  EXPECT_EQ(AllRows(target_db).size(), 8u);
  EXPECT_EQ(Value(target_db,
                  "SELECT nextval('people_id_seq') || ' ' || "
                  "nextval('social.posts_id_seq')"),
            "4 4");
}

}  // namespace
}  // namespace veil::postgres
