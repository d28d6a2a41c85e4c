// ClassifyColumn: the role and rule of one column from the three kinds of evidence (its
// name, its declared type and keys, the profile of its sampled values). Identifier and
// date rules name an entity the caller resolves for the whole source (scan/entities.h);
// until then they carry the marker kEntityMarker. Evidence lines are counts and shares,
// never a value. Where the evidence is weak or disagrees, the rule is the safer one
// (`null` rather than `keep`) and `review` says why.
#pragma once

#include <string_view>

#include "core/table_schema.h"
#include "scan/value_profile.h"
#include "veil/scan.h"

namespace veil::scan {

inline constexpr std::string_view kEntityMarker = "ENTITY";

struct Classification {
  ColumnFinding finding;
  bool names_entity = false;  // an identifier: pseudonymise with the column's entity
  bool shifts_dates = false;  // dates: shift with the row's entity
};

// `is_key`: the column is (part of) the primary key or of a foreign key.
Classification ClassifyColumn(const ColumnSchema& column, bool is_key, const ValueProfile& profile);

}  // namespace veil::scan
