#include "verify/leak_scanner.h"

#include <hs/hs.h>

#include <algorithm>
#include <limits>
#include <string>
#include <unordered_map>
#include <utility>

#include "verify/leak_normalise.h"

namespace veil {
namespace {

struct DatabaseDeleter {
  void operator()(hs_database_t* db) const { hs_free_database(db); }
};
struct ScratchDeleter {
  void operator()(hs_scratch_t* scratch) const { hs_free_scratch(scratch); }
};
struct CompileErrorDeleter {
  void operator()(hs_compile_error_t* error) const { hs_free_compile_error(error); }
};
using Database = std::unique_ptr<hs_database_t, DatabaseDeleter>;
using Scratch = std::unique_ptr<hs_scratch_t, ScratchDeleter>;

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

size_t CountCharacters(std::string_view text) {
  size_t count = 0;
  for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

// Edge flag of a prefix: its first byte is a letter or digit, so the text before a match
// must not be one.
constexpr uint8_t kCheckBefore = 1;

// Hyperscan's compile time grows with the number of distinct literals (about 50 us each,
// far more for long ones), so it is given only the first kPrefixBytes bytes of each
// pattern; a prefix match is confirmed by looking up the full candidates in a hash map.
constexpr size_t kPrefixBytes = 4;

}  // namespace

struct LeakScanner::Compiled {
  Database database;  // null when there is nothing to scan for
  // Hyperscan id p is a prefix of prefix_length[p] bytes; the distinct lengths of the
  // literals starting with it are lengths[length_first[p] .. length_first[p + 1]).
  // kCheckBefore in prefix_edges[p] if its first byte is a letter or digit.
  std::vector<uint32_t> prefix_length;
  std::vector<uint8_t> prefix_edges;
  std::vector<uint32_t> length_first;
  std::vector<uint32_t> lengths;
  // Literal l (a distinct normalised pattern, texts[l], found through literal_of) stands
  // for patterns pattern_ids[first[l] .. first[l + 1]). A match of literal l ending on a
  // letter or digit must not be followed by one.
  std::vector<std::string> texts;
  std::unordered_map<std::string_view, uint32_t> literal_of;
  std::vector<uint32_t> first;
  std::vector<uint32_t> pattern_ids;
  std::vector<size_t> skipped;
  size_t pattern_count = 0;
  size_t min_length = 0;
};

struct LeakScanner::ScanState {
  Scratch scratch;
  std::string text;  // the normalised cell
  size_t text_size = 0;
  std::vector<uint32_t> seen;  // per literal: the scan number that last found it
  uint32_t scan_number = 0;
  std::vector<uint32_t> found;  // literals found by the current scan (ids into texts)
  const Compiled* compiled = nullptr;
};

LeakScanner::LeakScanner(std::shared_ptr<const Compiled> compiled, std::unique_ptr<ScanState> state)
    : compiled_(std::move(compiled)), state_(std::move(state)) {}
LeakScanner::LeakScanner(LeakScanner&&) noexcept = default;
LeakScanner& LeakScanner::operator=(LeakScanner&&) noexcept = default;
LeakScanner::~LeakScanner() = default;

Result<LeakScanner> LeakScanner::Build(const std::vector<std::string>& patterns,
                                       size_t min_length) {
  if (patterns.size() >= std::numeric_limits<uint32_t>::max()) {
    return InvalidArgument("leak scan: " + std::to_string(patterns.size()) +
                           " patterns is more than one scanner takes");
  }
  auto compiled = std::make_shared<Compiled>();
  compiled->min_length = std::max<size_t>(min_length, 1);

  // Normalise, then group patterns by normalised text: one literal per distinct text.
  std::vector<std::string>& literals = compiled->texts;
  std::vector<std::vector<uint32_t>> owners;  // literal -> pattern indexes
  std::unordered_map<std::string_view, uint32_t>& literal_of = compiled->literal_of;
  literal_of.reserve(patterns.size());
  literals.reserve(patterns.size());
  for (size_t i = 0; i < patterns.size(); ++i) {
    std::string text = NormaliseForLeakScan(patterns[i]);
    size_t begin = 0;
    size_t end = text.size();
    while (begin < end && IsAsciiSpace(text[begin])) ++begin;
    while (end > begin && IsAsciiSpace(text[end - 1])) --end;
    std::string_view trimmed(text.data() + begin, end - begin);
    if (trimmed.size() > kMaxPatternBytes) {
      return InvalidArgument(
          "leak scan: pattern " + std::to_string(i) + " of " + std::to_string(patterns.size()) +
          " is " + std::to_string(trimmed.size()) +
          " bytes long after normalisation, over the limit of " + std::to_string(kMaxPatternBytes) +
          "; long free text must be scanned for by its parts");
    }
    bool has_word = std::any_of(trimmed.begin(), trimmed.end(), [](char c) {
      return IsLeakWordByte(static_cast<unsigned char>(c));
    });
    if (!has_word || CountCharacters(trimmed) < compiled->min_length) {
      compiled->skipped.push_back(i);
      continue;
    }
    // `literals` is reserved up front, so views into its strings stay valid.
    auto found = literal_of.find(trimmed);
    if (found == literal_of.end()) {
      literals.emplace_back(trimmed);
      owners.emplace_back();
      found = literal_of.emplace(literals.back(), static_cast<uint32_t>(literals.size() - 1)).first;
    }
    owners[found->second].push_back(static_cast<uint32_t>(i));
    ++compiled->pattern_count;
  }

  size_t literal_count = literals.size();
  compiled->first.reserve(literal_count + 1);
  compiled->pattern_ids.reserve(compiled->pattern_count);
  std::unordered_map<std::string_view, uint32_t> prefix_of;
  std::vector<std::string_view> prefixes;
  std::vector<std::vector<uint32_t>> prefix_lengths;
  std::vector<uint32_t> prefix_literal;  // a literal starting with each prefix
  for (size_t l = 0; l < literal_count; ++l) {
    const std::string& literal = literals[l];
    compiled->first.push_back(static_cast<uint32_t>(compiled->pattern_ids.size()));
    compiled->pattern_ids.insert(compiled->pattern_ids.end(), owners[l].begin(), owners[l].end());
    std::string_view prefix = std::string_view(literal).substr(0, kPrefixBytes);
    auto [it, added] = prefix_of.try_emplace(prefix, static_cast<uint32_t>(prefixes.size()));
    if (added) {
      prefixes.push_back(prefix);
      prefix_lengths.emplace_back();
      prefix_literal.push_back(static_cast<uint32_t>(l));
    }
    std::vector<uint32_t>& known = prefix_lengths[it->second];
    auto length = static_cast<uint32_t>(literal.size());
    if (std::find(known.begin(), known.end(), length) == known.end()) known.push_back(length);
  }
  compiled->first.push_back(static_cast<uint32_t>(compiled->pattern_ids.size()));
  owners.clear();
  prefix_of.clear();

  size_t count = prefixes.size();
  std::vector<const char*> expressions(count);
  std::vector<size_t> lengths(count);
  std::vector<unsigned> ids(count);
  std::vector<unsigned> flags(count, 0);  // both sides are case-folded already
  for (size_t p = 0; p < count; ++p) {
    expressions[p] = prefixes[p].data();
    lengths[p] = prefixes[p].size();
    ids[p] = static_cast<unsigned>(p);
    compiled->prefix_length.push_back(static_cast<uint32_t>(prefixes[p].size()));
    compiled->prefix_edges.push_back(
        IsLeakWordByte(static_cast<unsigned char>(prefixes[p].front())) ? kCheckBefore : 0);
    compiled->length_first.push_back(static_cast<uint32_t>(compiled->lengths.size()));
    compiled->lengths.insert(compiled->lengths.end(), prefix_lengths[p].begin(),
                             prefix_lengths[p].end());
  }
  compiled->length_first.push_back(static_cast<uint32_t>(compiled->lengths.size()));

  if (count > 0) {
    hs_database_t* database = nullptr;
    hs_compile_error_t* raw_error = nullptr;
    hs_error_t rc = hs_compile_lit_multi(expressions.data(), flags.data(), ids.data(),
                                         lengths.data(), static_cast<unsigned>(count),
                                         HS_MODE_BLOCK, nullptr, &database, &raw_error);
    std::unique_ptr<hs_compile_error_t, CompileErrorDeleter> error(raw_error);
    compiled->database.reset(database);
    if (rc != HS_SUCCESS) {
      // Hyperscan's message is left out: it could quote the literal.
      std::string where;
      if (error && error->expression >= 0 && static_cast<size_t>(error->expression) < count) {
        size_t literal = prefix_literal[static_cast<size_t>(error->expression)];
        where = " (first refused: pattern " +
                std::to_string(compiled->pattern_ids[compiled->first[literal]]) + ")";
      }
      return InternalError("leak scan: the matching engine could not compile " +
                           std::to_string(count) + " distinct pattern prefixes, error code " +
                           std::to_string(rc) + where);
    }
  }
  return FromCompiled(std::move(compiled));
}

Result<LeakScanner> LeakScanner::FromCompiled(std::shared_ptr<const Compiled> compiled) {
  auto state = std::make_unique<ScanState>();
  if (compiled->database) {
    hs_scratch_t* scratch = nullptr;
    hs_error_t rc = hs_alloc_scratch(compiled->database.get(), &scratch);
    state->scratch.reset(scratch);
    if (rc != HS_SUCCESS) {
      return InternalError("leak scan: could not allocate scratch space, error code " +
                           std::to_string(rc));
    }
  }
  state->seen.assign(compiled->texts.size(), 0);
  return LeakScanner(std::move(compiled), std::move(state));
}

Result<LeakScanner> LeakScanner::Clone() const {
  return FromCompiled(compiled_);
}

void LeakScanner::Scan(std::string_view cell, const std::function<void(size_t)>& on_match) const {
  const Compiled& compiled = *compiled_;
  if (!compiled.database || cell.empty()) return;
  ScanState& state = *state_;
  if (state.text.size() < cell.size())
    state.text.resize(std::max(cell.size(), 2 * state.text.size()));
  state.text_size = NormaliseForLeakScanInto(cell, state.text.data());
  if (state.text_size == 0) return;
  if (++state.scan_number == 0) {  // wrapped: forget every earlier scan
    std::fill(state.seen.begin(), state.seen.end(), 0);
    state.scan_number = 1;
  }
  state.found.clear();
  state.compiled = &compiled;

  auto on_literal = [](unsigned int id, unsigned long long /*from*/, unsigned long long to,
                       unsigned int /*flags*/, void* context) -> int {
    auto& s = *static_cast<ScanState*>(context);
    const Compiled& c = *s.compiled;
    const size_t end_of_prefix = static_cast<size_t>(to);
    const size_t begin = end_of_prefix - c.prefix_length[id];
    const char* text = s.text.data();
    if ((c.prefix_edges[id] & kCheckBefore) && begin > 0 &&
        IsLeakWordByte(static_cast<unsigned char>(text[begin - 1]))) {
      return 0;
    }
    for (uint32_t k = c.length_first[id]; k < c.length_first[id + 1]; ++k) {
      size_t end = begin + c.lengths[k];
      if (end > s.text_size) continue;
      if (end < s.text_size && IsLeakWordByte(static_cast<unsigned char>(text[end])) &&
          IsLeakWordByte(static_cast<unsigned char>(text[end - 1]))) {
        continue;  // ends inside a word
      }
      auto found = c.literal_of.find(std::string_view(text + begin, end - begin));
      if (found == c.literal_of.end()) continue;
      uint32_t literal = found->second;
      if (s.seen[literal] == s.scan_number) continue;
      s.seen[literal] = s.scan_number;
      s.found.push_back(literal);
    }
    return 0;
  };
  hs_error_t rc =
      hs_scan(compiled.database.get(), state.text.data(), static_cast<unsigned>(state.text_size), 0,
              state.scratch.get(), on_literal, &state);
  (void)rc;  // HS_SUCCESS: the callback never stops the scan, and the scratch fits the database
  for (uint32_t literal : state.found) {
    for (uint32_t k = compiled.first[literal]; k < compiled.first[literal + 1]; ++k) {
      on_match(compiled.pattern_ids[k]);
    }
  }
}

const std::vector<size_t>& LeakScanner::skipped() const {
  return compiled_->skipped;
}
size_t LeakScanner::pattern_count() const {
  return compiled_->pattern_count;
}

std::string LeakScanner::SkipSummary() const {
  const std::vector<size_t>& skipped = compiled_->skipped;
  if (skipped.empty()) return "";
  std::string summary = std::to_string(skipped.size()) + " pattern" +
                        (skipped.size() == 1 ? "" : "s") + " not scanned for (shorter than " +
                        std::to_string(compiled_->min_length) +
                        " characters or without a letter or digit): index";
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
