// ColumnType: what kind of value a column's declared type takes, read from the type's
// text as SQLite (affinity words), PostgreSQL (catalog names) and SQL Server DDL
// (nvarchar, datetime, bit, uniqueidentifier) spell it. Pure; never fails: a type it
// does not know is kUnknown, and the caller decides (NULL where allowed, else an error).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace veil {

enum class ValueClass {
  kText,
  kInteger,
  kReal,
  kDecimal,
  kBoolean,
  kDate,
  kTimestamp,
  kTimestampWithZone,
  kTime,
  kUuid,
  kJson,
  kBinary,  // PostgreSQL bytea (hex text)
  kBlob,    // SQLite BLOB (bytes)
  kInet,
  kInterval,
  kArray,  // a PostgreSQL array: constructed empty ('{}')
  kUnknown,
};

struct ColumnType {
  ValueClass value_class = ValueClass::kUnknown;
  std::optional<size_t> max_length;  // characters, for text types that set one
  int integer_digits = 18;           // decimal digits every value of an integer type may have
  bool unsigned_only = false;        // tinyint (SQL Server): 0..255
  int precision = 0;                 // numeric(p, s): digits in all (0: not set)
  int scale = 0;                     // numeric(p, s): digits after the point
};

// The class of `declared_type`; an empty type (SQLite lets a column have none) is text.
ColumnType ClassifyColumnType(std::string_view declared_type);

}  // namespace veil
