// Fuzz target: AppendCopyTextRow, the PostgreSQL text COPY row decoder. The first input
// byte gives the column count (0..7) and the second the cell kinds (text, integer, real,
// blob chosen per column); the rest is the row. Invariants: no crash, no internal error;
// on success every column got exactly one cell of its kind (or NULL), and the cells
// encoded again as COPY text (AppendCopyCell, as text) decode to the same cells.
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "io/postgres/copy_text.h"
#include "io/postgres/copy_writer.h"

namespace {

using veil::CellKind;
using veil::Column;
using veil::postgres::AppendCopyTextRow;

constexpr CellKind kKinds[] = {CellKind::kText, CellKind::kInteger, CellKind::kReal,
                               CellKind::kBlob};

// Row `row` of `columns` as COPY text, every non-NULL cell encoded as text.
std::string Encode(const std::vector<Column>& columns, size_t row) {
  std::string line;
  for (size_t c = 0; c < columns.size(); ++c) {
    if (c > 0) line.push_back('\t');
    Column as_text;
    if (columns[c].IsNull(row)) {
      as_text.AppendNull();
    } else {
      as_text.Append(columns[c].Text(row));
    }
    veil::postgres::AppendCopyCell(line, as_text, 0);
  }
  line.push_back('\n');
  return line;
}

bool SameCell(const Column& a, size_t row_a, const Column& b, size_t row_b) {
  return a.kind(row_a) == b.kind(row_b) && a.Text(row_a) == b.Text(row_b);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace veil;
  fuzz::FuzzInput in(data, size);
  const size_t width = in.TakeByte() % 8;
  uint8_t kind_bits = in.TakeByte();
  std::vector<CellKind> kinds;
  for (size_t c = 0; c < width; ++c) {
    kinds.push_back(kKinds[(kind_bits >> (2 * (c % 4))) & 3]);
  }
  std::vector<Column> columns(width);
  const Status status = AppendCopyTextRow(in.rest(), kinds, columns);
  if (!status.ok()) {
    fuzz::CheckNotInternal(status);
    for (const Column& column : columns) FUZZ_CHECK(column.size() <= 1, "at most one cell");
    return 0;
  }
  for (size_t c = 0; c < width; ++c) {
    FUZZ_CHECK(columns[c].size() == 1, "one cell per column");
    FUZZ_CHECK(columns[c].IsNull(0) || columns[c].kind(0) == kinds[c], "the cell has its kind");
  }
  const std::string encoded = Encode(columns, 0);
  std::vector<Column> again(width);
  FUZZ_CHECK(AppendCopyTextRow(encoded, kinds, again).ok(), "an encoded row decodes");
  for (size_t c = 0; c < width; ++c) {
    FUZZ_CHECK(again[c].size() == 1, "one cell per column after encoding");
    FUZZ_CHECK(SameCell(columns[c], 0, again[c], 0), "encoding then decoding keeps the cell");
  }
  return 0;
}
