// `veil hierarchy`: the hierarchy veil would use for one quasi-identifier of a table —
// built from the policy's builder (mask, date, intervals, order/groups), from its rare
// rule, or read from its ARX file — for the values the source holds, in ARX's format,
// so that it can be reviewed, edited and then referenced from the policy as a file.
#pragma once

#include <string>

#include "veil/status.h"

namespace veil {

struct HierarchyExportOptions {
  std::string policy_path;
  std::string source;
  std::string column;  // COLUMN or TABLE.COLUMN
  char csv_delimiter = 0;
};

// The hierarchy as ARX-format text (`;`-separated, one row per value).
Result<std::string> ExportHierarchy(const HierarchyExportOptions& options);

}  // namespace veil
