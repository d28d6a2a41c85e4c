// HierarchyTable: a generalisation hierarchy as rows of text, the way ARX files and
// veil's builders express it. Each row starts with one original value, followed by its
// generalisation at level 1, 2, ... up to the top level (usually "*"). Every row has
// the same number of columns. Validation and encoding happen in hierarchy.h.
#pragma once

#include <string>
#include <vector>

namespace veil {

using HierarchyRow = std::vector<std::string>;
using HierarchyTable = std::vector<HierarchyRow>;

}  // namespace veil
