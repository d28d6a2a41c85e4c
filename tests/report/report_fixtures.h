// Test support for the report renderers: hand-made VerificationReport values.
//
// - PassedReport(): no findings, every check ran and passed, a fingerprinted secret.
// - FailedReport(): two errors and one warning; an `unchanged` error on people.surname
//   with count 57 and 20 listed rows (3, 6, ..., 60); a leak error in a table named
//   kScriptTable listing rows 4 and 9; a table-level foreign_key warning; a check that
//   did not run; a dropped table not in the copy (rows_after -1); a table whose name has
//   Markdown special characters and a line break (kMarkdownTable); no secret fingerprint.
// - WarningsOnlyReport(): no error, one warning (so not passed: the exit status is 1).
#pragma once

#include <string>
#include <vector>

#include "veil/verify.h"

namespace veil::testing {

inline const std::string kScriptTable = "<script>alert(1)</script>";
inline const std::string kMarkdownTable = "care_plans|*v2*`x`\nnext";

inline ColumnStatistics Column(const std::string& name, const std::string& rule, int64_t before,
                               int64_t after, int64_t compared, int64_t unchanged,
                               double threshold) {
  ColumnStatistics c;
  c.name = name;
  c.rule = rule;
  c.distinct_before = before;
  c.distinct_after = after;
  c.compared = compared;
  c.unchanged = unchanged;
  c.unchanged_threshold = threshold;
  return c;
}

inline TableStatistics Table(const std::string& name, const std::string& action, int64_t before,
                             int64_t after, std::vector<ColumnStatistics> columns) {
  TableStatistics t;
  t.name = name;
  t.action = action;
  t.rows_before = before;
  t.rows_after = after;
  t.columns = std::move(columns);
  return t;
}

inline CheckOutcome Check(const std::string& check, const std::string& description,
                          const std::string& coverage, int errors, int warnings, bool ran = true) {
  CheckOutcome c;
  c.check = check;
  c.description = description;
  c.coverage = coverage;
  c.errors = errors;
  c.warnings = warnings;
  c.ran = ran;
  return c;
}

inline Finding MakeFinding(const std::string& check, Severity severity, const std::string& table,
                           const std::string& column, int64_t count, std::vector<int64_t> rows,
                           const std::string& detail) {
  Finding f;
  f.check = check;
  f.severity = severity;
  f.table = table;
  f.column = column;
  f.count = count;
  f.rows = std::move(rows);
  f.detail = detail;
  return f;
}

inline void SetProvenance(VerificationReport& r) {
  r.original = "/data/extract-2024";
  r.anonymised = "/data/extract-2024-anon";
  r.policy_path = "/data/policy.yaml";
  r.policy_digest = std::string(64, 'a');
  r.veil_version = "0.1.0";
  r.started_at = "2024-05-01T09:30:00Z";
  r.seconds = 12.34;
}

inline VerificationReport PassedReport() {
  VerificationReport r;
  r.passed = true;
  SetProvenance(r);
  r.secret_fingerprint = "sha256:0123456789abcdef";
  r.checks = {Check("unchanged", "Transformed columns changed.", "3 columns in 1 table", 0, 0),
              Check("leak", "No original value appears in the copy.", "250 values", 0, 0)};
  r.tables = {Table("people", "anonymised", 100, 100,
                    {Column("id", "pseudonymise", 100, 100, 100, 0, 0),
                     Column("surname", "fake", 60, 58, 100, 2, 0.05),
                     Column("dob", "date_shift", 90, 88, 100, 1, 0.05),
                     Column("notes", "keep", 40, 40, 100, 100, 1)})};
  r.leak_values_searched = 250;
  return r;
}

inline std::vector<int64_t> EveryThird(int n) {
  std::vector<int64_t> rows;
  for (int i = 1; i <= n; ++i) rows.push_back(3 * i);
  return rows;
}

inline VerificationReport FailedReport() {
  VerificationReport r;
  r.passed = false;
  SetProvenance(r);
  r.secret_note = "the policy's secret is ephemeral, so it cannot be loaded again";
  r.findings = {
      MakeFinding("unchanged", Severity::kError, "people", "surname", 57, EveryThird(20),
                  "57 of 100 values are the same as in the original; at most 5% may be."),
      MakeFinding("leak", Severity::kError, kScriptTable, "notes|x", 2, {4, 9},
                  "An original surname appears in this column.\nCheck the notes."),
      MakeFinding("foreign_key", Severity::kWarning, "placements", "", 1, {},
                  "One placement points to no child."),
  };
  r.checks = {
      Check("unchanged", "Transformed columns changed.", "4 columns in 2 tables", 1, 0),
      Check("leak", "No original value appears in the copy.", "1,000 values", 1, 0),
      Check("foreign_key", "Links between tables survived.", "2 links", 0, 1),
      Check("date_interval", "Each child's date intervals survived.", "no entity has a date shift",
            0, 0, false),
  };
  r.tables = {
      Table("people", "anonymised", 100, 100,
            {Column("id", "pseudonymise", 100, 100, 100, 0, 0),
             Column("surname", "fake", 60, 20, 100, 57, 0.05),
             Column("ethnicity", "keep", 8, 8, 100, 100, 1)}),
      Table(kScriptTable, "anonymised", 10, 10, {Column("notes|x", "mask", 10, 3, 10, 0, 0.1)}),
      Table(kMarkdownTable, "kept", 5, 5, {Column("a_b", "keep", 5, 5, 0, 0, 1)}),
      Table("archive", "dropped", 30, -1, {Column("old_name", "drop", 30, -1, 0, 0, 1)}),
      Table("placements", "anonymised", 0, 0, {Column("start", "date_shift", 0, 0, 0, 0, 0.05)}),
  };
  r.leak_values_searched = 1000;
  r.leak_values_skipped = 12;
  r.leak_skip_reason = "shorter than 3 characters or fewer than 6 digits";
  return r;
}

inline VerificationReport WarningsOnlyReport() {
  VerificationReport r = PassedReport();
  r.findings = {MakeFinding("format", Severity::kWarning, "people", "dob", 3, {7, 8, 9},
                            "Three dates are in a different format.")};
  r.checks.push_back(Check("format", "Values keep their format.", "1 column", 0, 1));
  r.passed = false;
  return r;
}

}  // namespace veil::testing
