// LeakScanner: finds which of a set of original identifying values (patterns) occur in a
// piece of output text (a cell), so that `veil verify` can report originals that survived
// anonymisation.
//
// What counts as a match:
//   * Both the patterns and every scanned cell are normalised the same way (see
//     verify/leak_normalise.h): case-folded, accents removed, common Unicode
//     punctuation and spaces mapped to ASCII. So "José" is found in "JOSE", "Zoë" in
//     "zoe", and an NFD-encoded "José" (e + U+0301) in an NFC-encoded one.
//   * A pattern is found when it occurs as a token: the cell's characters either side of
//     the occurrence are not letters or digits (or the occurrence touches the cell's
//     start or end). "Ann" is found in "Ann", "met Ann, 3pm" and "ann@x.org", but not in
//     "Annual" or "Joanne"; "123456789" is found in "ref 123456789." but not in
//     "91234567890". The check applies only at a pattern edge that is itself a letter or
//     digit: "+44 20" is found in "tel:+44 20 7946".
//   * Letters and digits are ASCII [a-z0-9] after normalisation plus every non-ASCII
//     character left by normalisation (Greek, Cyrillic, CJK...), which are taken as
//     letters. Text without word separators (e.g. Chinese) therefore only matches whole
//     runs.
//
// Patterns that are too weak to scan for are skipped and reported by index: those with
// fewer than `min_length` characters after normalisation and trimming of surrounding
// ASCII whitespace (a one-letter original would match everywhere), and those with no
// letter or digit at all. A pattern longer than kMaxPatternBytes after normalisation is
// an error: a leak pattern is one value, long free text must be split by the caller.
//
// Patterns are personal data: no message produced here ever contains a pattern's or a
// cell's text, only counts and indexes.
//
// Thread safety: a LeakScanner owns scratch space and per-scan state, so one instance
// must be used by one thread at a time. Clone() gives another instance sharing the
// compiled (immutable) database, for another thread. Movable, not copyable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "veil/status.h"

namespace veil {

class LeakScanner {
 public:
  static constexpr size_t kMaxPatternBytes = 4096;

  // Compiles `patterns` (pattern i is reported as index i). `min_length` is counted in
  // characters (code points) after normalisation; 0 acts as 1. An empty list, or one
  // where every pattern is skipped, gives a scanner that finds nothing.
  // Errors: kInvalidArgument for a pattern over kMaxPatternBytes, kInternal if the
  // matching engine refuses the patterns or memory.
  static Result<LeakScanner> Build(const std::vector<std::string>& patterns, size_t min_length);

  // Another scanner over the same compiled patterns, with its own scratch space, for use
  // on another thread.
  Result<LeakScanner> Clone() const;

  // Calls on_match(pattern_index) once for every distinct pattern found in `cell` (in no
  // particular order). Patterns with equal normalised text are each reported.
  void Scan(std::string_view cell, const std::function<void(size_t)>& on_match) const;

  // Indexes (ascending) of the patterns skipped as too weak to scan for.
  const std::vector<size_t>& skipped() const;
  // Number of patterns scanned for (all patterns minus the skipped ones).
  size_t pattern_count() const;
  // One line for the user: how many patterns were skipped and why, with the first few
  // indexes; empty if none were skipped. Never contains pattern text.
  std::string SkipSummary() const;

  LeakScanner(LeakScanner&&) noexcept;
  LeakScanner& operator=(LeakScanner&&) noexcept;
  LeakScanner(const LeakScanner&) = delete;
  LeakScanner& operator=(const LeakScanner&) = delete;
  ~LeakScanner();

 private:
  struct Compiled;   // the database and the literal -> pattern tables, shared by clones
  struct ScanState;  // scratch space and per-scan buffers, one per instance
  LeakScanner(std::shared_ptr<const Compiled> compiled, std::unique_ptr<ScanState> state);
  // A scanner over `compiled` with fresh scratch space.
  static Result<LeakScanner> FromCompiled(std::shared_ptr<const Compiled> compiled);

  std::shared_ptr<const Compiled> compiled_;
  std::unique_ptr<ScanState> state_;
};

}  // namespace veil
