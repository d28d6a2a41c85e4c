// ClassifyColumn: the role and rule of one column from the three kinds of evidence (its
// name, its declared type and keys, the profile of its sampled values). Identifier and
// date rules name an entity the caller resolves for the whole source (scan/entities.h);
// until then they carry the marker kEntityMarker. Evidence lines are counts and shares,
// never a value. Where the evidence is weak or disagrees, the rule is the safer one
// (`null` rather than `keep`) and `review` says why.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/table_schema.h"
#include "scan/json_fields.h"
#include "scan/value_profile.h"
#include "veil/scan.h"

namespace veil::scan {

inline constexpr std::string_view kEntityMarker = "ENTITY";

struct Classification {
  ColumnFinding finding;
  bool names_entity = false;  // an identifier: pseudonymise with the column's entity
  bool shifts_dates = false;  // dates: shift with the row's entity
  // A JSON column judged member by member: one classification per listed path, its
  // finding's column the path; `words` its member names, for the entity's name.
  std::vector<Classification> paths;
  std::string words;
};

// `is_key`: the column is (part of) the primary key or of a foreign key. `json`: the
// member paths of the column's documents (null when no cell opened like JSON).
Classification ClassifyColumn(const ColumnSchema& column, bool is_key, const ValueProfile& profile,
                              const JsonFields* json = nullptr);

// A classification for each member path `json` lists (scan/json_classify.cc): a path is
// judged as a column named by its member names would be; one whose values are sometimes
// objects or arrays gets `null`.
std::vector<Classification> ClassifyJsonPaths(const JsonFields& json);

// The `json` rule, as one line of policy YAML, that applies each path's rule and drops
// every member no path lists: `{json: {"$.a": keep, ..., unlisted: drop}}`.
std::string ComposeJsonRule(const std::vector<ColumnFinding>& paths);

}  // namespace veil::scan
