// Scan(): reads the first rows of every table (the sample), profiles each column (the
// columns of a batch shared among `jobs` threads) and classifies it, then resolves
// entities across the source. Reads only.
#include <algorithm>
#include <system_error>
#include <thread>
#include <vector>

#include "core/declared_type.h"
#include "core/thread_count.h"
#include "io/registry/location.h"
#include "scan/classify.h"
#include "scan/entities.h"
#include "scan/reference_sets.h"
#include "scan/value_profile.h"
#include "veil/scan.h"

namespace veil {
namespace {

bool IsKeyColumn(const TableSchema& schema, const ColumnSchema& column) {
  if (column.primary_key_position > 0) return true;
  return std::any_of(schema.foreign_keys.begin(), schema.foreign_keys.end(), [&](const auto& fk) {
    return std::find(fk.columns.begin(), fk.columns.end(), column.name) != fk.columns.end();
  });
}

// Feeds the first `take` rows of column c of `batch` into profiles[c]; `binary`: the
// column is declared binary (bytea, read as hex text).
void ProfileColumn(const Batch& batch, size_t c, size_t take, bool binary,
                   scan::ValueProfile& profile) {
  const Column& column = batch.columns[c];
  for (size_t i = 0; i < take; ++i) {
    // BLOBs are bytes, not text: counted as values, never profiled as text.
    if (column.IsNull(i) || column.Text(i).empty()) {
      profile.AddEmpty();
    } else if (binary || column.kind(i) == CellKind::kBlob) {
      profile.AddOpaque();
    } else {
      profile.Add(column.Text(i));
    }
  }
}

// Feeds the first `take` rows of `batch` into `profiles`: with `threads` > 1, thread t
// takes columns t, t + threads, ... (each profile stays on one thread for the batch).
// A thread that cannot be started leaves its columns to the calling thread.
void ProfileBatch(const Batch& batch, size_t take, int threads, const std::vector<bool>& binary,
                  std::vector<scan::ValueProfile>& profiles) {
  const size_t columns = std::min(profiles.size(), batch.columns.size());
  const size_t stride =
      std::clamp<size_t>(static_cast<size_t>(threads), 1, std::max<size_t>(columns, 1));
  auto group = [&](size_t t) {
    for (size_t c = t; c < columns; c += stride)
      ProfileColumn(batch, c, take, binary[c], profiles[c]);
  };
  std::vector<std::jthread> workers;
  size_t t = 1;
  try {
    for (; t < stride; ++t) workers.emplace_back(group, t);
  } catch (const std::system_error&) {
    for (; t < stride; ++t) group(t);
  }
  group(0);
}

// Feeds up to `limit` rows (-1: all) of `reader` into `profiles`; sets `whole` when the
// table ended within the sample.
Result<int64_t> Sample(TableReader& reader, int64_t limit, int threads,
                       const std::vector<bool>& binary, std::vector<scan::ValueProfile>& profiles,
                       bool& whole) {
  Batch batch;
  int64_t rows = 0;
  whole = false;
  while (limit < 0 || rows < limit) {
    VEIL_ASSIGN_OR_RETURN(const bool more, reader.Next(batch));
    if (!more) {
      whole = true;
      break;
    }
    size_t take = batch.rows();
    if (limit >= 0) take = std::min(take, static_cast<size_t>(limit - rows));
    ProfileBatch(batch, take, threads, binary, profiles);
    rows += static_cast<int64_t>(take);
  }
  return rows;
}

}  // namespace

Result<ScanReport> Scan(const ScanOptions& options) {
  VEIL_ASSIGN_OR_RETURN(const Location location, ResolveSourceLocation(options.source));
  VEIL_ASSIGN_OR_RETURN(auto source, location.OpenSource(SourceOptions{options.csv_delimiter}));
  VEIL_ASSIGN_OR_RETURN(const auto references, scan::ReferenceSets::Load());
  // A thread per core, less when the sample is one batch or less: starting them would
  // cost more than the work they share.
  const int threads = options.sample_rows >= 0 && options.sample_rows <= 4096
                          ? 1
                          : std::max(1, ThreadsFor(options.jobs));
  ScanReport report;
  report.source = source->Describe();
  report.sample_rows = options.sample_rows;
  std::vector<TableSchema> schemas;
  std::vector<std::vector<scan::Classification>> classes;
  for (const std::string& name : source->TableNames()) {
    VEIL_ASSIGN_OR_RETURN(TableSchema schema, source->Schema(name));
    VEIL_ASSIGN_OR_RETURN(auto reader, source->Open(name));
    std::vector<scan::ValueProfile> profiles;
    profiles.reserve(schema.columns.size());
    std::vector<bool> binary;
    for (const ColumnSchema& column : schema.columns) {
      profiles.emplace_back(*references);
      binary.push_back(IsBinaryType(column.declared_type));
    }
    TableFinding table;
    table.table = name;
    VEIL_ASSIGN_OR_RETURN(table.rows_sampled, Sample(*reader, options.sample_rows, threads, binary,
                                                     profiles, table.read_whole));
    std::vector<scan::Classification> columns;
    for (size_t c = 0; c < schema.columns.size(); ++c) {
      const ColumnSchema& column = schema.columns[c];
      columns.push_back(scan::ClassifyColumn(column, IsKeyColumn(schema, column), profiles[c]));
    }
    report.tables.push_back(std::move(table));
    schemas.push_back(std::move(schema));
    classes.push_back(std::move(columns));
  }
  scan::ResolveEntities(schemas, std::move(classes), report);
  return report;
}

}  // namespace veil
