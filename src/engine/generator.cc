// `veil generate`: the schema is read (never a row), a source of constructed rows stands
// in for the data, and the normal copy pipeline runs over it: rules → sink → publish.
// See include/veil/generate.h.
#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>
#include <random>

#include "engine/run_setup.h"
#include "generate/generated_source.h"
#include "io/registry/connector_registry.h"
#include "policy/secret_source.h"
#include "transforms/code_lists.h"
#include "transforms/fakes/fake_kind.h"
#include "veil/generate.h"

namespace veil {
namespace {

using Clock = std::chrono::steady_clock;

struct SchemaOfSource {
  std::vector<TableSchema> tables;
  std::vector<ViewSchema> views;
  std::string description;
};

// The schema at `location`: catalog reads only (Schema() and Views(); no table is opened).
Result<SchemaOfSource> ReadSchemaOnly(const GenerateOptions& options) {
  VEIL_ASSIGN_OR_RETURN(Location location, ResolveSourceLocation(options.schema));
  VEIL_ASSIGN_OR_RETURN(auto source, location.OpenSource(SourceOptions{options.csv_delimiter}));
  SchemaOfSource schema;
  schema.description = source->Describe();
  VEIL_ASSIGN_OR_RETURN(schema.tables, ReadSchemas(*source));
  VEIL_ASSIGN_OR_RETURN(schema.views, source->Views());
  return schema;
}

// Every table and column the policy leaves unmentioned is kept: its values are
// constructed, so nothing real is in them.
void KeepWhatThePolicyOmits(Policy& policy, const std::vector<TableSchema>& tables) {
  for (const auto& table : tables) {
    TablePolicy* found = nullptr;
    for (auto& entry : policy.tables) {
      if (entry.name == table.name) found = &entry;
    }
    if (found == nullptr) {
      policy.tables.push_back(TablePolicy{table.name, TableAction::kKeep, {}, {}, std::nullopt, 0});
      continue;
    }
    if (found->action != TableAction::kAnonymise) continue;
    for (const auto& column : table.columns) {
      if (found->FindColumn(column.name) == nullptr) {
        found->columns.emplace_back(column.name, RuleSpec{"keep", PolicyValue{}, 0});
      }
    }
  }
}

Result<Policy> PolicyFor(const GenerateOptions& options, const std::vector<TableSchema>& tables) {
  Policy policy;
  if (!options.policy_path.empty()) {
    VEIL_ASSIGN_OR_RETURN(policy, LoadPolicy(options.policy_path));
  }
  KeepWhatThePolicyOmits(policy, tables);
  return policy;
}

std::string Today() {
  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return fmt::format("{:%Y-%m-%d}", std::chrono::system_clock::time_point(today));
}

std::string RandomSeed() {
  std::random_device device;
  return fmt::format("{:08x}{:08x}{:08x}{:08x}", device(), device(), device(), device());
}

GenerationOptions ConstructionOf(const GenerateOptions& options) {
  GenerationOptions construction;
  construction.rows = options.rows;
  for (const auto& [table, range] : options.per_parent) {
    construction.per_parent[table] = RowCountRange{range.first, range.second};
  }
  construction.seed = options.seed.empty() ? RandomSeed() : options.seed;
  construction.as_of = options.as_of.empty() ? Today() : options.as_of;
  return construction;
}

AnonymiseOptions CopyOptionsOf(const GenerateOptions& options) {
  AnonymiseOptions copy;
  copy.target = options.target;
  copy.force = options.force;
  copy.jobs = options.jobs;
  copy.on_progress = options.on_progress;
  copy.publish_gate = options.publish_gate;
  return copy;
}

}  // namespace

Result<RunSummary> Generate(const GenerateOptions& options) {
  const auto start = Clock::now();
  VEIL_ASSIGN_OR_RETURN(SchemaOfSource schema, ReadSchemaOnly(options));
  VEIL_ASSIGN_OR_RETURN(Policy policy, PolicyFor(options, schema.tables));
  VEIL_ASSIGN_OR_RETURN(Location target, ResolveTargetLocation(options.target));
  VEIL_ASSIGN_OR_RETURN(Secret secret, LoadSecret(policy.secret));
  VEIL_ASSIGN_OR_RETURN(auto fakes, FakeCatalog::Builtin());
  VEIL_ASSIGN_OR_RETURN(auto code_lists, CodeLists::Builtin());
  std::vector<std::string> notes;
  VEIL_ASSIGN_OR_RETURN(auto source,
                        MakeGeneratedSource(std::move(schema.tables), std::move(schema.views),
                                            std::move(schema.description), ConstructionOf(options),
                                            std::move(fakes), std::move(code_lists), notes));
  VEIL_ASSIGN_OR_RETURN(auto setup, PrepareRun(std::move(policy), std::move(secret), *source));
  for (auto& note : notes) setup->summary.warnings.push_back(std::move(note));
  VEIL_ASSIGN_OR_RETURN(auto sink, target.OpenSink(SinkOptions{options.force}));
  setup->summary.target = target.connector->TargetName(target.path, *sink);
  const AnonymiseOptions copy = CopyOptionsOf(options);
  VEIL_RETURN_IF_ERROR(WriteCopy(*setup, *source, *sink, copy));
  VEIL_RETURN_IF_ERROR(PublishOutput(*sink, options.publish_gate));
  FinishSummary(*setup, std::chrono::duration<double>(Clock::now() - start).count());
  for (auto& table : setup->summary.tables) {
    table.action = table.action == "kept" ? "constructed" : "constructed, " + table.action;
  }
  return std::move(setup->summary);
}

}  // namespace veil
