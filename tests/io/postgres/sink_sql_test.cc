// Parts of the PostgreSQL sink that need no server: COPY encoding, COPY error context,
// and the SQL built from schemas. See sink_test.cc for the sink itself.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "io/postgres/copy_writer.h"
#include "io/postgres/sink_sql.h"

namespace veil::postgres {
namespace {

ColumnSchema Typed(std::string name, std::string type, int position = 0) {
  ColumnSchema column;
  column.name = std::move(name);
  column.declared_type = std::move(type);
  column.position = position;
  return column;
}

TEST(PostgresSinkSqlTest, EncodesCellsInCopyTextFormat) {
  Column column;
  column.AppendNull();
  column.Append("");
  column.Append("a\tb\nc\rd\\e");
  column.Append("42", CellKind::kInteger);
  column.Append(std::string("\x01\xab", 2), CellKind::kBlob);
  std::string out;
  for (size_t row = 0; row < column.size(); ++row) {
    AppendCopyCell(out, column, row);
    out += '|';
  }
  EXPECT_EQ(out, "\\N||a\\tb\\nc\\rd\\\\e|42|\\\\x01ab|");
}

TEST(PostgresSinkSqlTest, FindsLineAndColumnInCopyContext) {
  const std::vector<std::string> columns = {"a", "a: b", "code"};
  auto position =
      ParseCopyContext("COPY codes, line 12, column code: \"SECRET\"", "codes", columns);
  EXPECT_EQ(position.line, 12);
  EXPECT_EQ(position.column, "code");
  position = ParseCopyContext("COPY t, line 3, column a: b: \"x\"", "t", columns);
  EXPECT_EQ(position.column, "a: b");
  position = ParseCopyContext("COPY t, line 7: \"1\tx\"", "t", columns);
  EXPECT_EQ(position.line, 7);
  EXPECT_EQ(position.column, "");
  EXPECT_EQ(ParseCopyContext("SQL function", "t", columns).line, 0);
}

TEST(PostgresSinkSqlTest, FindsNextvalSequenceNames) {
  EXPECT_EQ(NextvalNames("nextval('people_id_seq'::regclass)"),
            std::vector<std::string>{"people_id_seq"});
  EXPECT_EQ(NextvalNames("nextval('social.\"it''s\"'::regclass)"),
            std::vector<std::string>{"social.\"it's\""});
  EXPECT_EQ(NextvalNames("(nextval('a'::regclass) + nextval('b'::regclass))"),
            (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(NextvalNames("'nextval(''x'')'::text").empty());
  EXPECT_TRUE(NextvalNames("nextval('x')").empty());
  EXPECT_TRUE(IsPlainNextval("nextval('social.\"it''s\"'::regclass)", "social.\"it's\""));
  EXPECT_FALSE(IsPlainNextval("(nextval('a'::regclass) + 1)", "a"));
}

TEST(PostgresSinkSqlTest, BuildsTablesIndexesConstraintsAndSequenceMoves) {
  TableSchema schema;
  schema.name = "social.Case Notes";
  schema.columns = {{"b", "integer", false, std::nullopt, 2},
                    {"a \"x\"", "text", true, std::nullopt, 1}};
  schema.indexes = {{"u", {"b"}, true, ""},
                    {"i", {"a \"x\"", "b"}, false, ""},
                    {"v", {"b"}, false, "CREATE INDEX v ON social.t USING btree (b)"},
                    {"gone", {"dropped"}, false, "CREATE INDEX gone ON t (dropped)"}};
  schema.foreign_keys = {{{"b"}, "parent", {}, "CASCADE", "SET NULL"},
                         {{"dropped"}, "parent", {}, "", ""}};
  schema.check_constraints = {"CHECK ((b > 0))"};
  const OutputTable table = DescribeOutput(SplitTableName(schema.name), schema);
  EXPECT_EQ(table.name.Sql(), "\"social\".\"Case Notes\"");
  EXPECT_EQ(CreateTableSql(table, {"c1", "c2"}), "CREATE TABLE \"social\".\"Case Notes\" (c1, c2)");
  EXPECT_EQ(PrimaryKeySql(table),
            "ALTER TABLE \"social\".\"Case Notes\" ADD PRIMARY KEY (\"a \"\"x\"\"\", \"b\")");
  ASSERT_EQ(table.indexes.size(), 3u);
  EXPECT_EQ(IndexSql(table, table.indexes[0]),
            "ALTER TABLE \"social\".\"Case Notes\" ADD CONSTRAINT \"u\" UNIQUE (\"b\")");
  EXPECT_EQ(IndexSql(table, table.indexes[1]),
            "CREATE INDEX \"i\" ON \"social\".\"Case Notes\" (\"a \"\"x\"\"\", \"b\")");
  EXPECT_EQ(IndexSql(table, table.indexes[2]), schema.indexes[2].create_sql);
  ASSERT_EQ(table.foreign_keys.size(), 1u);
  EXPECT_EQ(ForeignKeySql(table, table.foreign_keys[0], SplitTableName("parent")),
            "ALTER TABLE \"social\".\"Case Notes\" ADD FOREIGN KEY (\"b\") REFERENCES "
            "\"public\".\"parent\" ON DELETE CASCADE ON UPDATE SET NULL");
  EXPECT_EQ(CheckSql(table, table.checks[0]),
            "ALTER TABLE \"social\".\"Case Notes\" ADD CHECK ((b > 0))");
  EXPECT_EQ(AdvanceSql({"\"public\".\"s\"", {{"\"public\".\"t\"", "id"}, {"\"x\".\"u\"", "n"}}}),
            "SELECT setval(s.seqrelid, x.m) FROM (SELECT GREATEST((SELECT max(\"id\") FROM "
            "\"public\".\"t\"), (SELECT max(\"n\") FROM \"x\".\"u\")) AS m) AS x "
            "JOIN pg_sequence s ON s.seqrelid = '\"public\".\"s\"'::regclass "
            "WHERE s.seqincrement > 0 AND x.m >= s.seqstart AND x.m <= s.seqmax");
  EXPECT_EQ(AdvanceIdentitySql("\"x\".\"it's\"", "id"),
            "SELECT setval(s.seqrelid, x.m) FROM (SELECT (SELECT max(\"id\") FROM \"x\".\"it's\") "
            "AS m) AS x JOIN pg_sequence s ON s.seqrelid = "
            "pg_get_serial_sequence('\"x\".\"it''s\"', 'id')::regclass "
            "WHERE s.seqincrement > 0 AND x.m >= s.seqstart AND x.m <= s.seqmax");
}

TEST(PostgresSinkSqlTest, NamesConstraintsAndUsesTheirDefinitions) {
  TableSchema schema;
  schema.name = "t";
  schema.columns = {{"a", "integer", true, std::nullopt, 1}, Typed("b", "tsrange")};
  schema.primary_key_name = "t key";
  schema.indexes = {{"u", {"a"}, true, "", "UNIQUE NULLS NOT DISTINCT (a)"},
                    {"x", {"b"}, false, "", "EXCLUDE USING gist (b WITH &&)"}};
  schema.foreign_keys = {{{"a"}, "p", {"id"}, "", "", "t_a_fkey"},
                         {{"a"}, "p", {"id"}, "", "", "named", "FOREIGN KEY (a) REFERENCES p(id)"}};
  schema.partition_by = "RANGE (a)";
  const OutputTable table = DescribeOutput(SplitTableName(schema.name), schema);
  EXPECT_EQ(CreateTableSql(table, {"c"}),
            "CREATE TABLE \"public\".\"t\" (c) PARTITION BY RANGE (a)");
  EXPECT_EQ(PrimaryKeySql(table),
            "ALTER TABLE \"public\".\"t\" ADD CONSTRAINT \"t key\" PRIMARY KEY (\"a\")");
  EXPECT_EQ(IndexSql(table, table.indexes[0]),
            "ALTER TABLE \"public\".\"t\" ADD CONSTRAINT \"u\" UNIQUE NULLS NOT DISTINCT (a)");
  EXPECT_EQ(IndexSql(table, table.indexes[1]),
            "ALTER TABLE \"public\".\"t\" ADD CONSTRAINT \"x\" EXCLUDE USING gist (b WITH &&)");
  EXPECT_EQ(ForeignKeySql(table, table.foreign_keys[0], SplitTableName("p")),
            "ALTER TABLE \"public\".\"t\" ADD CONSTRAINT \"t_a_fkey\" FOREIGN KEY (\"a\") "
            "REFERENCES \"public\".\"p\" (\"id\")");
  EXPECT_EQ(
      ForeignKeySql(table, table.foreign_keys[1], SplitTableName("p")),
      "ALTER TABLE \"public\".\"t\" ADD CONSTRAINT \"named\" FOREIGN KEY (a) REFERENCES p(id)");
  EXPECT_EQ(PartitionSql({"s.t_1", "t", "FOR VALUES FROM (1) TO (5)", "LIST (b)"}, true),
            "CREATE TABLE \"s\".\"t_1\" PARTITION OF \"public\".\"t\" FOR VALUES FROM (1) TO (5) "
            "PARTITION BY LIST (b)");
  EXPECT_EQ(PartitionSql({"t_2", "t", "DEFAULT", "LIST (b)"}, false),
            "CREATE TABLE \"public\".\"t_2\" PARTITION OF \"public\".\"t\" DEFAULT");
  EXPECT_EQ(CommentSql(table, nullptr, "it's"), "COMMENT ON TABLE \"public\".\"t\" IS 'it''s'");
  const std::string column = "b";
  EXPECT_EQ(CommentSql(table, &column, "x"), "COMMENT ON COLUMN \"public\".\"t\".\"b\" IS 'x'");
}

TEST(PostgresSinkSqlTest, PlacesGeneratedColumnsInTableOrderUnlessTheirInputsAreGone) {
  TableSchema schema;
  schema.name = "t";
  schema.columns = {Typed("a", "integer", 1), Typed("c", "integer", 4)};
  schema.generated_columns = {{Typed("b", "integer", 2), "(a * 2)", {"a"}},
                              {Typed("gone", "integer", 3), "(dropped + 1)", {"dropped"}}};
  const auto kept = KeptGeneratedColumns(schema);
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0]->column.name, "b");
  const OutputTable table = DescribeOutput(SplitTableName(schema.name), schema);
  EXPECT_EQ(table.columns, (std::set<std::string>{"a", "b", "c"}));
  EXPECT_EQ(InTableOrder({{1, "a"}, {4, "c"}, {2, "b"}}),
            (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(InTableOrder({{0, "a"}, {0, "c"}, {2, "b"}}),
            (std::vector<std::string>{"a", "c", "b"}));
}

TEST(PostgresSinkSqlTest, SplitsTableNamesAtTheFirstDot) {
  EXPECT_EQ(SplitTableName("t"), (TableName{"public", "t"}));
  EXPECT_EQ(SplitTableName("social.posts"), (TableName{"social", "posts"}));
  EXPECT_EQ(SplitTableName("public.a.b"), (TableName{"public", "a.b"}));
}

}  // namespace
}  // namespace veil::postgres
