#include "verify/leak/scanner.h"

#include <algorithm>
#include <limits>
#include <string>
#include <thread>
#include <utility>

#include "verify/leak/hash.h"
#include "verify/leak/huge_array.h"
#include "verify/leak/literal_table.h"
#include "core/text_normalise.h"
#include "verify/leak/prefix_groups.h"
#include "verify/leak/prefix_matcher.h"
#include "verify/leak/text_batch.h"

namespace veil {
namespace {

// Cells are scanned in batches of about this many bytes: one Hyperscan call each, and
// small enough for the batch to stay in cache between normalising and confirming.
constexpr size_t kBatchBytes = 256 * 1024;

// Below this many patterns Build uses one thread.
constexpr size_t kPatternsPerThread = 50'000;

// Pattern strings are prefetched this many patterns ahead when they are read.
constexpr size_t kPrefetchAhead = 8;

// True if `text` is ASCII letters and digits alone: one token, which a pattern can match
// only as the whole value.
bool IsOneAsciiToken(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  });
}

// What one build thread made of its range of patterns.
struct PreparedPart {
  LeakLiteralTable::Arena arena;  // the normalised texts
  LeakPrefixGroups groups;
  LeakPrefixGroups strong_groups;  // of the strong patterns alone
  std::vector<size_t> skipped;
  LeakSkipCounts counts;
  size_t scanned = 0;
  size_t strong_scanned = 0;
};

// Normalises, trims, classifies and hashes patterns [begin, end), writing
// entries[begin, end) and their texts into `part`. Returns the bytes of `part.arena` used.
size_t Normalise(const std::vector<std::string>& patterns, size_t begin, size_t end,
                 const LeakScannerOptions& options, LeakLiteralTable::Entry* entries,
                 PreparedPart& part, size_t used) {
  for (size_t i = begin; i < end; ++i) {
    if (i + kPrefetchAhead < end) __builtin_prefetch(patterns[i + kPrefetchAhead].data());
    char* out = part.arena.get() + used;
    const size_t size = NormaliseForLeakScanInto(patterns[i], out);
    const std::string_view text = TrimLeakSpace(std::string_view(out, size));
    LeakSkipReason reason = ClassifyLeakPattern(text, options);
    if (reason == LeakSkipReason::kNone && text.size() > std::numeric_limits<uint32_t>::max()) {
      reason = LeakSkipReason::kTooLong;
    }
    if (reason != LeakSkipReason::kNone) {
      part.counts.Add(reason);
      part.skipped.push_back(i);
      entries[i] = {nullptr, 0, 0};
      continue;  // its bytes are reused by the next pattern
    }
    entries[i] = {text.data(), LeakHash(text.data(), text.size()),
                  static_cast<uint32_t>(text.size())};
    ++part.scanned;
    used += size;
  }
  return used;
}

// Prepares patterns [begin, end) in chunks: normalised first, then grouped by prefix with
// the group of a later entry prefetched; strong ones (`strong` empty: none) into the
// strong groups too.
void Prepare(const std::vector<std::string>& patterns, const std::vector<bool>& strong,
             size_t begin, size_t end, const LeakScannerOptions& options,
             LeakLiteralTable::Entry* entries, PreparedPart& part) {
  constexpr size_t kChunk = 256;
  size_t bytes = 1;
  for (size_t i = begin; i < end; ++i) bytes += patterns[i].size();
  part.arena = MakeLeakHugeArray<char>(bytes);  // normalising never grows
  size_t used = 0;
  for (size_t chunk = begin; chunk < end; chunk += kChunk) {
    const size_t chunk_end = std::min(end, chunk + kChunk);
    used = Normalise(patterns, chunk, chunk_end, options, entries, part, used);
    for (size_t i = chunk; i < chunk_end; ++i) {
      const LeakLiteralTable::Entry& ahead = entries[std::min(i + kPrefetchAhead, chunk_end - 1)];
      if (ahead.size > 0) part.groups.Prefetch(ahead.text, ahead.size);
      if (entries[i].size > 0) {
        part.groups.Add(entries[i].text, entries[i].size, static_cast<uint32_t>(i));
        if (!strong.empty() && strong[i]) {
          part.strong_groups.Add(entries[i].text, entries[i].size, static_cast<uint32_t>(i));
          ++part.strong_scanned;
        }
      }
    }
  }
}

