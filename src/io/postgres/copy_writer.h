// The PostgreSQL sink's table writer (io/postgres/sink.h): streams a table's rows with one
// COPY ... FROM STDIN in text format, opened by the first non-empty Write() and kept open
// until Finish().
//
// Cells are encoded as COPY text: NULL as \N; backslash, tab, newline and carriage return
// escaped; a blob cell as bytea hex. Data go to the server in chunks of about 1 MiB.
// An error names the table and, when the server says, the column and the source row
// (mapped from the COPY line through the batches' first_row), never a value; a row that
// fits no partition of a partitioned table is said to be one. Only one
// COPY may be in progress on the target at a time; a writer destroyed with its COPY
// open fails the COPY, and with it the load transaction.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/column.h"
#include "io/postgres/target.h"
#include "io/sink.h"

namespace veil::postgres {

std::unique_ptr<TableWriter> MakeCopyWriter(std::shared_ptr<Target> target, TableName name,
                                            std::vector<std::string> columns);

// Appends cell `row` of `column` in COPY's text format.
void AppendCopyCell(std::string& out, const Column& column, size_t row);

// Where a COPY error happened, from the server's context line
// `COPY table, line N, column c: ...` (the rest of which may quote the value). The
// column is one of `columns` (the longest that fits); line 0 if none was found.
struct CopyPosition {
  int64_t line = 0;
  std::string column;
};
CopyPosition ParseCopyContext(const std::string& context, const std::string& table,
                              const std::vector<std::string>& columns);

}  // namespace veil::postgres
