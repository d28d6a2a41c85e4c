// DeclaredTextLength, IsIntegerType, DeclaredIntegerDigits and IsBinaryType on the type spellings
// of SQLite and PostgreSQL.
#include "core/declared_type.h"

#include <gtest/gtest.h>

namespace veil {
namespace {

TEST(DeclaredTypeTest, TextLengthsOfEverySpelling) {
  EXPECT_EQ(DeclaredTextLength("VARCHAR(48)"), 48u);
  EXPECT_EQ(DeclaredTextLength("nvarchar(12)"), 12u);
  EXPECT_EQ(DeclaredTextLength("character varying(7)"), 7u);
  EXPECT_EQ(DeclaredTextLength("CHAR(1)"), 1u);
}

TEST(DeclaredTypeTest, NoLengthWhereNoneIsSetOrItCannotBeRead) {
  for (const char* type : {"TEXT", "varchar", "numeric(10,2)", "varchar()", "varchar(12",
                           "varchar(-3)", "varchar(x)", "varchar(99999999999999999999)", ""}) {
    EXPECT_EQ(DeclaredTextLength(type), std::nullopt) << type;
  }
}

TEST(DeclaredTypeTest, IntegerTypesBySqlAffinity) {
  EXPECT_TRUE(IsIntegerType("INTEGER"));
  EXPECT_TRUE(IsIntegerType("bigint"));
  EXPECT_TRUE(IsIntegerType("SmallInt"));
  EXPECT_FALSE(IsIntegerType("TEXT"));
  EXPECT_FALSE(IsIntegerType(""));
}

TEST(DeclaredTypeTest, DigitsEveryValueOfANarrowIntegerTypeHolds) {
  EXPECT_EQ(DeclaredIntegerDigits("smallint"), 4u);
  EXPECT_EQ(DeclaredIntegerDigits("INT2"), 4u);
  EXPECT_EQ(DeclaredIntegerDigits("integer"), 9u);
  EXPECT_EQ(DeclaredIntegerDigits("int4"), 9u);
  for (const char* type : {"INTEGER", "bigint", "INT8", "text", "numeric(10,0)", ""}) {
    EXPECT_EQ(DeclaredIntegerDigits(type), std::nullopt) << type;
  }
}

TEST(DeclaredTypeTest, ByteaIsBinary) {
  EXPECT_TRUE(IsBinaryType("bytea"));
  EXPECT_TRUE(IsBinaryType("BYTEA"));
  EXPECT_FALSE(IsBinaryType("text"));
  EXPECT_FALSE(IsBinaryType("bytea[]"));
  EXPECT_FALSE(IsBinaryType(""));
}

}  // namespace
}  // namespace veil
