// veil's library entry point for `veil anonymise`: read a source, apply a policy to
// every column of every table, and write a safe copy.
//
// Guarantees: nothing is written unless the policy covers every table and column of the
// source; output appears at the target only when the whole run succeeded (a failed run
// leaves no target and no temporary copy); with a fixed secret the output is a pure
// function of input, policy and secret. The secret itself never appears in any result
// or message, only its fingerprint. Errors name places, never cell values. An in-place
// scrub changes the database only by committing its whole transaction.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "veil/publish_gate.h"
#include "veil/status.h"
#include "veil/subset.h"
#include "veil/verify.h"

namespace veil {

struct AnonymiseOptions {
  std::string policy_path;
  std::string
      source;  // a CSV file, a directory of CSV files, a SQLite database or a PostgreSQL URI
  std::string target;  // likewise; must not exist unless `force`; empty when in_place
  bool force = false;
  // Scrub the PostgreSQL database `source` where it stands, in one transaction, if the
  // policy's in_place.allow names it (checked before connecting). Kept tables are not
  // rewritten; the run is recorded in veil.veil_runs.
  bool in_place = false;
  char csv_delimiter = 0;  // 0: detect from each file's header line
  // Threads per table: with 2 or more, reading, the rules and writing overlap (see
  // engine/table_runner.h). 0: as many as the machine has cores.
  int jobs = 0;
  // Run `veil verify`'s checks on the copy where it was staged, before publishing it; if
  // any error-severity finding is raised, the copy is not published and its staged output
  // is removed (RunSummary::output_removed). Not with in_place (there is no original left
  // to compare with).
  bool verify = false;
  // Called with a progress line per table (rows, rows/s, ETA) about every quarter second;
  // empty: no progress.
  std::function<void(const std::string&)> on_progress;
  // Told when the output is published (the rename into place, the COMMIT), so that the
  // caller can hold off ending the process during it. Not owned; null: no gate.
  PublishGate* publish_gate = nullptr;
  // `--subset`: copy only these rows and their closure under foreign keys (docs/subset.md);
  // not with in_place. Unrelated tables are copied empty, or whole with
  // subset_keep_unrelated.
  std::vector<std::string> subset = {};
  bool subset_keep_unrelated = false;
};

struct TableSummary {
  std::string name;
  std::string action;  // anonymised, kept, deleted, dropped
  int64_t rows = 0;
};

// What a table's `privacy:` section produced (see docs/privacy.md): the generalisation
// chosen, what it cost and the classes it left.
struct PrivacyOutcome {
  std::string table;
  std::vector<std::string> models;             // e.g. "5-anonymity"
  std::vector<std::string> quasi_identifiers;  // columns, in policy order
  std::vector<int> levels;                     // the level chosen for each
  std::vector<int> top_levels;                 // each hierarchy's highest level
  int64_t records = 0;
  int64_t records_suppressed = 0;
  std::string suppression;  // "mask" or "remove"
  double suppression_limit = 0;
  std::string metric;  // loss, discernibility, precision, entropy
  double metric_value = 0;
  int64_t equivalence_classes = 0;  // classes released (suppressed records not counted)
  int64_t min_class_size = 0;
  std::map<int64_t, int64_t> class_size_distribution;  // size -> classes released
  bool exact = true;                                   // false: heuristic search
  uint64_t lattice_nodes = 0;
  uint64_t nodes_evaluated = 0;
  double search_seconds = 0;
};

struct RunSummary {
  std::string target;
  std::vector<TableSummary> tables;
  int64_t rows = 0;
  std::map<std::string, int> columns_per_rule;  // rule kind -> number of columns
  double seconds = 0;
  std::string secret_fingerprint;
  bool ephemeral_secret = false;
  std::string policy_digest;
  std::vector<std::string> warnings;
  // The source's defaults and comments left out of the output, each as where it stood
  // and why, e.g. "the comment on column name of table child: it held an original value"
  // (or ": too long to search for originals", past 1 MiB of such text in all).
  std::vector<std::string> schema_text_removed;
  // Entities whose pseudonyms were too many to check exhaustively for collisions (their
  // space is large enough that a collision is below one in a billion; see docs/policy.md).
  std::vector<std::string> entities_checked_statistically;
  // One entry per table with a privacy section.
  std::vector<PrivacyOutcome> privacy;
  // With AnonymiseOptions::verify: the verification of the copy, and whether the copy was
  // withheld (not published, its staged output removed) because of it.
  std::optional<VerificationReport> verification;
  bool output_removed = false;
  // With AnonymiseOptions::subset: the rows chosen and included per table (its warnings
  // are also in `warnings`).
  SubsetSummary subset;
};

Result<RunSummary> Anonymise(const AnonymiseOptions& options);

// The report of a run (`veil anonymise --report FILE.json`) as JSON, indented by two spaces
// and ending in a newline: what was written, with which policy and key fingerprint, and for
// every table with a privacy section the generalisation chosen, the records suppressed,
// the metric and the class sizes. Names and figures only, never a data value or the secret.
std::string RunReportJson(const RunSummary& summary);

}  // namespace veil
