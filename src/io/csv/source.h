// CSV sources: one CSV file, or a directory of CSV files, read as tables.
//
// Guarantees:
// - A file source has one table named after the file's stem ("people.csv" -> "people").
// - A directory source has one table per regular file in it whose name ends in ".csv"
//   (any letter case, hidden files skipped), listed in file-name order; a directory
//   without such files, or two files with the same stem, is an InputError.
// - Schema() reads only the header of the file; Open() streams it with CsvReader (see
//   reader.h for the accepted format and the errors). Unknown table names are an
//   InvalidArgument. Files are never modified.
#pragma once

#include <memory>
#include <string>

#include "io/csv/format.h"
#include "io/source.h"
#include "veil/status.h"

namespace veil {

Result<std::unique_ptr<Source>> OpenCsvFileSource(const std::string& path,
                                                  const CsvOptions& options);
Result<std::unique_ptr<Source>> OpenCsvDirectorySource(const std::string& dir,
                                                       const CsvOptions& options);

}  // namespace veil
