// Streams one planned table from its reader through its rules into its writer, a batch
// at a time, so memory stays bounded whatever the table's size. Errors are prefixed with
// the table and column they arose in.
#pragma once

#include <functional>

#include "engine/table_plan.h"
#include "io/sink.h"
#include "io/source.h"

namespace veil {

// Called after each batch with the rows done so far.
using RowsDone = std::function<void(int64_t rows)>;

// Returns the number of rows read from the source table.
Result<int64_t> RunTable(TablePlan& plan, TableReader& reader, TableWriter& writer,
                         const RowsDone& on_batch);

}  // namespace veil
