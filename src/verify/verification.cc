// `veil verify`: plan both sides, read the original's identifying values, then stream
// every table of both sides once through all checks. See include/veil/verify.h.
#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>
#include <thread>

#include "core/thread_count.h"
#include "io/registry/location.h"
#include "io/source.h"
#include "policy/policy.h"
#include "policy/secret_source.h"
#include "transforms/code_lists.h"
#include "veil/verify.h"
#include "veil/version.h"
#include "verify/checks/builtin_checks.h"
#include "verify/checks/column_statistics.h"
#include "verify/row_pairing.h"
#include "verify/subset_original.h"
#include "verify/verify_copy.h"

namespace veil {
namespace {

using Clock = std::chrono::steady_clock;

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

// The distinct counts of every column; each check adds its own figures later (Describe).
TableStatistics Statistics(const VerifiedTable& table, const TableRowCounts& rows,
                           const DistinctCounter& distinct) {
  TableStatistics stats{table.name, ActionName(table.action), rows.original, rows.copy, {}};
  for (size_t c = 0; c < table.columns.size(); ++c) {
    const VerifiedColumn& column = table.columns[c];
    ColumnStatistics s;
    s.name = column.name;
    s.rule = column.role.rule;
    const DistinctCounts counts = distinct.Counts(table.id, c);
    s.distinct_before = counts.before;
    s.distinct_after = counts.after;
    stats.columns.push_back(std::move(s));
  }
  return stats;
}

void FinishChecks(const std::vector<std::unique_ptr<Check>>& checks, VerificationReport& report) {
  for (const auto& check : checks) {
    CheckOutcome outcome;
    outcome.check = std::string(check->name());
    check->Finish(report.findings, outcome);
    report.checks.push_back(std::move(outcome));
  }
  for (const auto& check : checks) check->Describe(report);
  report.passed = report.findings.empty();
}

}  // namespace

Result<VerificationReport> VerifyOpenCopy(const VerifyOptions& options, Source& copy,
                                          std::string_view copy_format,
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
  VEIL_ASSIGN_OR_RETURN(auto whole, original_at.OpenSource(SourceOptions{options.csv_delimiter}));
  VEIL_ASSIGN_OR_RETURN(auto original, SubsetOriginal(options, policy, std::move(whole)));
  report.original = original->Describe();
  if (!options.subset.empty()) report.original += " (the part --subset chose)";
  report.anonymised = copy_description;
  VEIL_ASSIGN_OR_RETURN(const auto original_schemas, ReadSchemas(*original));
  VEIL_ASSIGN_OR_RETURN(const auto copy_schemas, ReadSchemas(copy));
  VEIL_ASSIGN_OR_RETURN(const auto code_lists, CodeLists::Builtin());
  const bool same_kind = original_at.connector->format() == copy_format;
  const VerifyPlan plan =
      PlanVerification(policy, *code_lists, original_schemas, copy_schemas, same_kind);

  const int threads = ThreadsFor(options.jobs);
  const std::vector<std::unique_ptr<Check>> checks = BuiltinChecks(plan, policy, threads);
  for (const auto& check : checks) VEIL_RETURN_IF_ERROR(check->Prepare(*original, copy));
  DistinctCounter distinct;
  std::vector<BatchObserver*> observers{&distinct};
  for (const auto& check : checks) observers.push_back(check.get());
  for (const auto& table : plan.tables) {
    VEIL_ASSIGN_OR_RETURN(const TableRowCounts rows, FeedTable(table, *original, copy, observers));
    report.tables.push_back(Statistics(table, rows, distinct));
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
  VEIL_ASSIGN_OR_RETURN(auto copy, copy_at.OpenSource(SourceOptions{}));
  const std::string description = copy->Describe();
  return VerifyOpenCopy(options, *copy, copy_at.connector->format(), description);
}

}  // namespace veil
