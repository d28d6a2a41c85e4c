// CsvReader: streams the rows of one RFC 4180 CSV file as batches of text cells.
//
// Guarantees:
// - The header row gives the column names; the schema is named by the caller and every
//   column is declared "TEXT". A leading UTF-8 byte-order mark is ignored.
// - Fields may be quoted; quoted fields may hold delimiters, doubled quotes ("") and line
//   breaks. Lines end with LF, CRLF or a lone CR, mixed freely.
// - An unquoted empty field is NULL; a quoted empty field ("") is empty text; every other
//   field is CellKind::kText holding the unescaped bytes.
// - Blank lines at the end of the file are ignored. In a one-column table every other
//   blank line is a NULL row; in a wider table a blank line followed by data is an error.
// - Malformed input (empty header, empty or duplicate column names, an unterminated
//   quote, a quote inside an unquoted field, anything after a closing quote but a
//   delimiter or line end, a row whose field count differs from the header's, invalid
//   UTF-8) stops reading with an InputError naming the file, the 1-based physical line
//   and the 1-based field number (with the column name when known), never cell content.
// - Memory stays bounded by the longest row and one batch, whatever the file's length.
//   Batches hold at most kBatchRows rows; batch.first_row counts data rows from 1.
// Not thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/uninitialised_buffer.h"
#include "io/csv/format.h"
#include "io/source.h"

namespace veil {

class CsvReader final : public TableReader {
 public:
  // Opens `path`, reads its header and prepares to stream its rows into batches.
  static Result<std::unique_ptr<CsvReader>> Open(const std::filesystem::path& path,
                                                 std::string table_name, const CsvOptions& options);
  ~CsvReader() override;
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  const TableSchema& schema() const override { return schema_; }
  Result<bool> Next(Batch& batch) override;
  int64_t EstimatedRows() const override { return estimated_rows_; }

  // The delimiter in use (given or detected).
  char delimiter() const { return delimiter_; }
  // The header line's ending: "\r\n" if it ended with CRLF, else "\n".
  const char* line_ending() const { return header_crlf_ ? "\r\n" : "\n"; }

 private:
  struct Field {
    uint32_t begin = 0;  // offsets into buffer_ of the field's content (quotes excluded)
    uint32_t end = 0;
    bool quoted = false;
    bool escaped = false;  // holds doubled quotes that must be unescaped
  };
  enum class Scan : uint8_t { kRow, kNeedMore, kError };
  struct Finders;  // fast searches for the bytes that end a run of plain field content

  CsvReader(int fd, std::string display, const CsvOptions& options);

  Status ReadHeader(std::string table_name, bool detect_delimiter);
  Status Refill();
  void EstimateRows(int64_t file_size);

  Scan ScanRow(size_t& pos, int64_t& line);
  Scan ScanQuoted(const char*& p, int64_t& line, Field& field, const Finders& finders);
  Scan ScanUnquoted(const char*& p, int64_t line, Field& field, const Finders& finders);
  Scan ScanUtf8(const char*& p, int64_t line);
  Scan AtRowEnd(const char*& p, int64_t& line);
  Result<bool> ScanNextRow(size_t& pos, int64_t& line);
  bool IsBlankRow() const;
  void CommitRow(Batch& batch) const;
  std::string FieldText(const Field& field) const;

  Status Error(int64_t line, size_t field_index, std::string_view what) const;
  Status Ragged(int64_t line, size_t fields) const;

  int fd_ = -1;
  std::string display_;  // the file as named in messages
  char delimiter_ = ',';
  bool header_crlf_ = false;
  UninitialisedBuffer buffer_;  // [begin_, end_), a sentinel LF at end_, then padding
  size_t begin_ = 0;
  size_t end_ = 0;
  bool eof_ = false;
  int64_t line_ = 1;                // physical line at begin_
  int64_t next_row_ = 1;            // data-row number of the next row
  int64_t pending_blank_line_ = 0;  // a blank line seen in a wide table, 0 if none
  std::vector<Field> fields_;
  Status error_;
  TableSchema schema_;
  int64_t estimated_rows_ = -1;
};

}  // namespace veil
