// Fuzz target: CsvReader on arbitrary file content.
//
// The first input byte picks the options (detect the delimiter, or one of , ; TAB | given);
// the rest is the file. Invariants: no crash, no internal error, every batch has the
// header's width and equal-length columns, and a file that reads completely, written back
// with CsvWriter and read again, gives the same header and cells (kind and bytes).
#include <memory>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "io/csv/reader.h"
#include "io/csv/writer.h"

namespace veil::fuzz {
namespace {

struct ReadTable {
  TableSchema schema;
  char delimiter = ',';
  std::string line_ending;
  std::vector<Batch> batches;
};

// Reads the whole file; the error when the reader stops early.
Result<ReadTable> ReadAll(const std::filesystem::path& path, const CsvOptions& options) {
  VEIL_ASSIGN_OR_RETURN(std::unique_ptr<CsvReader> reader, CsvReader::Open(path, "t", options));
  ReadTable table;
  table.schema = reader->schema();
  table.delimiter = reader->delimiter();
  table.line_ending = reader->line_ending();
  FUZZ_CHECK(!table.schema.columns.empty(), "a header has at least one column");
  while (true) {
    Batch batch;
    VEIL_ASSIGN_OR_RETURN(const bool more, reader->Next(batch));
    if (!more) break;
    FUZZ_CHECK(batch.columns.size() == table.schema.columns.size(), "batch width");
    for (const Column& column : batch.columns) {
      FUZZ_CHECK(column.size() == batch.rows(), "columns of one batch have equal lengths");
    }
    FUZZ_CHECK(batch.rows() <= kBatchRows, "batch size bound");
    table.batches.push_back(std::move(batch));
  }
  return table;
}

// The cells of `table` in row order, each as (kind, bytes).
std::vector<std::pair<CellKind, std::string>> Cells(const ReadTable& table) {
  std::vector<std::pair<CellKind, std::string>> cells;
  for (const Batch& batch : table.batches) {
    for (size_t row = 0; row < batch.rows(); ++row) {
      for (const Column& column : batch.columns) {
        cells.emplace_back(column.kind(row), std::string(column.Text(row)));
      }
    }
  }
  return cells;
}

void CheckRoundTrip(const ReadTable& first, const ScratchFile& copy) {
  copy.Remove();
  CsvWriterOptions options;
  options.delimiter = first.delimiter;
  options.line_ending = first.line_ending;
  auto writer = CsvWriter::Open(copy.path(), first.schema, options);
  FUZZ_CHECK(writer.ok(), "the writer opens a new scratch file");
  for (const Batch& batch : first.batches) {
    FUZZ_CHECK((*writer)->Write(batch).ok(), "the writer takes what the reader gave");
  }
  FUZZ_CHECK((*writer)->Finish().ok(), "the writer finishes");
  auto second = ReadAll(copy.path(), CsvOptions{first.delimiter});
  if (!second.ok()) std::fprintf(stderr, "re-read: %s\n", second.status().message().c_str());
  FUZZ_CHECK(second.ok(), "what CsvWriter wrote reads back");
  std::vector<std::string> first_names, second_names;
  for (const auto& column : first.schema.columns) first_names.push_back(column.name);
  for (const auto& column : second->schema.columns) second_names.push_back(column.name);
  FUZZ_CHECK(first_names == second_names, "the header survives a write and re-read");
  FUZZ_CHECK(Cells(first) == Cells(*second), "the cells survive a write and re-read");
}

}  // namespace
}  // namespace veil::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace veil;
  static const fuzz::ScratchFile input("veil-fuzz-csv-in");
  static const fuzz::ScratchFile copy("veil-fuzz-csv-copy");
  static constexpr char kDelimiters[] = {0, ',', ';', '\t', '|'};
  fuzz::FuzzInput in(data, size);
  const CsvOptions options{kDelimiters[in.TakeByte() % sizeof(kDelimiters)]};
  input.Write(in.rest());
  auto table = fuzz::ReadAll(input.path(), options);
  if (!table.ok()) {
    fuzz::CheckNotInternal(table.status());
    return 0;
  }
  fuzz::CheckRoundTrip(*table, copy);
  return 0;
}
