// ARX hierarchy files: reading, writing and checking generalisation hierarchies.
//
// Format: one row per original value, `value;level1;level2;...;top`, every row with the
// same number of fields. Fields may be double-quoted ("" stands for one quote inside);
// lines end with LF or CRLF; a UTF-8 byte-order mark and trailing blank lines are
// ignored. A blank line before the last row is a row of one empty field (and so an error).
//
// Error messages name the file (or column) and line numbers, never a value: hierarchy
// values can be personal data (postcodes, dates of birth). Pure functions apart from the
// file read; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "privacy/hierarchy_table.h"
#include "veil/status.h"

namespace veil {

// Checks that `table` is a hierarchy: at least one row, at least two fields per row, all
// rows of the same length, no original value (field 1) twice, and every value at level i
// (i >= 1) generalising to one value at level i+1 wherever it appears. `where` names the
// table in messages ("hierarchy.csv", "column postcode"). Row i is called line
// `lines[i]` when `lines` is given (the reader passes the line each row starts on), else
// line i+1. Returns a PolicyError on the first problem found.
Status CheckHierarchy(const HierarchyTable& table, const std::string& where);
Status CheckHierarchy(const HierarchyTable& table, const std::string& where,
                      const std::vector<int>& lines);

// Reads and checks the ARX hierarchy file at `path`. Returns IoError when the file cannot
// be read, PolicyError when it is empty, malformed (an unclosed quote, text after a
// closing quote) or fails CheckHierarchy; messages start with `path`.
Result<HierarchyTable> ReadHierarchyFile(const std::string& path);

// The same for file content already in memory; `where` stands for the file in messages.
Result<HierarchyTable> ParseHierarchyText(std::string_view text, const std::string& where);

// Writes `table` in the format above: `;` between fields, LF after every row, a field
// quoted only when it contains `;`, `"`, CR or LF. ReadHierarchyFile reads it back to
// an equal table (for any table that passes CheckHierarchy).
std::string FormatHierarchy(const HierarchyTable& table);

}  // namespace veil
