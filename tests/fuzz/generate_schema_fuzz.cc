// Fuzz target: `veil generate`'s path from untrusted schema text to constructed rows.
//
// The input is a SQL schema file (io/sqlite/schema_file.h); its tables are constructed
// (src/generate/) with three rows per root table, and every table is read to the end
// (at most 10,000 rows each). Invariants: no crash, no internal error, every batch as
// wide as its table's schema with equal-length columns, every primary-key column
// non-NULL. The input's last line, if it starts with "CHECK", is also read as a table
// CHECK constraint, to reach ReadCheckLimits with arbitrary text.
#include <memory>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "generate/check_limits.h"
#include "generate/generated_source.h"
#include "io/sqlite/schema_file.h"

namespace veil::fuzz {
namespace {

constexpr int64_t kMaxRowsRead = 10'000;

void ReadEveryTable(Source& source) {
  for (const auto& name : source.TableNames()) {
    auto reader = source.Open(name);
    CheckNotInternal(reader.status());
    if (!reader.ok()) continue;
    const TableSchema& schema = (*reader)->schema();
    int64_t rows = 0;
    while (rows < kMaxRowsRead) {
      Batch batch;
      auto more = (*reader)->Next(batch);
      CheckNotInternal(more.status());
      if (!more.ok() || !*more) break;
      FUZZ_CHECK(batch.columns.size() == schema.columns.size(), "batch width");
      for (size_t c = 0; c < batch.columns.size(); ++c) {
        FUZZ_CHECK(batch.columns[c].size() == batch.rows(), "equal column lengths");
        if (schema.columns[c].primary_key_position == 0) continue;
        for (size_t r = 0; r < batch.rows(); ++r) {
          FUZZ_CHECK(!batch.columns[c].IsNull(r), "a primary-key cell is NULL");
        }
      }
      rows += static_cast<int64_t>(batch.rows());
    }
  }
}

}  // namespace
}  // namespace veil::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace veil;
  static const auto fakes = FakeCatalog::Builtin().value();
  static const auto code_lists = CodeLists::Builtin().value();
  static const fuzz::ScratchFile file("veil-fuzz-schema");
  const std::string text(reinterpret_cast<const char*>(data), size);
  file.Write(text);
  auto schema = OpenSchemaFile(file.path().string());
  fuzz::CheckNotInternal(schema.status());
  if (!schema.ok()) return 0;
  auto tables = ReadSchemas(**schema);
  fuzz::CheckNotInternal(tables.status());
  if (!tables.ok()) return 0;
  const size_t last_line = text.rfind('\n');
  const std::string tail = last_line == std::string::npos ? text : text.substr(last_line + 1);
  if (!tables->empty() && tail.rfind("CHECK", 0) == 0) tables->front().check_constraints = {tail};
  GenerationOptions options;
  for (const auto& table : *tables) {
    if (table.foreign_keys.empty()) options.rows[table.name] = 3;
  }
  options.seed = "fuzz";
  options.as_of = "2026-01-01";
  std::vector<std::string> notes;
  auto source =
      MakeGeneratedSource(std::move(*tables), {}, "fuzz", options, fakes, code_lists, notes);
  fuzz::CheckNotInternal(source.status());
  if (source.ok()) fuzz::ReadEveryTable(**source);
  return 0;
}
