// Scan(): reads the first rows of every table (the sample), profiles each column (the
// columns of a batch shared among `jobs` threads while the next batch is read) and
// classifies it, then resolves entities across the source. Reads only.
#include <algorithm>
#include <array>
#include <atomic>
#include <functional>
#include <memory>
#include <system_error>
#include <thread>
#include <vector>

#include "core/declared_type.h"
#include "core/thread_count.h"
#include "io/registry/location.h"
#include "scan/classify.h"
#include "scan/entities.h"
#include "scan/json_fields.h"
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

// What a scan learns of one column: its cells and, once a cell opens like JSON, the
// member paths of its documents.
struct ColumnProfile {
  explicit ColumnProfile(const scan::ReferenceSets& references)
      : cells(references), references(&references) {}
  scan::ValueProfile cells;
  std::unique_ptr<scan::JsonFields> json;
  const scan::ReferenceSets* references;
};

bool OpensLikeJson(std::string_view text) {
  const size_t at = text.find_first_not_of(" \t\r\n");
  return at != std::string_view::npos && (text[at] == '{' || text[at] == '[');
}

// Feeds the first `take` rows of column c of `batch` into `profile`; `binary`: the
// column is declared binary (bytea, read as hex text).
void ProfileColumn(const Batch& batch, size_t c, size_t take, bool binary, ColumnProfile& profile) {
  const Column& column = batch.columns[c];
  for (size_t i = 0; i < take; ++i) {
    // BLOBs are bytes, not text: counted as values, never profiled as text.
    if (column.IsNull(i) || column.Text(i).empty()) {
      profile.cells.AddEmpty();
    } else if (binary || column.kind(i) == CellKind::kBlob) {
      profile.cells.AddOpaque();
    } else {
      const std::string_view text = column.Text(i);
      profile.cells.Add(text);
      if (OpensLikeJson(text)) {
        if (!profile.json) profile.json = std::make_unique<scan::JsonFields>(*profile.references);
        profile.json->Add(text);
      }
    }
  }
}

// Profiles the columns of `batch` claimed one at a time from `next` (shared by the
// threads profiling it), until none is left: each column is claimed by one thread.
void ProfileClaimed(const Batch& batch, size_t take, const std::vector<bool>& binary,
                    std::atomic<size_t>& next, std::vector<ColumnProfile>& profiles) {
  const size_t columns = std::min(profiles.size(), batch.columns.size());
  for (size_t c = next.fetch_add(1); c < columns; c = next.fetch_add(1)) {
    ProfileColumn(batch, c, take, binary[c], profiles[c]);
  }
}

// The batches of a sample, read one ahead: up to `limit` rows (-1: all) of a reader.
class SampleBatches {
 public:
  SampleBatches(TableReader& reader, int64_t limit) : reader_(reader), limit_(limit) {}

  // Reads the next batch of the sample into `batch`, its rows to profile into `take`;
  // false when the sample is complete (sets whole() when the table ended within it).
  Result<bool> Read(Batch& batch, size_t& take) {
    if (limit_ >= 0 && rows_ >= limit_) return false;
    VEIL_ASSIGN_OR_RETURN(const bool more, reader_.Next(batch));
    if (!more) {
      whole_ = true;
      return false;
    }
    take = batch.rows();
    if (limit_ >= 0) take = std::min(take, static_cast<size_t>(limit_ - rows_));
    rows_ += static_cast<int64_t>(take);
    return true;
  }
  int64_t rows() const { return rows_; }
  bool whole() const { return whole_; }

 private:
  TableReader& reader_;
  int64_t limit_;
  int64_t rows_ = 0;
  bool whole_ = false;
};

// Feeds up to `limit` rows (-1: all) of `reader` into `profiles`; sets `whole` when the
// table ended within the sample. While `threads` - 1 workers profile a batch, claiming
// its columns one at a time, the calling thread reads the next one, then joins them.
// A worker that cannot be started leaves its share to the others.
Result<int64_t> Sample(TableReader& reader, int64_t limit, int threads,
                       const std::vector<bool>& binary, std::vector<ColumnProfile>& profiles,
                       bool& whole) {
  SampleBatches sample(reader, limit);
  std::array<Batch, 2> batches;
  std::array<size_t, 2> takes{};
  VEIL_ASSIGN_OR_RETURN(bool more, sample.Read(batches[0], takes[0]));
  for (size_t current = 0; more; current ^= 1) {
    std::atomic<size_t> next{0};
    Result<bool> following = false;
    {
      std::vector<std::jthread> workers;
      try {
        for (int t = 1; t < threads; ++t) {
          workers.emplace_back(ProfileClaimed, std::cref(batches[current]), takes[current],
                               std::cref(binary), std::ref(next), std::ref(profiles));
        }
      } catch (const std::system_error&) {
      }
      following = sample.Read(batches[current ^ 1], takes[current ^ 1]);
      ProfileClaimed(batches[current], takes[current], binary, next, profiles);
    }  // joins the workers
    VEIL_ASSIGN_OR_RETURN(more, std::move(following));
  }
  whole = sample.whole();
  return sample.rows();
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
    std::vector<ColumnProfile> profiles;
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
      columns.push_back(scan::ClassifyColumn(column, IsKeyColumn(schema, column), profiles[c].cells,
                                             profiles[c].json.get()));
    }
    report.tables.push_back(std::move(table));
    schemas.push_back(std::move(schema));
    classes.push_back(std::move(columns));
  }
  scan::ResolveEntities(schemas, std::move(classes), report);
  return report;
}

}  // namespace veil