// Prepares `patterns` on up to options.build_threads threads, in consecutive ranges.
std::vector<PreparedPart> PrepareAll(const std::vector<std::string>& patterns,
                                     const std::vector<bool>& strong,
                                     const LeakScannerOptions& options,
                                     LeakLiteralTable::Entry* entries) {
  const size_t threads = std::clamp<size_t>(patterns.size() / kPatternsPerThread, 1,
                                            std::max<size_t>(options.build_threads, 1));
  std::vector<PreparedPart> parts(threads);
  auto run = [&](size_t t) {
    Prepare(patterns, strong, t * patterns.size() / threads, (t + 1) * patterns.size() / threads,
            options, entries, parts[t]);
  };
  std::vector<std::thread> workers;
  for (size_t t = 1; t < threads; ++t) workers.emplace_back(run, t);
  run(0);
  for (std::thread& worker : workers) worker.join();
  return parts;
}

}  // namespace

struct LeakScanner::Compiled {
  LeakLiteralTable table;
  std::unique_ptr<const LeakPrefixMatcher> matcher;  // refers to `table`
  // Of the strong patterns alone, when some but not all are strong (refers to `table`).
  std::unique_ptr<const LeakPrefixMatcher> strong_matcher;
  std::vector<bool> strong;  // per pattern; empty: none
  LeakSkipCounts skip_counts;
  std::vector<size_t> skipped;
  size_t pattern_count = 0;
  size_t strong_count = 0;  // scanned for and strong
  LeakScannerOptions options;

  // The matcher for kStrongTokens, nullptr if no pattern is strong.
  const LeakPrefixMatcher* StrongMatcher() const {
    if (strong_count == 0) return nullptr;
    return strong_count == pattern_count ? matcher.get() : strong_matcher.get();
  }
};

struct LeakScanner::ScanState {
  LeakPrefixMatcher::Scratch scratch;
  LeakPrefixMatcher::Scratch strong_scratch;  // for Compiled::strong_matcher
  LeakTextBatch batch;
  std::vector<LeakFound> found;    // (row, literal) pairs of the current scan
  std::vector<LeakHit> cell_hits;  // the result of ScanCell
  std::vector<char> cell;          // one normalised cell, for whole-value scans
};

LeakScanner::LeakScanner(std::shared_ptr<const Compiled> compiled, std::unique_ptr<ScanState> state)
    : compiled_(std::move(compiled)), state_(std::move(state)) {}
LeakScanner::LeakScanner(LeakScanner&&) noexcept = default;
LeakScanner& LeakScanner::operator=(LeakScanner&&) noexcept = default;
LeakScanner::~LeakScanner() = default;

