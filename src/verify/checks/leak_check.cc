#include "verify/checks/leak_check.h"

#include <fmt/format.h>

#include <algorithm>

#include <functional>

#include "verify/leak/dense_ids.h"
#include "verify/leak/hash.h"

namespace veil {
namespace {

// The columns of `table` whose originals identify someone.
std::vector<size_t> IdentifyingColumns(const VerifiedTable& table) {
  std::vector<size_t> columns;
  if (table.action != TableAction::kAnonymise) return columns;
  for (size_t c = 0; c < table.columns.size(); ++c) {
    if (table.columns[c].role.identifying) columns.push_back(c);
  }
  return columns;
}

// Distinct original values, each remembered with the first column it came from.
class PatternSet {
 public:
  void Add(std::string_view value, uint32_t origin) {
    const uint64_t h = LeakHash(value.data(), value.size());
    bool added = false;
    index_.Get(h == 0 ? 1 : h, added);  // the table's keys are non-zero
    if (!added) return;
    patterns_.emplace_back(value);
    origin_of_.push_back(origin);
  }
  std::vector<std::string>& patterns() { return patterns_; }
  std::vector<uint32_t>& origin_of() { return origin_of_; }

 private:
  LeakDenseIds index_;  // 64-bit hashes of the values: a collision drops one value in 2^64
  std::vector<std::string> patterns_;
  std::vector<uint32_t> origin_of_;
};

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
    std::vector<std::optional<LeakScope>> scopes;
    if (table.in_copy()) {
      scopes.assign(table.copy->columns.size(), LeakScope::kTokens);
      for (const auto& column : table.columns) {
        if (column.copy_index < 0 || !column.role.generated) continue;
        auto& scope = scopes[static_cast<size_t>(column.copy_index)];
        scope = LeakScope::kWholeValue;
        if (column.role.drawn_from_list) scope.reset();
      }
    }
    scopes_.push_back(std::move(scopes));
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
    for (size_t c : columns) {
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
          if (!column.IsNull(i) && !column.Text(i).empty()) set.Add(column.Text(i), origin_ids[k]);
        }
      }
    }
  }
  VEIL_ASSIGN_OR_RETURN(LeakScanner scanner, LeakScanner::Build(set.patterns(), options_));
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
      std::vector<LeakHit> buffer;
      while (auto job = queue_->Pop()) {
        Scan(scanner, job->table, *job->batch, worker_hits_[static_cast<size_t>(w)], buffer);
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

std::optional<LeakScope> LeakCheck::ScopeOf(size_t table, size_t copy_column) const {
  const auto& scopes = scopes_[table];
  return copy_column < scopes.size() ? scopes[copy_column] : LeakScope::kTokens;
}

void LeakCheck::Scan(const LeakScanner& scanner, size_t table, const Batch& batch, HitMap& out,
                     std::vector<LeakHit>& buffer) const {
  for (size_t c = 0; c < batch.columns.size(); ++c) {
    buffer.clear();
    const std::optional<LeakScope> scope = ScopeOf(table, c);
    if (!scope) continue;
    scanner.ScanColumn(batch.columns[c], *scope, buffer);
    if (buffer.empty()) continue;
    Hits& hits = out[{table, c}];
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
    if (ScopeOf(table.id, c)) cells_ += static_cast<int64_t>(batch.rows());
  }
  if (queue_) {
    queue_->Push(Job{table.id, std::make_shared<const Batch>(batch)});
  } else {
    Scan(*scanner_, table.id, batch, hits_, buffer_);
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
    }
  }
  for (const auto& [key, hits] : hits_) {
    const VerifiedTable& table = plan_.tables[key.first];
    const std::string& column = table.copy->columns[key.second].name;
    const bool whole = ScopeOf(key.first, key.second) == LeakScope::kWholeValue;
    findings.push_back(hits.rows.ToFinding(
        std::string(kName), Severity::kError, table.name, column,
        fmt::format(
            "{} an original value of {} {}", CountOf(hits.rows.count(), "row holds", "rows hold"),
            DescribeOrigins(hits.origins), whole ? "as the whole value" : "inside the text")));
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
      "masked) appears anywhere in the copy, as a whole value or inside free text; case and "
      "accents are ignored.";
  outcome.coverage = fmt::format(
      "{} original values from {} identifying columns searched in {} "
      "cells",
      values_searched(), origins_.size(), cells_);
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
