// Streams one planned table from its reader through its rules into its writer, a batch
// at a time, so memory stays bounded whatever the table's size. Errors are prefixed with
// the table and column they arose in. `on_batch` is called on the calling thread.
#pragma once

#include <functional>

#include "engine/table_plan.h"
#include "io/sink.h"
#include "io/source.h"

namespace veil {

// Called after each batch with the rows done so far.
using RowsDone = std::function<void(int64_t rows)>;

// Returns the number of rows read from the source table. With `threads` of 2 or more,
// reading, the rules and writing run at the same time on three threads, a few batches
// apart (the rules of a table stay on one thread); the output is the same either way.
// The first error of any stage stops all three and is returned.
Result<int64_t> RunTable(TablePlan& plan, TableReader& reader, TableWriter& writer,
                         const RowsDone& on_batch, int threads = 1);

}  // namespace veil
