#include "engine/run_setup.h"

#include "core/thread_count.h"
#include "engine/fake_originals.h"
#include "engine/privacy_stage.h"
#include "engine/progress.h"
#include "engine/recorded_table.h"
#include "engine/redaction_originals.h"
#include "engine/table_runner.h"
#include "policy/coverage.h"
#include "verify/checks/leak_check.h"

namespace veil {
namespace {

void CountRules(const std::vector<TablePlan>& plans, RunSummary& summary) {
  for (const auto& plan : plans) {
    if (plan.action != TableAction::kAnonymise) continue;
    for (const auto& column : plan.columns) ++summary.columns_per_rule[column.rule_kind];
  }
}

// A screen over the defaults and comments of the source's tables and views, each plan
// pointing at it; none if there are none.
void ScreenSchemaText(RunSetup& setup, const std::vector<TableSchema>& schemas) {
  std::vector<SchemaText> removable;
  for (auto& text : ListSchemaText(schemas, setup.views)) {
    if (IsRemovableSchemaText(text.kind)) removable.push_back(std::move(text));
  }
  if (removable.empty()) return;
  setup.schema_text =
      std::make_unique<SchemaTextScreen>(std::move(removable), LeakOptionsOf(setup.policy.verify));
  for (auto& plan : setup.plans) plan.schema_text = setup.schema_text.get();
}

}  // namespace

Result<std::unique_ptr<RunSetup>> PrepareRun(Policy policy, Secret secret, Source& source) {
  auto setup = std::make_unique<RunSetup>(
      RunSetup{std::move(policy), std::move(secret), {}, {}, {}, {}, nullptr});
  RunSummary& summary = setup->summary;
  summary.policy_digest = setup->policy.digest_hex;
  summary.secret_fingerprint = setup->secret.Fingerprint();
  summary.ephemeral_secret = setup->secret.ephemeral();
  VEIL_ASSIGN_OR_RETURN(std::vector<TableSchema> schemas, ReadSchemas(source));
  VEIL_RETURN_IF_ERROR(CheckCoverage(setup->policy, schemas, summary.warnings));

  RunResources& run = setup->run;
  run.policy = &setup->policy;
  run.secret = &setup->secret;
  VEIL_ASSIGN_OR_RETURN(run.fakes, FakeCatalog::Builtin());
  VEIL_ASSIGN_OR_RETURN(run.code_lists, CodeLists::Builtin());
  VEIL_ASSIGN_OR_RETURN(setup->plans, PlanTables(schemas, BuiltinRules(), run));
  CountRules(setup->plans, summary);
  VEIL_RETURN_IF_ERROR(CollectFakeOriginals(source, run));
  VEIL_RETURN_IF_ERROR(CollectRedactionOriginals(source, setup->plans, run));
  VEIL_ASSIGN_OR_RETURN(setup->views, source.Views());
  ScreenSchemaText(*setup, schemas);
  return setup;
}

Result<int64_t> WriteTable(RunSetup& setup, TablePlan& plan, Source& source, Sink& sink,
                           const AnonymiseOptions& options) {
  if (plan.has_privacy) {
    VEIL_ASSIGN_OR_RETURN(PrivacyOutcome outcome, PrepareRelease(plan, setup.policy, source));
    setup.summary.privacy.push_back(std::move(outcome));
  }
  VEIL_ASSIGN_OR_RETURN(auto writer, sink.CreateTable(plan.output));
  if (plan.action == TableAction::kDelete) {
    VEIL_RETURN_IF_ERROR(writer->Finish());
    return int64_t{0};
  }
  std::unique_ptr<TableReader> reader;
  if (plan.recorded_rows) {
    reader = std::make_unique<ReplayReader>(plan.input, std::move(plan.recorded_rows));
  } else {
    VEIL_ASSIGN_OR_RETURN(reader, source.Open(plan.input.name));
  }
  ProgressMeter meter(plan.input.name, reader->EstimatedRows(), options.on_progress);
  return RunTable(
      plan, *reader, *writer, [&](int64_t rows) { meter.Update(rows); }, ThreadsFor(options.jobs));
}

Status WriteCopy(RunSetup& setup, Source& source, Sink& sink, const AnonymiseOptions& options) {
  for (auto& plan : setup.plans) {
    int64_t rows = 0;
    if (plan.action != TableAction::kDrop) {
      VEIL_ASSIGN_OR_RETURN(rows, WriteTable(setup, plan, source, sink, options));
    }
    setup.summary.tables.push_back({plan.input.name, ActionName(plan.action), rows});
    setup.summary.rows += rows;
  }
  VEIL_RETURN_IF_ERROR(sink.AddViews(setup.views));
  return RemoveSchemaTextHoldingOriginals(setup, sink);
}

Status PublishOutput(Sink& sink, PublishGate* gate) {
  if (gate == nullptr) return sink.Commit();
  gate->BeginPublishing();
  Status committed = sink.Commit();
  gate->EndPublishing(committed.ok());
  return committed;
}

Status RemoveSchemaTextHoldingOriginals(RunSetup& setup, Sink& sink) {
  if (!setup.schema_text) return Status::Ok();
  std::vector<SchemaText> removed;
  for (auto& held : setup.schema_text->Holding()) {
    setup.summary.schema_text_removed.push_back(
        DescribeSchemaText(held.text) +
        (held.too_long ? ": too long to search for originals" : ": it held an original value"));
    removed.push_back(std::move(held.text));
  }
  return removed.empty() ? Status::Ok() : sink.RemoveSchemaText(removed);
}

void FinishSummary(RunSetup& setup, double seconds) {
  for (const auto& [entity, tracker] : setup.run.trackers) {
    if (!tracker->exhaustive()) setup.summary.entities_checked_statistically.push_back(entity);
  }
  setup.summary.seconds = seconds;
}

}  // namespace veil
