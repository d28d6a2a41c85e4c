// Reads, before any output is written, the original values of every column whose fakes
// could by chance equal a real value (first names, surnames, towns, ...), so that fake
// rules can re-draw any fake that equals an original anywhere in the source. Memory
// grows with the number of distinct such values, not with rows.
#pragma once

#include "io/source.h"
#include "transforms/rule_context.h"

namespace veil {

Status CollectFakeOriginals(Source& source, RunResources& run);

}  // namespace veil
