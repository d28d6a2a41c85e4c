// ClassifyJsonPaths and ComposeJsonRule: a JSON column's member paths judged as columns,
// and the `json` rule they make up.
#include <fmt/format.h>

#include "core/table_schema.h"
#include "scan/classify.h"

namespace veil::scan {

std::vector<Classification> ClassifyJsonPaths(const JsonFields& json) {
  std::vector<Classification> paths;
  for (const JsonFieldPath* field : json.Listed()) {
    // A path that only ever held objects or arrays is a way to its members, listed
    // themselves: it needs no rule of its own.
    if (field->values->values() == 0 && field->containers > 0) continue;
    ColumnSchema member;
    member.name = field->words;
    Classification path = ClassifyColumn(member, /*is_key=*/false, *field->values);
    path.finding.column = field->path;
    path.words = field->words;
    path.finding.evidence.insert(
        path.finding.evidence.begin(),
        fmt::format("in {} of {} documents", field->documents, json.documents()));
    if (field->containers > 0 && path.finding.rule != "null") {
      path.names_entity = path.shifts_dates = false;
      path.finding.rule = "null";
      path.finding.review =
          "sometimes a value, sometimes an object or array: a rule applies to values only";
    }
    paths.push_back(std::move(path));
  }
  return paths;
}

std::string ComposeJsonRule(const std::vector<ColumnFinding>& paths) {
  std::string rule = "{json: {";
  for (const ColumnFinding& path : paths) {
    // A listed path is `$`, `.name` (field-shaped) and `[*]` steps: nothing to escape.
    rule += fmt::format("\"{}\": {}, ", path.column, path.rule);
  }
  return rule + "unlisted: drop}}";
}

}  // namespace veil::scan
