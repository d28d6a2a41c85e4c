#include "veil/hierarchy.h"

#include <fmt/format.h>

#include "io/registry/location.h"
#include "policy/policy.h"
#include "privacy/encoded_table.h"
#include "privacy/hierarchy_file.h"
#include "privacy/quasi_identifier_spec.h"

namespace veil {
namespace {

struct Target {
  const TablePolicy* table = nullptr;
  QuasiIdentifierSpec spec;
};

Result<Target> FindQuasiIdentifier(const Policy& policy, const std::string& name) {
  const auto dot = name.rfind('.');
  const std::string table_name = dot == std::string::npos ? "" : name.substr(0, dot);
  const std::string column = dot == std::string::npos ? name : name.substr(dot + 1);
  std::vector<Target> found;
  for (const auto& table : policy.tables) {
    if (!table_name.empty() && table.name != table_name) continue;
    VEIL_ASSIGN_OR_RETURN(auto specs, QuasiIdentifierSpecs(table, policy));
    for (auto& spec : specs) {
      if (spec.column == column) found.push_back({&table, std::move(spec)});
    }
  }
  if (found.empty()) {
    return InvalidArgument(
        fmt::format("the policy has no quasi-identifier {} (a generalise rule "
                    "with a hierarchy, or rare)",
                    name));
  }
  if (found.size() > 1) {
    return InvalidArgument(
        fmt::format("several tables have a quasi-identifier {}: write "
                    "TABLE.{}",
                    column, column));
  }
  return found.front();
}

}  // namespace

Result<std::string> ExportHierarchy(const HierarchyExportOptions& options) {
  VEIL_ASSIGN_OR_RETURN(const Policy policy, LoadPolicy(options.policy_path));
  VEIL_ASSIGN_OR_RETURN(const Target target, FindQuasiIdentifier(policy, options.column));
  VEIL_ASSIGN_OR_RETURN(const Location location, ResolveSourceLocation(options.source));
  VEIL_ASSIGN_OR_RETURN(auto source, location.OpenSource(SourceOptions{options.csv_delimiter}));
  std::string table = target.table->name;
  const auto names = source->TableNames();
  if (std::find(names.begin(), names.end(), table) == names.end() && names.size() == 1) {
    table = names.front();  // a single CSV file pairs with the policy's table
  }
  VEIL_ASSIGN_OR_RETURN(auto reader, source->Open(table));
  VEIL_ASSIGN_OR_RETURN(const EncodedTable encoded, EncodeTable(*reader, {target.spec.column}, ""));
  // Checked against the data as a run would check it.
  VEIL_RETURN_IF_ERROR(BuildHierarchyFor(target.spec, encoded.dictionaries[0], table).status());
  VEIL_ASSIGN_OR_RETURN(const HierarchyTable rows,
                        BuildHierarchyRows(target.spec, encoded.dictionaries[0], table));
  return FormatHierarchy(rows);
}

}  // namespace veil
