#include "verify/checks/leak_check.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "core/uk_identifiers.h"
#include "policy/rule_kinds.h"
#include "verify/checks/json_documents.h"
#include "verify/leak/dense_ids.h"
#include "verify/leak/hash.h"
#include "verify/leak/strong_original.h"

namespace veil {
namespace {

// The columns of `table` whose originals identify someone: whole cells, or the values
// identifying paths reach inside documents.
std::vector<size_t> IdentifyingColumns(const VerifiedTable& table) {
  std::vector<size_t> columns;
  if (table.action != TableAction::kAnonymise) return columns;
  for (size_t c = 0; c < table.columns.size(); ++c) {
    const ColumnRole& role = table.columns[c].role;
    if (role.identifying || HasIdentifyingPaths(role)) columns.push_back(c);
  }
  return columns;
}

// For a fake of `kind` whose values lie in a range that belongs to nobody, the test that
// a cell is such a value; nullptr for other kinds.
bool (*HonestFakeTest(std::string_view kind))(std::string_view) {
  if (kind == "phone" || kind == "mobile") return IsOfcomDramaNumber;
  if (kind == "email") return IsReservedEmailDomain;
  if (kind == "nhs_number") return IsNeverIssuedNhsNumber;
  if (kind == "ni_number") return IsNeverIssuedNiNumber;
  if (kind == "ip") return IsDocumentationIp;
  return nullptr;
}

// Distinct original values, each remembered with the first column it came from, and
// strong if it is strong in any column it came from.
class PatternSet {
 public:
  void Add(std::string_view value, uint32_t origin, bool identifier_column) {
    const uint64_t h = LeakHash(value.data(), value.size());
    bool added = false;
    const uint32_t id = index_.Get(h == 0 ? 1 : h, added);  // the table's keys are non-zero
    if (!added) {
      if (!strong_[id] && identifier_column) strong_[id] = IsStrong(value, true);
      return;
    }
    patterns_.emplace_back(value);
    origin_of_.push_back(origin);
    strong_.push_back(IsStrong(value, identifier_column));
  }
  std::vector<std::string>& patterns() { return patterns_; }
  std::vector<uint32_t>& origin_of() { return origin_of_; }
  const std::vector<bool>& strong() const { return strong_; }

 private:
  bool IsStrong(std::string_view value, bool identifier_column) {
    return IsStrongOriginal(value, identifier_column, scratch_);
  }

