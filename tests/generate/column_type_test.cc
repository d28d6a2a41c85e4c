#include "generate/column_type.h"

#include <gtest/gtest.h>

namespace veil {
namespace {

TEST(ColumnTypeTest, ReadsSqliteNames) {
  EXPECT_EQ(ClassifyColumnType("INTEGER").value_class, ValueClass::kInteger);
  EXPECT_EQ(ClassifyColumnType("").value_class, ValueClass::kText);
  EXPECT_EQ(ClassifyColumnType("VARCHAR(8)").max_length, 8u);
  EXPECT_EQ(ClassifyColumnType("BLOB").value_class, ValueClass::kBlob);
  EXPECT_EQ(ClassifyColumnType("REAL").value_class, ValueClass::kReal);
  EXPECT_EQ(ClassifyColumnType("DATE").value_class, ValueClass::kDate);
  EXPECT_EQ(ClassifyColumnType("DATETIME").value_class, ValueClass::kTimestamp);
}

TEST(ColumnTypeTest, ReadsPostgresNamesThatAffinityWouldMisread) {
  EXPECT_EQ(ClassifyColumnType("interval").value_class, ValueClass::kInterval);
  EXPECT_EQ(ClassifyColumnType("point").value_class, ValueClass::kUnknown);
  EXPECT_EQ(ClassifyColumnType("integer[]").value_class, ValueClass::kArray);
  EXPECT_EQ(ClassifyColumnType("timestamp with time zone").value_class,
            ValueClass::kTimestampWithZone);
  EXPECT_EQ(ClassifyColumnType("timestamp without time zone").value_class, ValueClass::kTimestamp);
  EXPECT_EQ(ClassifyColumnType("time without time zone").value_class, ValueClass::kTime);
  EXPECT_EQ(ClassifyColumnType("character varying(48)").max_length, 48u);
  EXPECT_EQ(ClassifyColumnType("smallint").integer_digits, 4);
  EXPECT_EQ(ClassifyColumnType("integer").integer_digits, 9);
  const ColumnType money = ClassifyColumnType("numeric(6,2)");
  EXPECT_EQ(money.value_class, ValueClass::kDecimal);
  EXPECT_EQ(money.precision, 6);
  EXPECT_EQ(money.scale, 2);
  EXPECT_EQ(ClassifyColumnType("uuid").value_class, ValueClass::kUuid);
  EXPECT_EQ(ClassifyColumnType("jsonb").value_class, ValueClass::kJson);
  EXPECT_EQ(ClassifyColumnType("bytea").value_class, ValueClass::kBinary);
}

TEST(ColumnTypeTest, ReadsSqlServerNames) {
  EXPECT_EQ(ClassifyColumnType("nvarchar(48)").max_length, 48u);
  EXPECT_EQ(ClassifyColumnType("nchar(1)").max_length, 1u);
  EXPECT_EQ(ClassifyColumnType("bit").value_class, ValueClass::kBoolean);
  EXPECT_EQ(ClassifyColumnType("uniqueidentifier").value_class, ValueClass::kUuid);
  const ColumnType tiny = ClassifyColumnType("tinyint");
  EXPECT_EQ(tiny.integer_digits, 2);
  EXPECT_TRUE(tiny.unsigned_only);
}

}  // namespace
}  // namespace veil
