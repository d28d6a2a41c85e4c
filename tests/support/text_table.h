// Test support: a TableSchema of TEXT columns, the shape CSV sources produce.
#pragma once

#include <string>
#include <vector>

#include "core/table_schema.h"

namespace veil::testing {

inline TableSchema TextTable(const std::string& name, const std::vector<std::string>& columns) {
  TableSchema table;
  table.name = name;
  for (const auto& column : columns) {
    ColumnSchema schema;
    schema.name = column;
    schema.declared_type = "TEXT";
    table.columns.push_back(schema);
  }
  return table;
}

}  // namespace veil::testing
