// veil's library entry point for `veil hierarchy`: the hierarchy veil would use for one
// quasi-identifier of a table — built from the policy's builder (mask, date, intervals,
// order/groups), from its rare rule, or read from its ARX file — for the values the source
// holds, in ARX's format, so that it can be reviewed, edited and then referenced from the
// policy as a file. Nothing is written. The engine implements it
// (engine/hierarchy_export.cc).
#pragma once

#include <string>

#include "veil/status.h"

namespace veil {

struct HierarchyExportOptions {
  std::string policy_path;
  std::string source;      // any SOURCE form `veil anonymise` reads
  std::string column;      // COLUMN or TABLE.COLUMN
  char csv_delimiter = 0;  // 0: detect from each file's header line
};

// On success, the hierarchy as ARX-format text (`;`-separated, one row per value). Fails
// when the policy or the source cannot be read or the column is not a quasi-identifier.
Result<std::string> ExportHierarchy(const HierarchyExportOptions& options);

}  // namespace veil
