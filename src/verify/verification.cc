// `veil verify`: plan both sides, read the original's identifying values, then stream
// every table of both sides once through all checks. See include/veil/verify.h.
#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>
#include <thread>

#include "io/location.h"
#include "io/source.h"
#include "policy/policy.h"
#include "policy/secret_source.h"
#include "transforms/code_lists.h"
#include "veil/verify.h"
#include "veil/version.h"
#include "verify/checks/column_statistics.h"
#include "verify/checks/date_interval_check.h"
#include "verify/checks/foreign_key_check.h"
#include "verify/checks/format_check.h"
#include "verify/checks/leak_check.h"
#include "verify/checks/privacy_model_check.h"
#include "verify/checks/structure_checks.h"
#include "verify/checks/unchanged_check.h"
#include "verify/checks/unkeyed_hash_check.h"
#include "verify/row_pairing.h"
#include "verify/verify_copy.h"

namespace veil {
namespace {

using Clock = std::chrono::steady_clock;

bool IsCsv(LocationKind kind) {
  return kind == LocationKind::kCsvFile || kind == LocationKind::kCsvDirectory;
}

// The secret's fingerprint, or why there is none. The verifier does not need the secret.
void DescribeSecret(const Policy& policy, VerificationReport& report) {
  if (policy.secret.kind == SecretSpec::Kind::kEphemeral) {
    report.secret_note =
        "the policy uses an ephemeral secret, so there is no fingerprint to compare with the run";
    return;
  }
  auto secret = LoadSecret(policy.secret);
  if (secret.ok()) {
    report.secret_fingerprint = secret->Fingerprint();
  } else {
    // The message names the variable or file, never the secret.
    report.secret_note = "not available to the verifier (" + secret.status().message() + ")";
  }
}

struct Checks {
  Checks(const VerifyPlan& plan, const Policy& policy, int threads)
      : row_count(plan),
        schema(plan),
        unchanged(plan, policy.verify),
        leak(plan, policy.verify, threads),
        foreign_key(plan),
        date_interval(plan, policy),
        format(plan, policy),
        unkeyed_hash(plan),
        k_anonymity(plan, policy) {}

  std::vector<std::pair<const char*, Check*>> Named() {
    return {{"unchanged", &unchanged},     {"leak", &leak},
            {"foreign_key", &foreign_key}, {"date_interval", &date_interval},
            {"format", &format},           {"row_count", &row_count},
            {"schema", &schema},           {"unkeyed_hash", &unkeyed_hash},
            {"k_anonymity", &k_anonymity}};
  }
  std::vector<BatchObserver*> Observers() {
    std::vector<BatchObserver*> all{&distinct};
    for (auto& [name, check] : Named()) all.push_back(check);
    return all;
  }

  RowCountCheck row_count;
  SchemaCheck schema;
  UnchangedCheck unchanged;
  LeakCheck leak;
  ForeignKeyCheck foreign_key;
  DateIntervalCheck date_interval;
  FormatCheck format;
  UnkeyedHashCheck unkeyed_hash;
  PrivacyModelCheck k_anonymity;
  DistinctCounter distinct;
};

TableStatistics Statistics(const VerifiedTable& table, const TableRowCounts& rows, Checks& checks,
                           const VerifyPolicy& policy) {
  TableStatistics stats{table.name, ActionName(table.action), rows.original, rows.copy, {}};
  for (size_t c = 0; c < table.columns.size(); ++c) {
    const VerifiedColumn& column = table.columns[c];
    ColumnStatistics s;
    s.name = column.name;
    s.rule = column.role.rule;
    const DistinctCounts distinct = checks.distinct.Counts(table.id, c);
    s.distinct_before = distinct.before;
    s.distinct_after = distinct.after;
    if (const UnchangedCounts* counts = checks.unchanged.Counts(table.id, c)) {
      s.compared = counts->compared;
      s.unchanged = counts->unchanged.count();
    }
    s.unchanged_threshold = UnchangedThreshold(column.role, policy, s.compared);
    stats.columns.push_back(std::move(s));
  }
  return stats;
}

void FinishChecks(Checks& checks, VerificationReport& report) {
  for (auto& [name, check] : checks.Named()) {
    CheckOutcome outcome;
    outcome.check = name;
    check->Finish(report.findings, outcome);
    report.checks.push_back(std::move(outcome));
  }
  report.leak_values_searched = checks.leak.values_searched();
  report.leak_values_skipped = checks.leak.values_skipped();
  report.leak_skip_reason = checks.leak.skip_reason();
  report.passed = report.findings.empty();
}

}  // namespace

Result<VerificationReport> VerifyOpenCopy(const VerifyOptions& options, Source& copy,
                                          LocationKind copy_kind,
                                          const std::string& copy_description) {
  const auto start = Clock::now();
  VerificationReport report;
  report.veil_version = kVersion;
  report.started_at =
      fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                  std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  VEIL_ASSIGN_OR_RETURN(Policy policy, LoadPolicy(options.policy_path));
  report.policy_path = policy.path;
  report.policy_digest = policy.digest_hex;
  DescribeSecret(policy, report);
  VEIL_ASSIGN_OR_RETURN(Location original_at, ResolveSourceLocation(options.original));
  VEIL_ASSIGN_OR_RETURN(auto original, OpenSource(original_at, CsvOptions{options.csv_delimiter}));
  report.original = original->Describe();
  report.anonymised = copy_description;
  VEIL_ASSIGN_OR_RETURN(const auto original_schemas, ReadSchemas(*original));
  VEIL_ASSIGN_OR_RETURN(const auto copy_schemas, ReadSchemas(copy));
  VEIL_ASSIGN_OR_RETURN(const auto code_lists, CodeLists::Builtin());
  const bool same_kind =
      original_at.kind == copy_kind || (IsCsv(original_at.kind) && IsCsv(copy_kind));
  const VerifyPlan plan =
      PlanVerification(policy, *code_lists, original_schemas, copy_schemas, same_kind);

  const int threads =
      options.jobs > 0 ? options.jobs : static_cast<int>(std::thread::hardware_concurrency());
  Checks checks(plan, policy, threads);
  VEIL_RETURN_IF_ERROR(checks.leak.CollectOriginals(*original));
  const std::vector<BatchObserver*> observers = checks.Observers();
  for (const auto& table : plan.tables) {
    VEIL_ASSIGN_OR_RETURN(const TableRowCounts rows, FeedTable(table, *original, copy, observers));
    report.tables.push_back(Statistics(table, rows, checks, policy.verify));
  }
  FinishChecks(checks, report);
  report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return report;
}

Result<VerificationReport> Verify(const VerifyOptions& options) {
  // The policy and the original are checked before the copy, as they always were.
  VEIL_RETURN_IF_ERROR(LoadPolicy(options.policy_path).status());
  VEIL_RETURN_IF_ERROR(ResolveSourceLocation(options.original).status());
  VEIL_ASSIGN_OR_RETURN(Location copy_at, ResolveSourceLocation(options.anonymised));
  // veil writes its CSV copies with commas; the copy's delimiter is detected.
  VEIL_ASSIGN_OR_RETURN(auto copy, OpenSource(copy_at, CsvOptions{}));
  const std::string description = copy->Describe();
  return VerifyOpenCopy(options, *copy, copy_at.kind, description);
}

}  // namespace veil
