#include "core/schema_text.h"

#include <fmt/format.h>

#include <set>
#include <utility>

namespace veil {
namespace {

void Add(std::vector<SchemaText>& out, SchemaTextKind kind, const std::string& owner,
         const std::string& column, std::string item, const std::string& text) {
  if (text.empty()) return;
  out.push_back(SchemaText{kind, owner, column, std::move(item), text});
}

void AddColumn(std::vector<SchemaText>& out, const std::string& table, const ColumnSchema& column) {
  if (column.default_sql) {
    Add(out, SchemaTextKind::kColumnDefault, table, column.name, "", *column.default_sql);
  }
  Add(out, SchemaTextKind::kColumnComment, table, column.name, "", column.comment);
}

}  // namespace

std::vector<SchemaText> ListSchemaText(const TableSchema& table) {
  std::vector<SchemaText> out;
  const std::string& name = table.name;
  Add(out, SchemaTextKind::kTableComment, name, "", "", table.comment);
  for (const auto& column : table.columns) AddColumn(out, name, column);
  for (const auto& generated : table.generated_columns) {
    Add(out, SchemaTextKind::kColumnComment, name, generated.column.name, "",
        generated.column.comment);
    Add(out, SchemaTextKind::kGenerated, name, generated.column.name, "", generated.expression);
  }
  for (size_t i = 0; i < table.check_constraints.size(); ++i) {
    Add(out, SchemaTextKind::kCheck, name, "", std::to_string(i + 1), table.check_constraints[i]);
  }
  for (const auto& index : table.indexes) {
    Add(out, SchemaTextKind::kIndex, name, "", index.name,
        index.create_sql.empty() ? index.definition : index.create_sql);
  }
  for (const auto& partition : table.partitions) {
    Add(out, SchemaTextKind::kPartition, name, "", partition.name, partition.bound);
  }
  for (const auto& type : table.types) {
    Add(out, SchemaTextKind::kType, type.schema + "." + type.name, "", "", type.create_sql);
  }
  return out;
}

std::vector<SchemaText> ListSchemaText(const ViewSchema& view) {
  std::vector<SchemaText> out;
  const std::string item = view.materialized ? "materialized" : "";
  Add(out, SchemaTextKind::kViewDefinition, view.name, "", item, view.definition);
  Add(out, SchemaTextKind::kViewComment, view.name, "", item, view.comment);
  return out;
}

std::vector<SchemaText> ListSchemaText(const std::vector<TableSchema>& tables,
                                       const std::vector<ViewSchema>& views) {
  std::vector<SchemaText> out;
  std::set<std::string> types;
  for (const auto& table : tables) {
    for (auto& text : ListSchemaText(table)) {
      if (text.kind == SchemaTextKind::kType && !types.insert(text.owner).second) continue;
      out.push_back(std::move(text));
    }
  }
  for (const auto& view : views) {
    for (auto& text : ListSchemaText(view)) out.push_back(std::move(text));
  }
  return out;
}

std::string DescribeSchemaText(const SchemaText& text) {
  switch (text.kind) {
    case SchemaTextKind::kColumnDefault:
      return fmt::format("the default of column {} of table {}", text.column, text.owner);
    case SchemaTextKind::kTableComment:
      return fmt::format("the comment on table {}", text.owner);
    case SchemaTextKind::kColumnComment:
      return fmt::format("the comment on column {} of table {}", text.column, text.owner);
    case SchemaTextKind::kCheck:
      return fmt::format("CHECK constraint {} of table {}", text.item, text.owner);
    case SchemaTextKind::kGenerated:
      return fmt::format("the expression of generated column {} of table {}", text.column,
                         text.owner);
    case SchemaTextKind::kIndex:
      return fmt::format("the definition of index {} of table {}", text.item, text.owner);
    case SchemaTextKind::kPartition:
      return fmt::format("the bound of partition {} of table {}", text.item, text.owner);
    case SchemaTextKind::kType:
      return fmt::format("the definition of type {}", text.owner);
    case SchemaTextKind::kViewDefinition:
      return fmt::format("the definition of view {}", text.owner);
    case SchemaTextKind::kViewComment:
      return fmt::format("the comment on view {}", text.owner);
  }
  return "schema text";
}

bool IsRemovableSchemaText(SchemaTextKind kind) {
  return kind == SchemaTextKind::kColumnDefault || kind == SchemaTextKind::kTableComment ||
         kind == SchemaTextKind::kColumnComment || kind == SchemaTextKind::kViewComment;
}

}  // namespace veil
