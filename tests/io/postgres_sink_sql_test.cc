// Parts of the PostgreSQL sink that need no server: COPY encoding, COPY error context,
// and the SQL built from schemas. See postgres_sink_test.cc for the sink itself.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "io/postgres_copy_writer.h"
#include "io/postgres_sink_sql.h"

namespace veil::pgsink {
namespace {

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
  EXPECT_EQ(
      CreateTableSql(table, {"c1", "c2"}),
      "CREATE TABLE \"social\".\"Case Notes\" (c1, c2, PRIMARY KEY (\"a \"\"x\"\"\", \"b\"))");
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
            "SELECT setval('\"public\".\"s\"', m) FROM (SELECT GREATEST((SELECT max(\"id\") FROM "
            "\"public\".\"t\"), (SELECT max(\"n\") FROM \"x\".\"u\")) AS m) AS x WHERE m >= 1");
}

TEST(PostgresSinkSqlTest, SplitsTableNamesAtTheFirstDot) {
  EXPECT_EQ(SplitTableName("t"), (TableName{"public", "t"}));
  EXPECT_EQ(SplitTableName("social.posts"), (TableName{"social", "posts"}));
  EXPECT_EQ(SplitTableName("public.a.b"), (TableName{"public", "a.b"}));
}

}  // namespace
}  // namespace veil::pgsink
