// CSV sinks: write tables as CSV, either one table into one file or one file per table
// ("TABLE.csv") in a directory.
//
// Guarantees:
// - Output goes to a hidden temporary sibling of the target (see staged_output.h) and
//   appears at the target only when Commit() succeeds; without `force` an existing target
//   is refused when the sink is opened, with `force` it is replaced at Commit(). A sink
//   destroyed uncommitted, or a killed process, leaves nothing behind.
// - Even with `force`, a sink never replaces what is not a CSV output: a file sink refuses
//   an existing directory, and a directory sink refuses an existing target that is not a
//   directory or that holds anything but regular *.csv files (ConflictError).
// - Files are comma-separated, LF-terminated, written by CsvWriter (NULL and empty text
//   stay distinct). A file sink holds exactly one table: a second CreateTable() is an
//   InvalidArgument. A directory sink refuses duplicate table names and names that are
//   not plain file names.
// - Prepare() (and Commit(), which calls it if needed) refuses (InternalError) while a
//   created table has not been Finish()ed, and a file sink refuses before its table was
//   created. After Prepare(), OpenStaged() reads the staged file or directory as a CSV
//   source described as the target; a file's table is named after the target's stem,
//   as the published file's.
#pragma once

#include <memory>
#include <string>

#include "io/sink.h"
#include "veil/status.h"

namespace veil {

Result<std::unique_ptr<Sink>> OpenCsvFileSink(const std::string& target_path, bool force);
Result<std::unique_ptr<Sink>> OpenCsvDirectorySink(const std::string& target_dir, bool force);

}  // namespace veil
