// veil's library entry point for `veil generate`: constructed test data from a schema
// alone. No data row of the schema's source is ever read: only its catalog (SQLite
// PRAGMAs, PostgreSQL catalog queries) or a SQL schema file.
//
// Every table of the schema is written with its columns, types, keys and constraints;
// each value is constructed (src/generate/), then, when a policy is given, passed
// through the policy's rules exactly as `veil anonymise` would (fakes, code lists,
// keyed pseudonyms), so that the output looks like a scrambled copy. Columns and tables
// the policy does not mention keep their constructed values: there is nothing real in
// them to protect. The output appears only when the whole run succeeded.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>

#include "veil/anonymise.h"
#include "veil/publish_gate.h"
#include "veil/status.h"

namespace veil {

struct GenerateOptions {
  std::string schema;       // where the schema is read: any source location, or a .sql file
  std::string policy_path;  // optional: the rules values pass through
  std::string target;       // any target location; must not exist unless `force`
  bool force = false;
  std::map<std::string, int64_t> rows;  // --rows TABLE=N: exact row counts
  // --per-parent TABLE=MIN..MAX: rows of a child table per row of the table it belongs to
  std::map<std::string, std::pair<int64_t, int64_t>> per_parent;
  // Any text. The same seed, schema, options (and policy secret) give the same output
  // byte for byte; empty: a random seed (the output is then not reproducible).
  std::string seed;
  std::string as_of;       // "YYYY-MM-DD": the day nothing falls after; empty: today (UTC)
  int jobs = 0;            // threads per table, as for anonymise
  char csv_delimiter = 0;  // of a CSV schema source (its header lines are its schema)
  std::function<void(const std::string&)> on_progress;
  PublishGate* publish_gate = nullptr;  // not owned; null: no gate
};

// On success: the run's summary (the target, every table's rows, the rules used), whose
// warnings hold what the user should know of the construction (a column left NULL
// because its type cannot be constructed, a CHECK not understood, a foreign-key cycle
// broken). Errors: a schema that cannot be read, --rows or --per-parent naming a table
// the schema lacks, a NOT NULL column whose type cannot be constructed (named), a policy
// problem; nothing is written then.
Result<RunSummary> Generate(const GenerateOptions& options);

}  // namespace veil
