// CsvWriter: writes one table as an RFC 4180 CSV file that CsvReader reads back exactly.
//
// Guarantees:
// - The file is created new (an existing file is an IoError) and gets the header row,
//   then one line per row, each ending with `line_ending`.
// - A field is quoted only when needed: when it contains the delimiter, a quote, CR or
//   LF, starts or ends with a space or tab, or is empty text. Quotes inside are doubled.
//   NULL is written as nothing, so NULL and empty text stay distinct on reading.
// - Cells of every kind are written as their bytes (blobs as-is).
// - Finish() flushes and fsyncs the file; until then the file may be incomplete. A
//   writer destroyed without Finish() just closes the file.
// Error messages name the file, never cell content. Not thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/table_schema.h"
#include "core/uninitialised_buffer.h"
#include "io/sink.h"

namespace veil {

struct CsvWriterOptions {
  char delimiter = ',';
  std::string line_ending = "\n";  // "\n" or "\r\n"
};

class CsvWriter final : public TableWriter {
 public:
  static Result<std::unique_ptr<CsvWriter>> Open(const std::filesystem::path& path,
                                                 const TableSchema& schema,
                                                 const CsvWriterOptions& options = {});
  ~CsvWriter() override;
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;

  Status Write(const Batch& batch) override;
  Status Finish() override;

 private:
  CsvWriter(int fd, std::string display, size_t columns, CsvWriterOptions options);

  // Writes `text` as one field at `out` (room for 2 * size + 2 bytes); returns its length.
  size_t EncodeField(std::string_view text, char* out) const;
  // Writes `text` quoted at `out` (room for 2 * size + 2 bytes); returns its length.
  static size_t QuoteField(std::string_view text, char* out);
  // Makes room for `bytes` more output bytes (plus slack for 16-byte loads), flushing or
  // growing the buffer.
  Status Reserve(size_t bytes);
  Status Flush();

  int fd_ = -1;
  std::string display_;
  size_t columns_ = 0;
  CsvWriterOptions options_;
  uint8_t special_[256] = {};  // 1 for bytes that force quoting
  UninitialisedBuffer out_;    // pending output: [0, used_)
  size_t used_ = 0;
  bool finished_ = false;
};

}  // namespace veil
