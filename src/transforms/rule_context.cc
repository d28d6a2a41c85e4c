#include "transforms/rule_context.h"

#include <fmt/format.h>

#include "core/declared_type.h"

namespace veil {

Status RuleContext::Error(const std::string& what) const {
  return PolicyError(fmt::format("{}:{}: table {}, column {}: {}", run.policy->path, line,
                                 schema.name, column_name(), what));
}

EntityDigests& RuleContext::DigestsFor(const std::string& entity) const {
  auto& slot = run.digests[{schema.name, entity}];
  if (!slot) slot = std::make_unique<EntityDigests>(Prf("entity/" + entity));
  return *slot;
}

Result<const EntityPolicy*> RuleContext::Entity(const std::string& name) const {
  const auto it = run.policy->entities.find(name);
  if (it == run.policy->entities.end()) {
    return Error(fmt::format("entity '{}' is not declared under entities", name));
  }
  return &it->second;
}

Result<size_t> RuleContext::EntityKeyColumn(const std::string& entity) const {
  const auto it = table.keys.find(entity);
  if (it == table.keys.end()) {
    return Error(
        fmt::format("the table has no key for entity '{}'; add `keys: {{{}: "
                    "COLUMN}}` naming the column that identifies it",
                    entity, entity));
  }
  const int index = schema.ColumnIndex(it->second);
  if (index < 0) {
    return Error(
        fmt::format("key column '{}' of entity '{}' is not in the table", it->second, entity));
  }
  return static_cast<size_t>(index);
}

std::optional<size_t> RuleContext::DeclaredLength() const {
  return DeclaredTextLength(schema.columns[column_index].declared_type);
}

bool RuleContext::IntegerColumn() const {
  return IsIntegerType(schema.columns[column_index].declared_type);
}

}  // namespace veil