  LeakDenseIds index_;  // 64-bit hashes of the values: a collision drops one value in 2^64
  std::vector<std::string> patterns_;
  std::vector<uint32_t> origin_of_;
  std::vector<bool> strong_;
  std::string scratch_;
};

bool ByRowThenPattern(const LeakHit& a, const LeakHit& b) {
  return a.row != b.row ? a.row < b.row : a.pattern < b.pattern;
}

}  // namespace

LeakScannerOptions LeakOptionsOf(const VerifyPolicy& policy) {
  LeakScannerOptions options;
  options.min_length = static_cast<size_t>(policy.leak_min_length);
  options.min_digits = static_cast<size_t>(policy.leak_min_digits);
  options.skip_dates = !policy.leak_dates;
  return options;
}

LeakCheck::LeakCheck(const VerifyPlan& plan, const VerifyPolicy& policy, int threads)
    : plan_(plan), threads_(threads) {
  options_ = LeakOptionsOf(policy);
  for (const auto& table : plan.tables) {
    std::vector<ColumnScan> scans;
    if (table.in_copy()) {
      scans.assign(table.copy->columns.size(), ColumnScan{});
      for (const auto& column : table.columns) {
        if (column.copy_index < 0) continue;
        ColumnScan& scan = scans[static_cast<size_t>(column.copy_index)];
        if (ProducesValues(column.role)) scan.documents = &column.role;
        if (!column.role.generated) continue;
        scan.generated = true;
        scan.searched = !column.role.drawn_from_list;
        if (column.role.rule == rule_kind::kFake)
          scan.honest = HonestFakeTest(column.role.fake_kind);
      }
    }
    scans_.push_back(std::move(scans));
  }
}

LeakCheck::~LeakCheck() {
  StopWorkers();
}

Status LeakCheck::CollectOriginals(Source& original) {
  PatternSet set;
  for (const auto& table : plan_.tables) {
    const std::vector<size_t> columns = IdentifyingColumns(table);
    if (columns.empty()) continue;
    std::vector<uint32_t> origin_ids;
    std::vector<bool> identifier;              // per identifying column: pseudonymised
    std::vector<const ColumnRole*> documents;  // per identifying column: its json paths
    for (size_t c : columns) {
      const ColumnRole& role = table.columns[c].role;
      identifier.push_back(role.rule == rule_kind::kPseudonymise);
      documents.push_back(role.json_paths.empty() ? nullptr : &role);
      origin_ids.push_back(static_cast<uint32_t>(origins_.size()));
      origins_.emplace_back(table.id, c);
    }
    VEIL_ASSIGN_OR_RETURN(auto reader, original.Open(table.name));
    Batch batch;
    while (true) {
      VEIL_ASSIGN_OR_RETURN(const bool more, reader->Next(batch));
      if (!more) break;
      for (size_t k = 0; k < columns.size(); ++k) {
        const Column& column = batch.columns[columns[k]];
        for (size_t i = 0; i < column.size(); ++i) {
          if (column.IsNull(i) || column.Text(i).empty()) continue;
          if (documents[k] == nullptr) {
            set.Add(column.Text(i), origin_ids[k], identifier[k]);
            continue;
          }
          AppendDocumentOriginals(column.Text(i), *documents[k],
                                  [&](std::string_view value, bool pseudonymised) {
                                    set.Add(value, origin_ids[k], pseudonymised);
                                  });
        }
      }
    }
  }
  VEIL_ASSIGN_OR_RETURN(LeakScanner scanner,
                        LeakScanner::Build(set.patterns(), options_, set.strong()));
  scanner_ = std::make_unique<LeakScanner>(std::move(scanner));
  origin_of_ = std::move(set.origin_of());
  return threads_ > 1 ? StartWorkers() : Status::Ok();
}

Status LeakCheck::Prepare(Source& original, Source& copy) {
  VEIL_RETURN_IF_ERROR(CollectOriginals(original));
  VEIL_ASSIGN_OR_RETURN(const std::vector<TableSchema> schemas, ReadSchemas(copy));
  VEIL_ASSIGN_OR_RETURN(const std::vector<ViewSchema> views, copy.Views());
  SearchSchemaText(ListSchemaText(schemas, views));
  return Status::Ok();
}

Status LeakCheck::StartWorkers() {
  queue_ = std::make_unique<BoundedQueue<Job>>(static_cast<size_t>(2 * threads_));
  worker_hits_.resize(static_cast<size_t>(threads_));
  for (int w = 0; w < threads_; ++w) {
    VEIL_ASSIGN_OR_RETURN(LeakScanner clone, scanner_->Clone());
    workers_.emplace_back([this, w, scanner = std::move(clone)]() {
      Buffers buffers;
      while (auto job = queue_->Pop()) {
        Scan(scanner, job->table, *job->batch, worker_hits_[static_cast<size_t>(w)], buffers);
      }
    });
  }
  return Status::Ok();
}

void LeakCheck::StopWorkers() {
  if (!queue_) return;
  queue_->Close();
  for (auto& worker : workers_) worker.join();
  workers_.clear();
  queue_.reset();
}

LeakCheck::ColumnScan LeakCheck::ScanOf(size_t table, size_t copy_column) const {
  const auto& scans = scans_[table];
  return copy_column < scans.size() ? scans[copy_column] : ColumnScan{};
}

size_t LeakCheck::ScanGenerated(const LeakScanner& scanner, const ColumnScan& scan,
                                const Column& column, Buffers& buffers) const {
  std::vector<LeakHit>& hits = buffers.hits;
  scanner.ScanColumn(column, LeakScope::kWholeValue, hits);
  const size_t whole = hits.size();  // ascending by row, then pattern
  buffers.strong.clear();
  scanner.ScanColumn(column, LeakScope::kStrongTokens, buffers.strong);
  for (const LeakHit& hit : buffers.strong) {
    if (scan.honest != nullptr && scan.honest(column.Text(hit.row))) continue;
    if (std::binary_search(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(whole), hit,
                           ByRowThenPattern)) {
      continue;  // the whole value: already a hit
    }
    hits.push_back(hit);
  }
  return whole;
}

size_t LeakCheck::ScanDocuments(const LeakScanner& scanner, const ColumnRole& role,
                                const Column& column, Buffers& buffers) const {
  SplitForSearch(column, role, buffers.split);
  // The produced values first, as a produced column; their rows are the documents'.
  const size_t whole = ScanGenerated(scanner, ColumnScan{}, buffers.split.produced, buffers);
  std::vector<LeakHit>& hits = buffers.hits;
  for (LeakHit& hit : hits) hit.row = static_cast<uint32_t>(buffers.split.row_of[hit.row]);
  scanner.ScanColumn(buffers.split.rest, LeakScope::kTokens, hits);
  return whole;
}

void LeakCheck::Scan(const LeakScanner& scanner, size_t table, const Batch& batch, HitMap& out,
                     Buffers& buffers) const {
  std::vector<LeakHit>& buffer = buffers.hits;
  for (size_t c = 0; c < batch.columns.size(); ++c) {
    buffer.clear();
    const ColumnScan scan = ScanOf(table, c);
    if (!scan.searched) continue;
    size_t whole = 0;
    if (scan.generated) {
      whole = ScanGenerated(scanner, scan, batch.columns[c], buffers);
    } else if (scan.documents != nullptr) {
      whole = ScanDocuments(scanner, *scan.documents, batch.columns[c], buffers);
    } else {
      scanner.ScanColumn(batch.columns[c], LeakScope::kTokens, buffer);
    }
    if (buffer.empty()) continue;
    Hits& hits = out[{table, c}];
    hits.whole |= whole > 0;
    hits.inside |= buffer.size() > whole;
    // A cell may hold several originals: the finding counts rows, each once.
    std::sort(buffer.begin(), buffer.end(),
              [](const LeakHit& a, const LeakHit& b) { return a.row < b.row; });
    for (size_t i = 0; i < buffer.size(); ++i) {
      const LeakHit& hit = buffer[i];
      if (i == 0 || buffer[i - 1].row != hit.row) hits.rows.AddUnordered(batch.first_row + hit.row);
      if (hits.origins.size() < 8) hits.origins.insert(origin_of_[hit.pattern]);
    }
  }
}

void LeakCheck::SearchSchemaText(const std::vector<SchemaText>& texts) {
  if (!scanner_) return;
  for (const SchemaText& text : texts) {
    ++schema_texts_;
    std::set<uint32_t> origins;
    scanner_->Scan(text.text, [&](size_t pattern) {
      if (origins.size() < 8) origins.insert(origin_of_[pattern]);
    });
    if (!origins.empty()) schema_hits_.emplace_back(text, std::move(origins));
  }
}

Status LeakCheck::OnCopy(const VerifiedTable& table, const Batch& batch) {
  if (!scanner_) return InternalError("the leak check was fed before its originals were read");
  for (size_t c = 0; c < batch.columns.size(); ++c) {
    if (ScanOf(table.id, c).searched) cells_ += static_cast<int64_t>(batch.rows());
  }
  if (queue_) {
    queue_->Push(Job{table.id, std::make_shared<const Batch>(batch)});
  } else {
    Scan(*scanner_, table.id, batch, hits_, buffers_);
  }
  return Status::Ok();
}

std::string LeakCheck::DescribeOrigins(const std::set<uint32_t>& origins) const {
  std::vector<std::string> names;
  for (uint32_t id : origins) {
    const auto& [table, column] = origins_[id];
    const VerifiedTable& t = plan_.tables[table];
    names.push_back(
        fmt::format("{}.{} ({})", t.name, t.columns[column].name, t.columns[column].role.rule));
  }
  return fmt::format("{}", fmt::join(names, ", "));
}

void LeakCheck::Finish(std::vector<Finding>& findings, CheckOutcome& outcome) {
  StopWorkers();
  for (const auto& worker : worker_hits_) {
    for (const auto& [key, hits] : worker) {
      Hits& target = hits_[key];
      target.rows.Merge(hits.rows);
      target.origins.insert(hits.origins.begin(), hits.origins.end());
      target.whole |= hits.whole;
      target.inside |= hits.inside;
    }
  }
  for (const auto& [key, hits] : hits_) {
    const VerifiedTable& table = plan_.tables[key.first];
    const std::string& column = table.copy->columns[key.second].name;
    const char* where = !hits.inside ? "as the whole value"
                        : hits.whole ? "as the whole value or inside the text"
                                     : "inside the text";
    findings.push_back(
        hits.rows.ToFinding(std::string(kName), Severity::kError, table.name, column,
                            fmt::format("{} an original value of {} {}",
                                        CountOf(hits.rows.count(), "row holds", "rows hold"),
                                        DescribeOrigins(hits.origins), where)));
    ++outcome.errors;
  }
  for (const auto& [text, origins] : schema_hits_) {
    Finding finding{"leak", Severity::kError, text.owner, text.column, 1, {}, ""};
    finding.detail = fmt::format("the copy's schema text: {} holds an original value of {}",
                                 DescribeSchemaText(text), DescribeOrigins(origins));
    findings.push_back(std::move(finding));
    ++outcome.errors;
  }
  outcome.description =
      "No original value of an identifying column (pseudonymised, faked, dropped, nulled or "
      "masked) appears anywhere in the copy: inside any cell for strong originals (e-mail "
      "addresses, phone numbers, identifiers), inside kept text or as a whole value for the "
      "others (names); case and accents are ignored.";
  outcome.coverage = fmt::format(
      "{} original values ({} strong) from {} identifying columns searched in {} "
      "cells",
      values_searched(), values_strong(), origins_.size(), cells_);
  if (schema_texts_ > 0) {
    outcome.coverage += fmt::format(
        " and {} pieces of schema text (defaults, comments, "
        "constraints, definitions)",
        schema_texts_);
  }
}

void LeakCheck::Describe(VerificationReport& report) const {
  report.leak_values_searched = values_searched();
  report.leak_values_skipped = values_skipped();
  report.leak_skip_reason = skip_reason();
}

int64_t LeakCheck::values_searched() const {
  return scanner_ ? static_cast<int64_t>(scanner_->pattern_count()) : 0;
}

int64_t LeakCheck::values_strong() const {
  return scanner_ ? static_cast<int64_t>(scanner_->strong_count()) : 0;
}

int64_t LeakCheck::values_skipped() const {
  return scanner_ ? static_cast<int64_t>(scanner_->skip_counts().total()) : 0;
}

std::string LeakCheck::skip_reason() const {
  if (!scanner_ || scanner_->skip_counts().total() == 0) return "";
  const LeakSkipCounts& s = scanner_->skip_counts();
  std::vector<std::string> parts;
  const auto add = [&](size_t n, std::string what) {
    if (n > 0) parts.push_back(fmt::format("{} {}", n, what));
  };
  add(s.too_short, fmt::format("shorter than {} characters", options_.min_length));
  add(s.few_digits, fmt::format("numbers with fewer than {} digits", options_.min_digits));
  add(s.date, "dates");
  add(s.too_long, fmt::format("longer than {} bytes (free text)", options_.max_bytes));
  add(s.no_letter_or_digit, "without a letter or digit");
  return fmt::format("{}", fmt::join(parts, "; "));
}

}  // namespace veil
