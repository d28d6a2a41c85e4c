// Generalisation hierarchies built from a policy's `generalise:` map and a column's values.
//
// BuildHierarchy turns a spec and the distinct values of a column into a HierarchyTable:
// one row per value, `value;level1;...;*`. Every table it returns passes CheckHierarchy
// (privacy/hierarchy_file.h) and ends in a top level of "*" on every row. Rows are sorted
// numerically when every value is a number, else by date when every value is a date
// (ties in byte order), else in byte order; the `order` form keeps the order it lists.
// Exactly one form per spec:
//
//  {mask: right} / {mask: left}
//    Level i replaces i characters (UTF-8 code points) with '*' from that side; a value
//    shorter than i is all '*'. The longest value sets the number of levels; a top "*" is
//    added unless every value is a single character. Values may hold at most 100
//    characters.
//  {date: [month, semester, year]}
//    Any strictly increasing list drawn from week, month, quarter, semester, year, decade
//    (a single period may be written without brackets). Values are dates understood by
//    core/date_text.h (YYYY-MM-DD or dd/mm/yyyy, optionally with a time). Labels: week
//    "2024-W07", month "2024-03", quarter "2024-Q1", semester "2024-H1", year "2024",
//    decade "2020s". Weeks are ISO 8601 weeks labelled with their ISO week-numbering year
//    (2024-12-30 is "2025-W01"). A week straddles months, so `week` cannot be combined
//    with month, quarter or semester; above a week, year and decade count ISO
//    week-numbering years (2024-12-30: "2025-W01", then "2025", then "2020s") so that each
//    week falls in exactly one year.
//  {intervals: [b0, ..., bn], levels: [1, 2, 4]}
//    Numeric values. Base intervals [b0, b1), ..., [bn-1, bn), plus "<b0" and ">=bn".
//    Hierarchy level k merges levels[k-1] consecutive base intervals, labelled
//    "[lo, hi)" (a last, shorter group ends at bn); "<b0" and ">=bn" stay as they are up
//    to the top "*". Bounds: at least two, strictly increasing. `levels` defaults to [1];
//    it must start at 1 or more and each entry must be a larger multiple of the one
//    before. Integral bounds print without decimals ("10000").
//  {groups: [5, 10]} or {order: [v1, v2, ...], groups: [2, 4]}
//    Values in order: the listed order (which must list every value in the data; groups
//    are counted over the whole list, so they do not depend on the data), else the row
//    order above. Level k merges groups[k-1] consecutive values (same rules as `levels`),
//    labelled by the single member or "first..last". Without `order`, labels show the
//    first and last data values of each group.
//
// Errors: PolicyError for a malformed spec (unknown or missing keys, bad periods, bounds
// or sizes) and InputError for data the form cannot take (a non-date under `date`, a
// non-number under `intervals`, a value `order` does not list). Messages start with
// `where` (e.g. "column postcode") and never contain a value from the data.
// Pure function; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "policy/policy_value.h"
#include "privacy/hierarchy_table.h"
#include "veil/status.h"

namespace veil {

// Builds the hierarchy of `spec` (the map under a column's `generalise:` key) for the
// distinct non-empty `values` of the column named by `where`, in any order. Duplicate
// and empty strings in `values` are ignored.
Result<HierarchyTable> BuildHierarchy(const PolicyValue& spec,
                                      const std::vector<std::string>& values,
                                      const std::string& where);

}  // namespace veil
