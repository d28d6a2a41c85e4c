#include "io/source.h"

namespace veil {

Result<std::vector<TableSchema>> ReadSchemas(const Source& source) {
  std::vector<TableSchema> schemas;
  for (const auto& name : source.TableNames()) {
    VEIL_ASSIGN_OR_RETURN(TableSchema schema, source.Schema(name));
    schemas.push_back(std::move(schema));
  }
  return schemas;
}

}  // namespace veil
