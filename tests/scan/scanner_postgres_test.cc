// Scan() on PostgreSQL: a bytea column is binary however its values repeat. The server
// sends bytea as hex text ("\x89504e47..."), which the profile would otherwise read as
// text; a column of a few distinct images was drafted `keep`.
#include <gtest/gtest.h>

#include <algorithm>

#include "support/postgres_server.h"
#include "veil/scan.h"

namespace veil {
namespace {

using veil::testing::SharedPostgres;

TEST(ScannerPostgresTest, ByteaIsBinaryEvenWhenItsValuesRepeat) {
  auto& pg = SharedPostgres();
  ASSERT_TRUE(pg.ok()) << pg.error();
  pg.CreateDatabase("scan_bytea");
  pg.Execute("scan_bytea", R"(
    CREATE TABLE pictures (avatar bytea, unique_photo bytea);
    INSERT INTO pictures SELECT decode(lpad(to_hex(g % 3), 8, 'a0'), 'hex'),
                                decode(md5(g::text), 'hex')
      FROM generate_series(1, 300) g;
  )");
  ScanOptions options;
  options.source = pg.Uri("scan_bytea");
  const auto report = Scan(options);
  ASSERT_TRUE(report.ok()) << report.status().message();
  ASSERT_EQ(report->tables.size(), 1u);
  const auto& columns = report->tables[0].columns;
  ASSERT_EQ(columns.size(), 2u);
  for (const ColumnFinding& column : columns) {
    EXPECT_EQ(column.rule, "null") << column.column;
    EXPECT_EQ(column.role, ColumnRole::kFreeText) << column.column;
    EXPECT_NE(std::find(column.evidence.begin(), column.evidence.end(), "100% are binary (BLOBs)"),
              column.evidence.end())
        << column.column;
  }
  pg.Execute("postgres", "DROP DATABASE scan_bytea");
}

}  // namespace
}  // namespace veil
