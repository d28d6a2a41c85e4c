// Reads, before any output is written, the original values of every column whose fakes
// could by chance equal a real value (first names, surnames, towns, ...), so that fake
// rules can re-draw any fake that equals an original anywhere in the source. Values a
// json rule fakes are collected from inside the documents, at the rule's paths. Each
// table is read once, whatever the number of scans on it; a document that is not valid
// JSON is skipped here (the json rule reports it, naming the row). Memory grows with the
// number of distinct such values, not with rows.
#pragma once

#include "io/source.h"
#include "transforms/rule_context.h"

namespace veil {

Status CollectFakeOriginals(Source& source, RunResources& run);

}  // namespace veil
