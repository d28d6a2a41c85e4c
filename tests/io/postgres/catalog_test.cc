// The PostgreSQL source's catalog reading (io/postgres/catalog.h): every schema feature
// a TableSchema carries, and row estimates.
#include "io/postgres/catalog.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "io/postgres/source_support.h"

namespace veil::postgres {
namespace {

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
            std::vector<std::string>{
                "CONSTRAINT people_balance_check CHECK ((balance >= (0)::numeric))"});
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
  EXPECT_EQ(workers->check_constraints,
            std::vector<std::string>{"CONSTRAINT workers_check CHECK ((boss <> id))"});

  auto big = source->Schema("big");
  ASSERT_TRUE(big.ok()) << big.status().message();
  ASSERT_EQ(big->columns.size(), 2u);  // the generated column is not data
  ASSERT_EQ(big->generated_columns.size(), 1u);
  EXPECT_EQ(big->generated_columns[0].column.name, "twice");
  EXPECT_EQ(big->generated_columns[0].column.declared_type, "integer");
  EXPECT_EQ(big->generated_columns[0].column.position, 3);
  EXPECT_EQ(big->generated_columns[0].expression, "(n * 2)");
  EXPECT_EQ(big->generated_columns[0].columns, std::vector<std::string>{"n"});
  EXPECT_EQ(big->columns[1].position, 2);
}

TEST_F(PostgresSourceTest, ReadsTypesSequencesIdentityCommentsAndPartitions) {
  auto source = OpenSource();
  ASSERT_NE(source, nullptr);
  auto people = source->Schema("people");
  ASSERT_TRUE(people.ok()) << people.status().message();
  ASSERT_EQ(people->types.size(), 1u);
  EXPECT_EQ(people->types[0].schema, "public");
  EXPECT_EQ(people->types[0].name, "mood");
  EXPECT_EQ(people->types[0].create_sql, "CREATE TYPE public.mood AS ENUM ('calm', 'tense')");
  EXPECT_EQ(people->types[0].columns, std::vector<std::string>{"feeling"});
  ASSERT_EQ(people->sequences.size(), 1u);
  EXPECT_EQ(people->sequences[0].name, "people_id_seq");
  EXPECT_EQ(people->sequences[0].options,
            "AS integer START WITH 1 INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 CACHE 1 "
            "NO CYCLE");
  EXPECT_EQ(people->sequences[0].owned_by, "id");
  EXPECT_EQ(people->primary_key_name, "people_pkey");
  EXPECT_EQ(people->indexes[0].definition, "UNIQUE (email)");
  EXPECT_EQ(people->columns[0].identity, "");

  auto visits = source->Schema("visits");
  ASSERT_TRUE(visits.ok()) << visits.status().message();
  ASSERT_EQ(visits->foreign_keys.size(), 1u);
  EXPECT_EQ(visits->foreign_keys[0].name, "visits_person_id_fkey");
  EXPECT_EQ(visits->foreign_keys[0].definition,
            "FOREIGN KEY (person_id) REFERENCES people(id) ON DELETE CASCADE");
  EXPECT_TRUE(visits->types.empty());

  auto workers = source->Schema("social.workers");
  ASSERT_TRUE(workers.ok()) << workers.status().message();
  ASSERT_EQ(workers->types.size(), 1u);
  EXPECT_EQ(workers->types[0].create_sql, "CREATE TYPE social.tier AS ENUM ('gold', 'silver')");

  auto log = source->Schema("log");
  ASSERT_TRUE(log.ok()) << log.status().message();
  EXPECT_EQ(log->comment, "What happened");
  EXPECT_EQ(log->columns[0].comment, "Free text");
  EXPECT_EQ(log->columns[0].collation, "pg_catalog.\"C\"");
  EXPECT_EQ(log->columns[1].collation, "");
  EXPECT_EQ(log->columns[2].identity, "BY DEFAULT");
  EXPECT_EQ(log->columns[2].identity_options,
            "SEQUENCE NAME public.log_seq_seq START WITH 10 INCREMENT BY 5 MINVALUE 1 MAXVALUE "
            "2147483647 CACHE 1 NO CYCLE");
  EXPECT_FALSE(log->columns[2].default_sql.has_value());
  EXPECT_TRUE(log->sequences.empty());

  auto events = source->Schema("events");
  ASSERT_TRUE(events.ok()) << events.status().message();
  EXPECT_EQ(events->partition_by, "LIST (kind)");
  ASSERT_EQ(events->partitions.size(), 2u);
  EXPECT_EQ(events->partitions[0].name, "events_a");
  EXPECT_EQ(events->partitions[0].parent, "events");
  EXPECT_EQ(events->partitions[0].bound, "FOR VALUES IN ('a')");
  EXPECT_EQ(events->partitions[1].name, "events_b");
  EXPECT_TRUE(people->partition_by.empty());
  EXPECT_TRUE(people->partitions.empty());
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

// The estimate of a plain table is its reltuples; of a partitioned table, the sum over
// its leaf partitions (0 without any); -1 while any of these was never analysed.
TEST_F(PostgresSourceTest, EstimatesRowsOfPlainAndPartitionedTables) {
  const std::string db = "veil_pg_estimates";
  server().CreateDatabase(db);
  server().Execute(db, R"sql(
    CREATE TABLE fresh (n int) WITH (autovacuum_enabled = false);
    INSERT INTO fresh SELECT generate_series(1, 5);
    CREATE TABLE no_parts (n int) PARTITION BY RANGE (n);
    CREATE TABLE parts (k int, n int) PARTITION BY LIST (k);
    CREATE TABLE parts_1 PARTITION OF parts FOR VALUES IN (1) WITH (autovacuum_enabled = false);
    CREATE TABLE parts_2 PARTITION OF parts FOR VALUES IN (2) PARTITION BY LIST (n);
    CREATE TABLE parts_2a PARTITION OF parts_2 DEFAULT WITH (autovacuum_enabled = false);
    INSERT INTO parts SELECT 1 + g % 2, g FROM generate_series(1, 30) g;
    ANALYZE parts_1;
  )sql");
  const auto estimate = [&](Source& source, const std::string& table) {
    auto reader = source.Open(table);
    EXPECT_TRUE(reader.ok()) << reader.status().message();
    return reader.ok() ? (*reader)->EstimatedRows() : -2;
  };
  auto before = OpenSource(db);
  ASSERT_NE(before, nullptr);
  EXPECT_EQ(estimate(*before, "fresh"), -1);
  EXPECT_EQ(estimate(*before, "no_parts"), 0);
  EXPECT_EQ(estimate(*before, "parts"), -1);  // parts_2a was never analysed
  server().Execute(db, "ANALYZE fresh; ANALYZE parts_2a;");
  auto after = OpenSource(db);
  ASSERT_NE(after, nullptr);
  EXPECT_EQ(estimate(*after, "fresh"), 5);
  EXPECT_EQ(estimate(*after, "parts"), 30);
  auto fixture = OpenSource();
  ASSERT_NE(fixture, nullptr);
  EXPECT_EQ(estimate(*fixture, "events"), 2);
  EXPECT_EQ(estimate(*fixture, "log"), 2);
}

}  // namespace
}  // namespace veil::postgres
