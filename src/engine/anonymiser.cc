// The `veil anonymise` pipeline: policy → coverage → secret → plans → stream every
// table source → batches → rules → sink → commit. See include/veil/anonymise.h.
#include <fmt/format.h>

#include <chrono>
#include <filesystem>

#include "engine/fake_originals.h"
#include "engine/progress.h"
#include "engine/table_plan.h"
#include "engine/table_runner.h"
#include "io/location.h"
#include "policy/coverage.h"
#include "policy/secret_source.h"
#include "veil/anonymise.h"

namespace veil {
namespace {

const char* ActionName(TableAction action) {
  switch (action) {
    case TableAction::kAnonymise:
      return "anonymised";
    case TableAction::kKeep:
      return "kept";
    case TableAction::kDelete:
      return "deleted";
    case TableAction::kDrop:
      return "dropped";
  }
  return "?";
}

Result<std::vector<TableSchema>> ReadSchemas(const Source& source) {
  std::vector<TableSchema> schemas;
  for (const auto& name : source.TableNames()) {
    VEIL_ASSIGN_OR_RETURN(TableSchema schema, source.Schema(name));
    schemas.push_back(std::move(schema));
  }
  return schemas;
}

Result<int64_t> WriteTable(TablePlan& plan, Source& source, Sink& sink,
                           const AnonymiseOptions& options) {
  VEIL_ASSIGN_OR_RETURN(auto writer, sink.CreateTable(plan.output));
  if (plan.action == TableAction::kDelete) {
    VEIL_RETURN_IF_ERROR(writer->Finish());
    return int64_t{0};
  }
  VEIL_ASSIGN_OR_RETURN(auto reader, source.Open(plan.input.name));
  ProgressMeter meter(plan.input.name, reader->EstimatedRows(), options.on_progress);
  return RunTable(plan, *reader, *writer, [&](int64_t rows) { meter.Update(rows); });
}

// Refuses a target that is the source itself: --force would destroy the original.
Status CheckDistinct(const Location& source, const Location& target) {
  if (source.kind == LocationKind::kPostgres || target.kind == LocationKind::kPostgres) {
    if (source.path == target.path) {
      return InvalidArgument(
          "the target database is the source itself; use --in-place to "
          "scrub a database where it stands");
    }
    return Status::Ok();
  }
  std::error_code ec;
  if (std::filesystem::equivalent(source.path, target.path, ec)) {
    return InvalidArgument(fmt::format("the target {} is the source itself", target.path));
  }
  return Status::Ok();
}

void CountRules(const std::vector<TablePlan>& plans, RunSummary& summary) {
  for (const auto& plan : plans) {
    if (plan.action != TableAction::kAnonymise) continue;
    for (const auto& column : plan.columns) ++summary.columns_per_rule[column.rule_kind];
  }
}

}  // namespace

Result<RunSummary> Anonymise(const AnonymiseOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  VEIL_ASSIGN_OR_RETURN(Policy policy, LoadPolicy(options.policy_path));
  VEIL_ASSIGN_OR_RETURN(Location source_location, ResolveSourceLocation(options.source));
  VEIL_ASSIGN_OR_RETURN(Location target_location, ResolveTargetLocation(options.target));
  VEIL_RETURN_IF_ERROR(CheckDistinct(source_location, target_location));
  VEIL_ASSIGN_OR_RETURN(auto source,
                        OpenSource(source_location, CsvOptions{options.csv_delimiter}));
  VEIL_ASSIGN_OR_RETURN(std::vector<TableSchema> schemas, ReadSchemas(*source));

  RunSummary summary;
  summary.policy_digest = policy.digest_hex;
  VEIL_RETURN_IF_ERROR(CheckCoverage(policy, schemas, summary.warnings));
  VEIL_ASSIGN_OR_RETURN(Secret secret, LoadSecret(policy.secret));
  summary.secret_fingerprint = secret.Fingerprint();
  summary.ephemeral_secret = secret.ephemeral();

  RunResources run;
  run.policy = &policy;
  run.secret = &secret;
  VEIL_ASSIGN_OR_RETURN(run.fakes, FakeCatalog::Builtin());
  VEIL_ASSIGN_OR_RETURN(run.code_lists, CodeLists::Builtin());
  VEIL_ASSIGN_OR_RETURN(std::vector<TablePlan> plans, PlanTables(schemas, BuiltinRules(), run));
  CountRules(plans, summary);
  VEIL_RETURN_IF_ERROR(CollectFakeOriginals(*source, run));

  VEIL_ASSIGN_OR_RETURN(auto sink, OpenSink(target_location, options.force));
  // A database URI may hold a password: name databases the way their sink describes them.
  summary.target =
      target_location.kind == LocationKind::kPostgres ? sink->Describe() : target_location.path;
  for (auto& plan : plans) {
    if (plan.action == TableAction::kDrop) {
      summary.tables.push_back({plan.input.name, ActionName(plan.action), 0});
      continue;
    }
    VEIL_ASSIGN_OR_RETURN(int64_t rows, WriteTable(plan, *source, *sink, options));
    summary.tables.push_back({plan.input.name, ActionName(plan.action), rows});
    summary.rows += rows;
  }
  VEIL_RETURN_IF_ERROR(sink->Commit());
  for (const auto& [entity, tracker] : run.trackers) {
    if (!tracker->exhaustive()) summary.entities_checked_statistically.push_back(entity);
  }
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace veil
