// veil's library entry point for `veil scan`: what each column of a source holds, judged
// from its name, its declared type and keys, and a sample of its values, with the rule a
// policy should give it. Nothing is written to the source. Findings carry names, counts
// and shares, never a cell's value. The scan module implements Scan (scan/scanner.cc),
// the renderings (scan/scan_output.cc) and the policy draft (scan/policy_draft.cc).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "veil/status.h"

namespace veil {

struct ScanOptions {
  std::string source;           // any SOURCE form `veil anonymise` reads
  char csv_delimiter = 0;       // 0: detect from each file's header line
  int64_t sample_rows = 10000;  // rows read per table (the first ones); -1: every row
  int jobs = 0;                 // threads profiling a table's columns; 0: one per core
};

// What a column is to the people in the data.
enum class ColumnRole {
  kIdentifier,        // a key that names an entity (a person, a referral): pseudonymise
  kDirectIdentifier,  // a name, contact detail or official number of a person
  kQuasiIdentifier,   // identifying in combination: dates, sex, postcode district
  kSensitive,         // a special category (GDPR Art. 9): ethnicity, health, religion
  kFreeText,          // prose or documents that may hold anything
  kNonPersonal,       // counts, flags, categories that say nothing of one person
};

// "identifier", "direct_identifier", "quasi_identifier", "sensitive", "free_text",
// "non_personal".
std::string_view ColumnRoleName(ColumnRole role);

struct ColumnFinding {
  std::string column;
  std::string declared_type;  // as the source declares it; empty for CSV
  ColumnRole role = ColumnRole::kNonPersonal;
  std::string rule;       // the suggested rule, as policy YAML: "keep", "{fake: email}", ...
  std::string entity;     // identifiers: the entity they name; else empty
  double confidence = 0;  // 0 to 1: how strongly the evidence agrees
  std::vector<std::string> evidence;  // counts and shares, never a value
  std::string review;  // why a person should look before trusting the rule; empty: none
  // A column of JSON documents judged member by member: a finding per member path, its
  // `column` the path ("$.child.name"), and `rule` above the `json` rule they make up.
  std::vector<ColumnFinding> paths;
  int64_t hidden_members = 0;  // values under member names a report may not show: dropped
};

struct TableFinding {
  std::string table;
  int64_t rows_sampled = 0;
  bool read_whole = false;  // the sample is every row of the table
  // Entity -> the column holding its key, for the policy's `keys:`.
  std::map<std::string, std::string> keys;
  std::string date_entity;             // the entity whose dates this table's dates shift with
  std::vector<ColumnFinding> columns;  // in source order
};

// An entity the draft declares, with a pseudonym format that fits every column it keys.
struct EntityDraft {
  std::string name;
  std::string alphabet;  // digits, upper_alnum or alnum
  int length = 16;
};

struct ScanReport {
  std::string source;  // described without secrets
  int64_t sample_rows = 0;
  std::vector<TableFinding> tables;  // in the source's order
  std::vector<EntityDraft> entities;
};

// On success, a finding for every column of every table of the source. Fails when the
// source cannot be opened or read (the message names table and row, never a value).
Result<ScanReport> Scan(const ScanOptions& options);

// Aligned plain text for a terminal: per table, one line per column (role, rule,
// confidence, evidence), then the columns to review.
std::string ScanReportText(const ScanReport& report);
// The report as one JSON object, indented by two spaces, without a final newline.
std::string ScanReportJson(const ScanReport& report);
// A complete policy for the source, as YAML `veil anonymise` accepts unchanged: every
// table and column has a rule, entities and keys are declared, the secret is read from
// VEIL_SECRET, and each uncertain rule carries a `# review: reason` comment.
std::string DraftPolicy(const ScanReport& report);

}  // namespace veil
