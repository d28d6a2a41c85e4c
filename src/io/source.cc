#include "io/source.h"

#include <fmt/format.h>

namespace veil {

Result<std::unique_ptr<TableReader>> Source::OpenWhere(const std::string& table,
                                                       const std::string& /*condition*/) {
  return InvalidArgument(
      fmt::format("{} does not evaluate SQL conditions (table {})", Describe(), table));
}

Result<std::unique_ptr<TableReader>> Source::OpenColumns(const std::string& table,
                                                         const std::vector<int>& /*columns*/) {
  return InvalidArgument(
      fmt::format("{} does not read chosen columns alone (table {})", Describe(), table));
}

TableSchema ProjectSchema(const TableSchema& schema, const std::vector<int>& columns) {
  TableSchema projected;
  projected.name = schema.name;
  for (const int c : columns) projected.columns.push_back(schema.columns[static_cast<size_t>(c)]);
  return projected;
}

Result<std::string> Source::SqlLiteral(std::string_view cell, CellKind /*kind*/) const {
  if (cell.find('\0') != std::string_view::npos) {
    return InvalidArgument("a key holds a NUL byte, which no SQL literal can hold");
  }
  std::string literal = "'";
  for (const char c : cell) {
    literal += c;
    if (c == '\'') literal += '\'';
  }
  return literal + "'";
}

std::string Source::SqlIdentifier(std::string_view name) const {
  std::string quoted = "\"";
  for (const char c : name) {
    quoted += c;
    if (c == '"') quoted += '"';
  }
  return quoted + "\"";
}

std::string WithoutQuotedText(std::string_view reason) {
  std::string out;
  char quote = 0;
  for (const char c : reason) {
    if (quote != 0) {
      if (c == quote) {
        quote = 0;
        out += "...";
        out += c;
      }
      continue;
    }
    out += c;
    if (c == '"' || c == '\'') quote = c;
  }
  if (quote != 0) out += "...";
  return out;
}

Result<std::vector<TableSchema>> ReadSchemas(const Source& source) {
  std::vector<TableSchema> schemas;
  for (const auto& name : source.TableNames()) {
    VEIL_ASSIGN_OR_RETURN(TableSchema schema, source.Schema(name));
    schemas.push_back(std::move(schema));
  }
  return schemas;
}

}  // namespace veil
