// The PostgreSQL sink recreates what the PostgreSQL source reports beyond columns and
// keys: user types, identity and generated columns, sequences with their options and
// owners, collations, comments, named constraints and partitions. Schemas are built by
// hand here; tests/e2e/postgres_schema_fidelity_test.cc checks a whole copy.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "io/postgres/sink.h"
#include "io/postgres/sink_support.h"

namespace veil::postgres {
namespace {

ColumnSchema Positioned(ColumnSchema column, int position) {
  column.position = position;
  return column;
}

UserTypeSchema Mood(std::vector<std::string> columns) {
  return {"public", "mood", "CREATE TYPE public.mood AS ENUM ('calm', 'tense')",
          std::move(columns)};
}

TEST_F(PostgresSinkTest, CreatesTypesOncePerRunBeforeTheTablesNeedingThem) {
  const std::string db = FreshName("pgsink_types_made");
  auto sink = OpenOrDie(db);
  ASSERT_TRUE(sink);
  TableSchema people;
  people.name = "people";
  people.columns = {Col("id", "integer"), Col("feeling", "mood", false, "'calm'::mood"),
                    Col("steady", "social.steady_mood"), Col("span", "social.badrange")};
  people.types = {
      Mood({"feeling", "steady"}),
      {"social",
       "steady_mood",
       "CREATE DOMAIN social.steady_mood AS mood DEFAULT 'calm' NOT NULL "
       "CONSTRAINT not_tense CHECK ((VALUE <> 'tense'::mood))",
       {"steady"}},
      {"social", "only_dropped", "CREATE TYPE social.only_dropped AS ENUM ('x')", {"gone"}},
      {"social",
       "badrange",
       "CREATE TYPE social.badrange AS RANGE (SUBTYPE = integer, SUBTYPE_DIFF = no_such_fn)",
       {"span"}}};
  ASSERT_TRUE(WriteTable(*sink, people, {MakeBatch(4, {{"1", "tense", "calm", "[1,2)"}})}).ok());
  TableSchema visits;  // needs the same type: it is not created twice
  visits.name = "social.visits";
  visits.columns = {Col("kind", "mood", true)};
  visits.types = {Mood({"kind"})};
  ASSERT_TRUE(WriteTable(*sink, visits, {MakeBatch(1, {{"calm"}})}).ok());
  const Status committed = sink->Commit();
  ASSERT_TRUE(committed.ok()) << committed.message();

  EXPECT_EQ(ColumnTypes(db, "people"),
            (std::vector<std::string>{"integer", "mood", "social.steady_mood", "text"}));
  EXPECT_EQ(ColumnTypes(db, "social.visits"), std::vector<std::string>{"mood"});
  EXPECT_EQ(Value(db, "SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum"),
            "calm,tense");
  EXPECT_EQ(Value(db,
                  "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                  "WHERE contypid = 'social.steady_mood'::regtype"),
            "CHECK ((VALUE <> 'tense'::mood))");
  EXPECT_EQ(Value(db, "SELECT count(*) FROM pg_type WHERE typname IN ('only_dropped', 'badrange')"),
            "0");
  EXPECT_EQ(Value(db, "INSERT INTO people (id) VALUES (2) RETURNING feeling::text || steady::text"),
            "calmcalm");
}

TEST_F(PostgresSinkTest, ForceReplacesTypesAndAnExistingTypeIsOtherwiseKept) {
  const std::string db = FreshName("pgsink_types_forced");
  Execute("postgres", "CREATE DATABASE " + db);
  Execute(db, "CREATE TYPE mood AS ENUM ('old', 'calm', 'tense')");
  TableSchema t;
  t.name = "t";
  t.columns = {Col("m", "mood")};
  t.types = {Mood({"m"})};
  {
    auto sink = OpenOrDie(db);  // no tables: accepted; its type is used as it is
    ASSERT_TRUE(sink);
    ASSERT_TRUE(WriteTable(*sink, t, {MakeBatch(1, {{"calm"}})}).ok());
    ASSERT_TRUE(sink->Commit().ok());
  }
  EXPECT_EQ(Value(db, "SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum"),
            "old,calm,tense");
  auto sink = OpenOrDie(db, /*force=*/true);
  ASSERT_TRUE(sink);
  ASSERT_TRUE(WriteTable(*sink, t, {MakeBatch(1, {{"tense"}})}).ok());
  const Status committed = sink->Commit();
  ASSERT_TRUE(committed.ok()) << committed.message();
  EXPECT_EQ(Value(db, "SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum"),
            "calm,tense");
  EXPECT_EQ(Query(db, "SELECT m::text FROM t"), (Rows{{"tense"}}));
}

TEST_F(PostgresSinkTest, RecreatesIdentityGeneratedCollatedAndCommentedColumns) {
  const std::string db = FreshName("pgsink_columns");
  auto sink = OpenOrDie(db);
  ASSERT_TRUE(sink);
  TableSchema t;
  t.name = "social.t";
  t.comment = "It's a table";
  ColumnSchema id = Positioned(Col("id", "integer", true, std::nullopt, 1), 1);
  id.identity = "ALWAYS";
  id.identity_options = "SEQUENCE NAME social.t_id_seq START WITH 100 INCREMENT BY 2";
  ColumnSchema name = Positioned(Col("Name", "text"), 2);
  name.collation = "pg_catalog.\"C\"";
  name.comment = "Given name";
  ColumnSchema other = Positioned(Col("other", "text"), 5);
  other.collation = "public.\"no such collation\"";
  t.columns = {id, name, other};
  t.generated_columns = {{Positioned(Col("shout", "text", true), 3), "upper(\"Name\")", {"Name"}},
                         {Positioned(Col("gone", "integer"), 4), "length(dropped)", {"dropped"}},
                         {Positioned(Col("lost_type", "no_such_type"), 6), "1", {}}};
  t.generated_columns[0].column.comment = "Shouted";
  ASSERT_TRUE(WriteTable(*sink, t, {MakeBatch(3, {{"104", "Ann", "x"}, {"7", "Bob", "y"}})}).ok());
  const Status committed = sink->Commit();
  ASSERT_TRUE(committed.ok()) << committed.message();

  EXPECT_EQ(
      Query(db,
            "SELECT attname, attidentity::text, attgenerated::text, attcollation::regcollation"
            "::text, col_description(attrelid, attnum) FROM pg_attribute "
            "WHERE attrelid = 'social.t'::regclass AND attnum > 0 ORDER BY attnum"),
      (Rows{{"id", "a", "", "-", std::nullopt},
            {"Name", "", "", "\"C\"", "Given name"},
            {"shout", "", "s", "\"default\"", "Shouted"},
            {"other", "", "", "\"default\"", std::nullopt}}));
  EXPECT_EQ(Value(db, "SELECT obj_description('social.t'::regclass, 'pg_class')"), "It's a table");
  EXPECT_EQ(Query(db, "SELECT id, shout FROM social.t ORDER BY id"),
            (Rows{{"7", "BOB"}, {"104", "ANN"}}));
  EXPECT_EQ(Value(db, "INSERT INTO social.t (\"Name\") VALUES ('c') RETURNING id"), "106");
  EXPECT_EQ(Value(db,
                  "SELECT seqstart || ' ' || seqincrement FROM pg_sequence "
                  "WHERE seqrelid = 'social.t_id_seq'::regclass"),
            "100 2");
}

TEST_F(PostgresSinkTest, SequencesKeepTheirOptionsAndOwners) {
  const std::string db = FreshName("pgsink_sequences");
  auto sink = OpenOrDie(db);
  ASSERT_TRUE(sink);
  TableSchema t;
  t.name = "t";
  t.columns = {Col("id", "integer", true, "nextval('t_id_seq'::regclass)", 1),
               Col("ticket", "bigint", false, "nextval('other.tickets'::regclass)")};
  t.sequences = {{"other.tickets",
                  "AS bigint START WITH 1000 INCREMENT BY 5 MINVALUE 1 MAXVALUE 99999 CACHE 3"},
                 {"t_id_seq", "AS integer START WITH 1 INCREMENT BY 1", "id"}};
  ASSERT_TRUE(WriteTable(*sink, t, {MakeBatch(2, {{"3", "1005"}, {"4", "1010"}})}).ok());
  TableSchema u;  // draws from a sequence of another table's: created once, not owned
  u.name = "u";
  u.columns = {Col("n", "integer", false, "nextval('t_id_seq'::regclass)")};
  u.sequences = {{"t_id_seq", "AS integer START WITH 1 INCREMENT BY 1", ""}};
  ASSERT_TRUE(WriteTable(*sink, u, {MakeBatch(1, {{"9"}})}).ok());
  const Status committed = sink->Commit();
  ASSERT_TRUE(committed.ok()) << committed.message();
  EXPECT_EQ(Query(db,
                  "SELECT s.seqrelid::regclass::text, format_type(seqtypid, NULL), seqstart, "
                  "seqincrement, seqmax, seqcache, pg_get_serial_sequence('t', 'id') FROM "
                  "pg_sequence s ORDER BY 1"),
            (Rows{{"other.tickets", "bigint", "1000", "5", "99999", "3", "public.t_id_seq"},
                  {"t_id_seq", "integer", "1", "1", "2147483647", "1", "public.t_id_seq"}}));
  EXPECT_EQ(Value(db, "SELECT pg_get_serial_sequence('t', 'ticket') IS NULL"), "t");
  EXPECT_EQ(Value(db, "SELECT nextval('t_id_seq') || ' ' || nextval('other.tickets')"), "10 1015");
}

TEST_F(PostgresSinkTest, NamesConstraintsAsTheSourceDid) {
  const std::string db = FreshName("pgsink_named");
  auto sink = OpenOrDie(db);
  ASSERT_TRUE(sink);
  TableSchema parent;
  parent.name = "parent";
  parent.primary_key_name = "Parent Key";
  parent.columns = {Col("id", "integer", true, std::nullopt, 1), Col("span", "int4range")};
  parent.indexes = {{"apart", {"span"}, false, "", "EXCLUDE USING gist (span WITH &&)"}};
  parent.check_constraints = {"CONSTRAINT \"Positive\" CHECK ((id > 0))"};
  TableSchema child;
  child.name = "child";
  child.columns = {Col("parent_id", "integer")};
  child.foreign_keys = {{{"parent_id"},
                         "parent",
                         {"id"},
                         "",
                         "",
                         "Child's parent",
                         "FOREIGN KEY (parent_id) REFERENCES parent(id) DEFERRABLE"}};
  ASSERT_TRUE(WriteTable(*sink, parent, {MakeBatch(2, {{"1", "[1,3)"}, {"2", "[3,4)"}})}).ok());
  ASSERT_TRUE(WriteTable(*sink, child, {MakeBatch(1, {{"2"}})}).ok());
  const Status committed = sink->Commit();
  ASSERT_TRUE(committed.ok()) << committed.message();
  EXPECT_EQ(Query(db,
                  "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                  "WHERE connamespace = 'public'::regnamespace ORDER BY 1"),
            (Rows{{"Child's parent", "FOREIGN KEY (parent_id) REFERENCES parent(id) DEFERRABLE"},
                  {"Parent Key", "PRIMARY KEY (id)"},
                  {"Positive", "CHECK ((id > 0))"},
                  {"apart", "EXCLUDE USING gist (span WITH &&)"}}));
}

TableSchema Events() {
  TableSchema events;
  events.name = "events";
  events.columns = {Col("id", "integer", true), Col("kind", "text", true), Col("day", "date")};
  events.partition_by = "LIST (kind)";
  events.partitions = {{"events_a", "events", "FOR VALUES IN ('a')"},
                       {"archive.events_b", "events", "FOR VALUES IN ('b')", "RANGE (day)"},
                       {"events_b_old", "archive.events_b",
                        "FOR VALUES FROM (MINVALUE) TO "
                        "('2020-01-01')"},
                       {"events_b_new", "archive.events_b", "DEFAULT"}};
  events.indexes = {{"events_day",
                     {"day"},
                     false,
                     "CREATE INDEX events_day ON public.events "
                     "USING btree (day)"}};
  return events;
}

TEST_F(PostgresSinkTest, RecreatesPartitionsAndRoutesRowsThroughThem) {
  const std::string db = FreshName("pgsink_partitions");
  auto sink = OpenOrDie(db);
  ASSERT_TRUE(sink);
  ASSERT_TRUE(WriteTable(*sink, Events(),
                         {MakeBatch(3, {{"1", "a", "2021-01-01"},
                                        {"2", "b", "2019-05-05"},
                                        {"3", "b", "2022-02-02"}})})
                  .ok());
  const Status committed = sink->Commit();
  ASSERT_TRUE(committed.ok()) << committed.message();
  EXPECT_EQ(Query(db,
                  "SELECT c.oid::regclass::text, c.relkind::text, pg_get_partkeydef(c.oid), "
                  "pg_get_expr(c.relpartbound, c.oid), "
                  "(SELECT count(*) FROM pg_index i WHERE i.indrelid = c.oid) "
                  "FROM pg_class c WHERE c.relkind IN ('r', 'p') AND c.relname LIKE 'events%' "
                  "ORDER BY 1"),
            (Rows{{"archive.events_b", "p", "RANGE (day)", "FOR VALUES IN ('b')", "1"},
                  {"events", "p", "LIST (kind)", std::nullopt, "1"},
                  {"events_a", "r", std::nullopt, "FOR VALUES IN ('a')", "1"},
                  {"events_b_new", "r", std::nullopt, "DEFAULT", "1"},
                  {"events_b_old", "r", std::nullopt,
                   "FOR VALUES FROM (MINVALUE) TO ('2020-01-01')", "1"}}));
  EXPECT_EQ(Query(db, "SELECT tableoid::regclass::text, id FROM events ORDER BY id"),
            (Rows{{"events_a", "1"}, {"events_b_old", "2"}, {"events_b_new", "3"}}));
}

TEST_F(PostgresSinkTest, APartitionKeyOverAMissingColumnLeavesTheTablePlain) {
  const std::string db = FreshName("pgsink_partitions_gone");
  auto sink = OpenOrDie(db);
  ASSERT_TRUE(sink);
  TableSchema events = Events();
  events.columns.pop_back();  // "day" was dropped: archive.events_b cannot be partitioned
  events.indexes.clear();
  ASSERT_TRUE(WriteTable(*sink, events, {MakeBatch(2, {{"1", "a"}, {"2", "b"}})}).ok());
  TableSchema plain = Events();
  plain.name = "plain";
  plain.partitions.clear();
  plain.indexes.clear();
  plain.partition_by = "LIST (gone)";
  ASSERT_TRUE(WriteTable(*sink, plain, {MakeBatch(3, {{"1", "a", std::nullopt}})}).ok());
  const Status committed = sink->Commit();
  ASSERT_TRUE(committed.ok()) << committed.message();
  EXPECT_EQ(Query(db,
                  "SELECT oid::regclass::text, relkind::text FROM pg_class "
                  "WHERE relkind IN ('r', 'p') AND relname ~ '^(events|plain)' ORDER BY 1"),
            (Rows{{"archive.events_b", "r"}, {"events", "p"}, {"events_a", "r"}, {"plain", "r"}}));
  EXPECT_EQ(Value(db, "SELECT count(*) FROM events"), "2");
}

TEST_F(PostgresSinkTest, ARowThatFitsNoPartitionIsNamedSoWithoutItsValues) {
  const std::string db = FreshName("pgsink_partitions_miss");
  auto sink = OpenOrDie(db);
  ASSERT_TRUE(sink);
  const Status status =
      WriteTable(*sink, Events(), {MakeBatch(3, {{"1", "SECRET", std::nullopt}})});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), ErrorCode::kConflict);
  EXPECT_NE(status.message().find("fits no partition"), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("row 1"), std::string::npos) << status.message();
  EXPECT_EQ(status.message().find("SECRET"), std::string::npos) << status.message();
}

}  // namespace
}  // namespace veil::postgres
