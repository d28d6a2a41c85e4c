// LeakScanner: finds which of a set of original identifying values (patterns) occur in
// output text, so that `veil verify` can report originals that survived anonymisation.
//
// The entry point of verify/leak/, and the only header its users need. The other files
// are its parts: normalise (the text folding), pattern_filter (which values are too weak
// to search for), text_batch (a column's cells normalised end to end), prefix_matcher
// (the Hyperscan stage, over prefix_groups and shape_filter), literal_table with hash
// and huge_array (the exact confirmation), dense_ids (build-time numbering).
//
// What counts as a match:
//   * Both the patterns and every scanned cell are normalised the same way (see
//     core/text_normalise.h): case-folded, accents removed, common Unicode
//     punctuation and spaces mapped to ASCII. So "José" is found in "JOSE", "Zoë" in
//     "zoe", and an NFD-encoded "José" (e + U+0301) in an NFC-encoded one. Patterns are
//     also trimmed of surrounding ASCII whitespace.
//   * LeakScope::kTokens: a pattern is found when it occurs as a token: the cell's
//     characters either side of the occurrence are not letters or digits (or the
//     occurrence touches the cell's start or end). "Ann" is found in "Ann", "met Ann, 3pm"
//     and "ann@x.org", but not in "Annual" or "Joanne"; "123456789" is found in
//     "ref 123456789." but not in "91234567890". The check applies only at a pattern edge
//     that is itself a letter or digit: "+44 20 7946" is found in "tel:+44 20 7946". An
//     occurrence never spans two cells.
//   * LeakScope::kWholeValue: a cell matches when its whole normalised text, trimmed of
//     ASCII whitespace, equals a pattern: " Ann " and "ANN" match "Ann", "Ann Smith" does
//     not.
//   * LeakScope::kStrongTokens: as kTokens, for the patterns marked strong at Build only
//     (verify/leak/strong_original.h): what a cell a rule produced is searched for, besides
//     its whole value. A cell of ASCII letters and digits alone (a pseudonym, a one-word
//     fake) is one token, where a pattern can only be the whole value: such cells are not
//     searched (kWholeValue finds those matches with one lookup).
//   * Letters and digits are ASCII [a-z0-9] after normalisation plus every non-ASCII
//     character left by normalisation (Greek, Cyrillic, CJK...), which are taken as
//     letters. Text without word separators (e.g. Chinese) therefore only matches whole
//     runs.
//
// Patterns too weak to scan for (too short, short numbers, dates, no letter or digit,
// too long) are skipped, not errors, and counted per reason: see
// verify/leak/pattern_filter.h.
//
// Patterns are personal data: no message produced here ever contains a pattern's or a
// cell's text, only counts and indexes.
//
// Speed: the patterns' normalised texts go into a flat hash table; Hyperscan looks for
// their 4-byte prefixes in all the cells of a column at once (see
// verify/leak/prefix_matcher.h). Build may use LeakScannerOptions::build_threads threads.
//
// Thread safety: a LeakScanner owns scratch space and per-scan buffers, so one instance
// must be used by one thread at a time. Clone() gives another instance sharing the
// compiled (immutable) patterns, for another thread. Movable, not copyable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/column.h"
#include "veil/status.h"
#include "verify/leak/pattern_filter.h"

namespace veil {

// One original found in one cell: `row` is the cell's index in the scanned column,
// `pattern` the pattern's index as given to Build.
struct LeakHit {
  uint32_t row;
  uint32_t pattern;
  bool operator==(const LeakHit&) const = default;
};

enum class LeakScope {
  kTokens,        // a pattern anywhere in the cell at token boundaries (free text)
  kWholeValue,    // only a cell whose whole normalised, trimmed text equals a pattern
  kStrongTokens,  // as kTokens, strong patterns only, cells of one ASCII token skipped
};

class LeakScanner {
 public:
  // Compiles `patterns` (pattern i is reported as index i), skipping weak ones. An empty
  // list, or one where every pattern is skipped, gives a scanner that finds nothing.
  // `strong` is empty (no pattern is strong) or has one flag per pattern: strong patterns
  // are also compiled for LeakScope::kStrongTokens (a second, smaller Hyperscan database
  // over the same literal table; none if no pattern is strong, the first one if all are).
  // Errors: kInvalidArgument for 2^32 - 1 patterns or more or a `strong` of another size,
  // kInternal if the matching engine refuses the patterns or memory.
  static Result<LeakScanner> Build(const std::vector<std::string>& patterns,
                                   const LeakScannerOptions& options = {},
                                   const std::vector<bool>& strong = {});

  // Another scanner over the same compiled patterns, with its own scratch space, for use
  // on another thread.
  Result<LeakScanner> Clone() const;

  // Appends to `hits` one LeakHit per distinct (cell, pattern) found in `column`'s
  // non-NULL cells, in ascending row order (and ascending pattern order within a row).
  // kWholeValue needs no Hyperscan (one hash lookup per cell); kStrongTokens does nothing
  // when no pattern is strong.
  void ScanColumn(const Column& column, LeakScope scope, std::vector<LeakHit>& hits) const;

  // Calls on_match(size_t pattern_index) once for every distinct pattern found in `cell`
  // with LeakScope::kTokens, in ascending order. Patterns with equal normalised text are
  // each reported. For many cells ScanColumn is much faster.
  template <typename OnMatch>
  void Scan(std::string_view cell, OnMatch&& on_match) const {
    for (const LeakHit& hit : ScanCell(cell)) on_match(static_cast<size_t>(hit.pattern));
  }

  // How many patterns were skipped, per reason.
  const LeakSkipCounts& skip_counts() const;
  // Indexes (ascending) of the patterns skipped.
  const std::vector<size_t>& skipped() const;
  // Number of patterns scanned for (all patterns minus the skipped ones).
  size_t pattern_count() const;
  // Number of those marked strong.
  size_t strong_count() const;
  // Number of distinct 4-byte prefixes given to Hyperscan (for benchmarks).
  size_t prefix_count() const;
  // One line for the user: how many patterns were skipped and why, with the first few
  // indexes; empty if none were skipped. Never contains pattern text.
  std::string SkipSummary() const;

  LeakScanner(LeakScanner&&) noexcept;
  LeakScanner& operator=(LeakScanner&&) noexcept;
  LeakScanner(const LeakScanner&) = delete;
  LeakScanner& operator=(const LeakScanner&) = delete;
  ~LeakScanner();

 private:
  struct Compiled;   // the literal table and the prefix matcher, shared by clones
  struct ScanState;  // scratch space and per-scan buffers, one per instance
  LeakScanner(std::shared_ptr<const Compiled> compiled, std::unique_ptr<ScanState> state);
  // A scanner over `compiled` with fresh scratch space.
  static Result<LeakScanner> FromCompiled(std::shared_ptr<const Compiled> compiled);

  // The hits of `cell` scanned alone as row 0; valid until the next scan.
  const std::vector<LeakHit>& ScanCell(std::string_view cell) const;
  // kTokens, or kStrongTokens if `strong_only`.
  void ScanTokens(const Column& column, bool strong_only, std::vector<LeakHit>& hits) const;
  void ScanWholeValues(const Column& column, std::vector<LeakHit>& hits) const;
  // Turns the (row, literal) pairs found into sorted, distinct (row, pattern) hits, of
  // the strong patterns only if `strong_only`.
  void AppendHits(bool strong_only, std::vector<LeakHit>& hits) const;

  std::shared_ptr<const Compiled> compiled_;
  std::unique_ptr<ScanState> state_;
};

}  // namespace veil
