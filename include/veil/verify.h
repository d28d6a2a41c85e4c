// veil's library entry point for `veil verify`: compare an anonymised copy with its
// original, under the policy that produced it, and say whether anything personal got
// through.
//
// Verify() reads both sides itself (CSV, SQLite or PostgreSQL, in any combination) and
// trusts nothing the anonymiser recorded: every check is computed from the data. Rows are
// paired by position (row N of a table in the original with row N of the same table in
// the copy), which is how veil writes them.
//
// A VerificationReport never contains a cell's content, an original or anonymised value,
// or the secret: findings name tables, columns and row numbers only. Input problems (a
// missing file, a malformed policy) are errors; problems with the copy are findings.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "veil/status.h"

namespace veil {

struct VerifyOptions {
  std::string policy_path;
  std::string original;    // a CSV file or directory, SQLite database or PostgreSQL URI
  std::string anonymised;  // likewise; the copy `veil anonymise` wrote from `original`
  char csv_delimiter = 0;  // of the original's CSV files; 0: detect (always, for the copy)
  // Threads for the leak search; 0: as many as the machine has cores.
  int jobs = 0;
  // `--subset`: compare the copy with this subset of the original (docs/subset.md), the
  // one `veil anonymise --subset` with the same options and secret wrote, so that row
  // counts and pairing follow it. A sample (N%, N rows) needs the policy's secret.
  std::vector<std::string> subset = {};
  bool subset_keep_unrelated = false;
};

enum class Severity { kError, kWarning };

// One problem found in the copy. `rows` are 1-based data-row numbers of `table` in the
// copy (at most kMaxFindingRows of them, ascending); `count` is how many rows (or values,
// as `detail` says) are affected in all. `column` is empty for a table-level finding.
struct Finding {
  std::string check;  // unchanged, leak, foreign_key, date_interval, format, row_count, ...
  Severity severity = Severity::kError;
  std::string table;
  std::string column;
  int64_t count = 0;
  std::vector<int64_t> rows;
  std::string detail;  // plain language; never a value
};

inline constexpr size_t kMaxFindingRows = 20;

// What one check did: whether it ran, what it covered, how many findings it raised.
struct CheckOutcome {
  std::string check;
  std::string description;  // what it checks, in one sentence
  std::string coverage;     // what it looked at, e.g. "12 columns in 4 tables"
  int errors = 0;
  int warnings = 0;
  bool ran = true;  // false when nothing in the policy calls for it (coverage says why)
};

struct ColumnStatistics {
  std::string name;
  std::string rule;              // keep, drop, fake, pseudonymise, ...
  int64_t distinct_before = -1;  // -1: not counted (e.g. dropped columns after)
  int64_t distinct_after = -1;
  int64_t compared = 0;            // rows with a non-empty original value compared in place
  int64_t unchanged = 0;           // of those, rows whose copy equals the original
  double unchanged_threshold = 0;  // the largest unchanged share allowed; 1 if unchecked
};

struct TableStatistics {
  std::string name;
  std::string action;  // anonymised, kept, deleted, dropped
  int64_t rows_before = 0;
  int64_t rows_after = -1;                // -1: the table is not in the copy
  std::vector<ColumnStatistics> columns;  // the original's columns, in order
};

struct VerificationReport {
  // No finding at all. Warnings also fail a verification (the exit status is 1), but only
  // errors make `veil anonymise --verify` remove its output.
  bool passed = false;
  std::vector<Finding> findings;
  std::vector<CheckOutcome> checks;
  std::vector<TableStatistics> tables;  // the original's tables, in source order
  // Provenance, for the report's header. Locations are described without passwords.
  std::string original;
  std::string anonymised;
  std::string policy_path;
  std::string policy_digest;       // SHA-256 of the policy file
  std::string secret_fingerprint;  // "" when the verifier could not load the secret
  std::string secret_note;         // why there is no fingerprint, or "" when there is one
  std::string veil_version;
  std::string started_at;  // UTC, ISO 8601
  double seconds = 0;
  // The leak search: how many distinct original values were searched for, and how many
  // were too weak to search for (too short, only digits and too few of them, dates).
  int64_t leak_values_searched = 0;
  int64_t leak_values_skipped = 0;
  std::string leak_skip_reason;  // plain language; "" when none were skipped

  int errors() const;
  int warnings() const;
};

Result<VerificationReport> Verify(const VerifyOptions& options);

// The report as one JSON object: {"passed", "findings", "checks", "tables", ...}; see
// docs/verify.md for the fields.
std::string VerificationJson(const VerificationReport& report);
// The report for a data-protection officer, as Markdown or as one self-contained HTML
// page (inline CSS and SVG, nothing fetched from the network).
std::string VerificationMarkdown(const VerificationReport& report);
std::string VerificationHtml(const VerificationReport& report);
// The short plain-text summary `veil verify` prints: the verdict, each finding (check,
// place, rows, detail) and each check's result, one or two lines each.
std::string VerificationText(const VerificationReport& report);

}  // namespace veil
