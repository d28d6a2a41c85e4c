#include "io/sqlite/schema_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace veil {
namespace {

namespace fs = std::filesystem;

class SchemaFileTest : public ::testing::Test {
 protected:
  fs::path Write(const std::string& text) {
    std::ofstream(path_) << text;
    return path_;
  }
  void TearDown() override { fs::remove(path_); }

  fs::path path_ = fs::temp_directory_path() / ("veil-schema-" + std::to_string(getpid()) + ".sql");
};

TEST_F(SchemaFileTest, ReadsTablesKeysIndexesAndViewsAndSkipsEverythingElse) {
  auto source = OpenSchemaFile(Write(R"sql(
SET NOCOUNT ON;
GO
CREATE TABLE [person] ([id] NVARCHAR(48) NOT NULL PRIMARY KEY, [dob] DATETIME);
GO
create table visit (visit_id integer primary key,
                    person_id nvarchar(48) references person(id), note text default 'x;y');
CREATE UNIQUE INDEX visit_once ON visit(person_id, visit_id);
CREATE VIEW recent AS SELECT * FROM visit;
INSERT INTO person VALUES ('C1', '2015-01-01');
GRANT SELECT ON person TO someone;
)sql")
                                   .string());
  ASSERT_TRUE(source.ok()) << source.status().message();
  Source& s = **source;
  EXPECT_EQ(s.TableNames(), (std::vector<std::string>{"person", "visit"}));
  auto person = s.Schema("person");
  ASSERT_TRUE(person.ok());
  EXPECT_EQ(person->columns[0].declared_type, "NVARCHAR(48)");
  EXPECT_EQ(person->columns[0].primary_key_position, 1);
  auto visit = s.Schema("visit");
  ASSERT_TRUE(visit.ok());
  ASSERT_EQ(visit->foreign_keys.size(), 1u);
  EXPECT_EQ(visit->foreign_keys[0].referenced_table, "person");
  EXPECT_EQ(visit->columns[2].default_sql, "'x;y'");
  bool unique = false;
  for (const auto& index : visit->indexes) unique = unique || index.name == "visit_once";
  EXPECT_TRUE(unique);
  EXPECT_TRUE(s.Views().ok());  // the view was accepted (SQLite sources carry no views)
  // The INSERT was never run: the table is empty.
  auto reader = s.Open("person");
  ASSERT_TRUE(reader.ok());
  Batch batch;
  auto more = (*reader)->Next(batch);
  ASSERT_TRUE(more.ok());
  EXPECT_FALSE(*more);
  EXPECT_NE(s.Describe().find("SQL schema file"), std::string::npos);
}

TEST_F(SchemaFileTest, NamesTheLineOfAStatementSqliteRefuses) {
  auto source = OpenSchemaFile(
      Write("CREATE TABLE a (x INTEGER);\n\nCREATE TABLE b (y INTEGER,,);\n").string());
  ASSERT_FALSE(source.ok());
  EXPECT_NE(source.status().message().find(": line 3: "), std::string::npos)
      << source.status().message();
}

TEST_F(SchemaFileTest, RefusesAMissingFile) {
  auto source = OpenSchemaFile((fs::temp_directory_path() / "veil-no-such-schema.sql").string());
  EXPECT_FALSE(source.ok());
}

}  // namespace
}  // namespace veil