Result<LeakScanner> LeakScanner::Build(const std::vector<std::string>& patterns,
                                       const LeakScannerOptions& options,
                                       const std::vector<bool>& strong) {
  if (patterns.size() >= std::numeric_limits<uint32_t>::max()) {
    return InvalidArgument("leak scan: " + std::to_string(patterns.size()) +
                           " patterns is more than one scanner takes");
  }
  if (!strong.empty() && strong.size() != patterns.size()) {
    return InvalidArgument("leak scan: " + std::to_string(strong.size()) + " strong flags for " +
                           std::to_string(patterns.size()) + " patterns");
  }
  auto compiled = std::make_shared<Compiled>();
  compiled->options = options;
  compiled->strong = strong;
  const size_t count = patterns.size();
  auto entries = MakeLeakHugeArray<LeakLiteralTable::Entry>(std::max<size_t>(count, 1));
  std::vector<PreparedPart> parts = PrepareAll(patterns, strong, options, entries.get());
  std::vector<LeakLiteralTable::Arena> arenas;
  LeakPrefixGroups& groups = parts[0].groups;
  LeakPrefixGroups& strong_groups = parts[0].strong_groups;
  for (size_t t = 0; t < parts.size(); ++t) {
    compiled->skip_counts += parts[t].counts;
    compiled->skipped.insert(compiled->skipped.end(), parts[t].skipped.begin(),
                             parts[t].skipped.end());
    compiled->pattern_count += parts[t].scanned;
    compiled->strong_count += parts[t].strong_scanned;
    arenas.push_back(std::move(parts[t].arena));
    if (t > 0) groups.Merge(parts[t].groups);
    if (t > 0) strong_groups.Merge(parts[t].strong_groups);
  }
  groups.Coarsen(LeakPrefixGroups::kMaxPrefixes);
  const bool own_strong_matcher =
      compiled->strong_count > 0 && compiled->strong_count < compiled->pattern_count;
  if (own_strong_matcher) strong_groups.Coarsen(LeakPrefixGroups::kMaxPrefixes);
  compiled->table = LeakLiteralTable(std::move(entries), count, std::move(arenas));

  // Index the table while Hyperscan compiles the prefixes.
  LeakLiteralTable& table = compiled->table;
  std::thread indexer;
  if (parts.size() > 1) {
    indexer = std::thread([&table] { table.Index(); });
  } else {
    table.Index();
  }
  Result<std::unique_ptr<const LeakPrefixMatcher>> matcher =
      LeakPrefixMatcher::Build(groups, table);
  Result<std::unique_ptr<const LeakPrefixMatcher>> strong_matcher =
      std::unique_ptr<const LeakPrefixMatcher>();
  if (own_strong_matcher) strong_matcher = LeakPrefixMatcher::Build(strong_groups, table);
  if (indexer.joinable()) indexer.join();
  if (!matcher.ok()) return matcher.status();
  if (!strong_matcher.ok()) return strong_matcher.status();
  compiled->matcher = std::move(matcher).value();
  compiled->strong_matcher = std::move(strong_matcher).value();
  return FromCompiled(std::move(compiled));
}

Result<LeakScanner> LeakScanner::FromCompiled(std::shared_ptr<const Compiled> compiled) {
  auto state = std::make_unique<ScanState>();
  VEIL_ASSIGN_OR_RETURN(state->scratch, compiled->matcher->NewScratch());
  if (compiled->strong_matcher) {
    VEIL_ASSIGN_OR_RETURN(state->strong_scratch, compiled->strong_matcher->NewScratch());
  }
  return LeakScanner(std::move(compiled), std::move(state));
}

Result<LeakScanner> LeakScanner::Clone() const {
  return FromCompiled(compiled_);
}

void LeakScanner::ScanColumn(const Column& column, LeakScope scope,
                             std::vector<LeakHit>& hits) const {
  if (compiled_->pattern_count == 0) return;
  if (scope == LeakScope::kWholeValue) {
    ScanWholeValues(column, hits);
  } else {
    ScanTokens(column, scope == LeakScope::kStrongTokens, hits);
  }
}

void LeakScanner::ScanTokens(const Column& column, bool strong_only,
                             std::vector<LeakHit>& hits) const {
  const LeakPrefixMatcher* chosen =
      strong_only ? compiled_->StrongMatcher() : compiled_->matcher.get();
  if (chosen == nullptr) return;
  const LeakPrefixMatcher& matcher = *chosen;
  ScanState& s = *state_;
  LeakPrefixMatcher::Scratch& scratch =
      chosen == compiled_->matcher.get() ? s.scratch : s.strong_scratch;
  s.found.clear();
  s.batch.Clear();
  for (size_t row = 0; row < column.size(); ++row) {
    if (column.IsNull(row)) continue;
    const std::string_view text = column.Text(row);
    if (text.empty() || (strong_only && IsOneAsciiToken(text))) continue;
    if (s.batch.cell_count() > 0 && s.batch.bytes() + text.size() + 1 > kBatchBytes) {
      matcher.Find(s.batch, scratch, s.found);
      s.batch.Clear();
    }
    s.batch.Add(text, static_cast<uint32_t>(row));
  }
  matcher.Find(s.batch, scratch, s.found);
  AppendHits(strong_only, hits);
}

