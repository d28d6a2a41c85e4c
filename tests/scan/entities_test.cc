// ResolveEntities: identifiers take the entity of the key they reference.
#include "scan/entities.h"

#include <gtest/gtest.h>

#include <fmt/format.h>

namespace veil::scan {
namespace {

Classification Key(const std::string& column) {
  Classification k;
  k.finding.column = column;
  k.finding.role = ColumnRole::kIdentifier;
  k.finding.rule = fmt::format("{{pseudonymise: {}}}", kEntityMarker);
  k.names_entity = true;
  return k;
}

ForeignKeySchema References(const std::string& column, const std::string& table,
                            const std::string& referenced) {
  ForeignKeySchema fk;
  fk.columns = {column};
  fk.referenced_table = table;
  fk.referenced_columns = {referenced};
  return fk;
}

ColumnSchema Column(const std::string& name, int primary_key_position = 0) {
  ColumnSchema column;
  column.name = name;
  column.declared_type = "NVARCHAR(48)";
  column.primary_key_position = primary_key_position;
  return column;
}

// Found by bench/ssd: ssd_department.dept_team_parent_id references dept_team_id of its
// own table, and was given an entity of its own ("parent"), so the join was lost.
TEST(EntitiesTest, AKeyReferencingItsOwnTableSharesTheReferencedEntity) {
  TableSchema department;
  department.name = "ssd_department";
  department.columns = {Column("dept_team_id", 1), Column("dept_team_parent_id")};
  department.foreign_keys.push_back(
      References("dept_team_parent_id", "ssd_department", "dept_team_id"));
  ScanReport report;
  report.tables.resize(1);
  ResolveEntities({department}, {{Key("dept_team_id"), Key("dept_team_parent_id")}}, report);
  ASSERT_EQ(report.tables[0].columns.size(), 2u);
  EXPECT_EQ(report.tables[0].columns[0].entity, "team");
  EXPECT_EQ(report.tables[0].columns[1].entity, "team");
  EXPECT_EQ(report.tables[0].columns[1].rule, "{pseudonymise: team}");
  ASSERT_EQ(report.entities.size(), 1u);
}

// A column whose foreign key names itself (a loop) falls back to its name.
TEST(EntitiesTest, AColumnReferencingItselfIsJudgedByItsName) {
  TableSchema table;
  table.name = "t";
  table.columns = {Column("case_id", 1)};
  table.foreign_keys.push_back(References("case_id", "t", "case_id"));
  ScanReport report;
  report.tables.resize(1);
  ResolveEntities({table}, {{Key("case_id")}}, report);
  EXPECT_EQ(report.tables[0].columns[0].entity, "case");
}

// Found by tests/e2e/scan_postgres_test.cc: a PostgreSQL `integer` key was drafted a
// 16-digit pseudonym, which no int4 holds, so `veil anonymise` stopped on the first row.
TEST(EntitiesTest, ADigitsPseudonymFitsTheKeysIntegerType) {
  const std::vector<std::pair<std::string, int>> cases = {
      {"integer", 9}, {"smallint", 4}, {"INT4", 9}, {"bigint", 16}, {"INTEGER", 16}};
  for (const auto& [type, length] : cases) {
    TableSchema table;
    table.name = "episodes";
    table.columns = {Column("episode_id", 1)};
    table.columns[0].declared_type = type;
    ScanReport report;
    report.tables.resize(1);
    ResolveEntities({table}, {{Key("episode_id")}}, report);
    ASSERT_EQ(report.entities.size(), 1u) << type;
    EXPECT_EQ(report.entities[0].alphabet, "digits") << type;
    EXPECT_EQ(report.entities[0].length, length) << type;
  }
}

}  // namespace
}  // namespace veil::scan