void LeakScanner::ScanWholeValues(const Column& column, std::vector<LeakHit>& hits) const {
  const LeakLiteralTable& table = compiled_->table;
  ScanState& s = *state_;
  for (size_t row = 0; row < column.size(); ++row) {
    if (column.IsNull(row)) continue;
    const std::string_view text = column.Text(row);
    if (s.cell.size() < text.size()) s.cell.resize(std::max(text.size(), 2 * s.cell.size()));
    const size_t size = NormaliseForLeakScanInto(text, s.cell.data());
    const std::string_view value = TrimLeakSpace(std::string_view(s.cell.data(), size));
    if (value.empty()) continue;
    const uint32_t literal = table.Find(value);
    if (literal == LeakLiteralTable::kNone) continue;
    table.ForEachPattern(literal, [&](uint32_t pattern) {
      hits.push_back({static_cast<uint32_t>(row), pattern});
    });
  }
}

const std::vector<LeakHit>& LeakScanner::ScanCell(std::string_view cell) const {
  ScanState& s = *state_;
  s.cell_hits.clear();
  s.found.clear();
  if (compiled_->pattern_count == 0 || cell.empty()) return s.cell_hits;
  s.batch.Clear();
  s.batch.Add(cell, 0);
  compiled_->matcher->Find(s.batch, s.scratch, s.found);
  AppendHits(false, s.cell_hits);
  return s.cell_hits;
}

void LeakScanner::AppendHits(bool strong_only, std::vector<LeakHit>& hits) const {
  std::vector<LeakFound>& found = state_->found;
  if (found.empty()) return;
  auto by_row_then_literal = [](const LeakFound& a, const LeakFound& b) {
    return a.row != b.row ? a.row < b.row : a.literal < b.literal;
  };
  std::sort(found.begin(), found.end(), by_row_then_literal);
  const size_t first = hits.size();
  for (size_t i = 0; i < found.size(); ++i) {
    if (i > 0 && found[i].row == found[i - 1].row && found[i].literal == found[i - 1].literal) {
      continue;  // the same literal again in the same cell
    }
    compiled_->table.ForEachPattern(found[i].literal, [&](uint32_t pattern) {
      // The strong matcher may confirm a weak literal that shares a strong one's prefix.
      if (!strong_only || compiled_->strong[pattern]) hits.push_back({found[i].row, pattern});
    });
  }
  // Literals are distinct texts, so their patterns are too: sorting leaves no repeats.
  std::sort(hits.begin() + static_cast<std::ptrdiff_t>(first), hits.end(),
            [](const LeakHit& a, const LeakHit& b) {
              return a.row != b.row ? a.row < b.row : a.pattern < b.pattern;
            });
  found.clear();
}

const LeakSkipCounts& LeakScanner::skip_counts() const {
  return compiled_->skip_counts;
}
const std::vector<size_t>& LeakScanner::skipped() const {
  return compiled_->skipped;
}
size_t LeakScanner::pattern_count() const {
  return compiled_->pattern_count;
}
size_t LeakScanner::strong_count() const {
  return compiled_->strong_count;
}
size_t LeakScanner::prefix_count() const {
  return compiled_->matcher->prefix_count();
}

std::string LeakScanner::SkipSummary() const {
  const std::vector<size_t>& skipped = compiled_->skipped;
  if (skipped.empty()) return "";
  const LeakSkipCounts& counts = compiled_->skip_counts;
  const LeakScannerOptions& options = compiled_->options;
  std::string reasons;
  auto add = [&](size_t count, const std::string& why) {
    if (count == 0) return;
    reasons += (reasons.empty() ? "" : ", ") + std::to_string(count) + " " + why;
  };
  add(counts.too_short,
      "shorter than " + std::to_string(std::max<size_t>(options.min_length, 1)) + " characters");
  add(counts.few_digits,
      "numbers with fewer than " + std::to_string(options.min_digits) + " digits");
  add(counts.date, "dates");
  add(counts.too_long, "longer than " + std::to_string(options.max_bytes) + " bytes");
  add(counts.no_letter_or_digit, "without a letter or digit");
  std::string summary = std::to_string(skipped.size()) + " pattern" +
                        (skipped.size() == 1 ? "" : "s") + " not scanned for (" + reasons +
                        "): index";
  summary += skipped.size() == 1 ? " " : "es ";
  constexpr size_t kShown = 10;
  for (size_t i = 0; i < skipped.size() && i < kShown; ++i) {
    if (i > 0) summary += ", ";
    summary += std::to_string(skipped[i]);
  }
  if (skipped.size() > kShown) summary += ", ...";
  return summary;
}

}  // namespace veil
