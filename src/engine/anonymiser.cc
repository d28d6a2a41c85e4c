// The `veil anonymise` pipeline: policy → coverage → secret → plans → stream every
// table source → batches → rules → sink → commit. See include/veil/anonymise.h.
#include <fmt/format.h>

#include <chrono>
#include <memory>
#include <utility>

#include "engine/run_setup.h"
#include "engine/subset_stage.h"
#include "io/registry/connector_registry.h"
#include "policy/in_place_guard.h"
#include "policy/secret_source.h"
#include "veil/anonymise.h"
#include "veil/version.h"
#include "verify/verify_copy.h"

namespace veil {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Refuses a target that is the source itself: --force would destroy the original.
Status CheckDistinct(const Location& source, const Location& target) {
  if (!source.SameDataAs(target)) return Status::Ok();
  if (target.connector->stores_files()) {
    return InvalidArgument(fmt::format("the target {} is the source itself", target.path));
  }
  return InvalidArgument(
      "the target database is the source itself; use --in-place to "
      "scrub a database where it stands");
}

// --verify: verifies the copy where the sink staged it, before anyone can see it, and
// publishes it only if the verification raised no error. Otherwise the sink is left
// uncommitted (its destruction removes the staged copy: nothing is published) and the
// summary says so. A copy that cannot be verified is not published either.
Status CommitIfVerified(const AnonymiseOptions& options, const Location& target, Sink& sink,
                        RunSummary& summary) {
  VEIL_RETURN_IF_ERROR(sink.Prepare());
  Result<VerificationReport> report = [&]() -> Result<VerificationReport> {
    VEIL_ASSIGN_OR_RETURN(auto staged, sink.OpenStaged());
    const VerifyOptions verify{options.policy_path,          options.source, options.target,
                               options.csv_delimiter,        options.jobs,   options.subset,
                               options.subset_keep_unrelated};
    // The staged copy describes itself as the target it would become, as `veil verify`
    // names it.
    const std::string description = staged->Describe();
    return VerifyOpenCopy(verify, *staged, target.connector->format(), description);
  }();  // the staged source is closed here, before Commit()
  if (!report.ok()) return report.status().WithContext("verifying the copy (not written)");
  summary.verification = std::move(*report);
  if (summary.verification->errors() > 0) {
    summary.output_removed = true;
    return Status::Ok();
  }
  return PublishOutput(sink, options.publish_gate);
}

Result<RunSummary> Copy(const AnonymiseOptions& options) {
  const auto start = Clock::now();
  VEIL_ASSIGN_OR_RETURN(Policy policy, LoadPolicy(options.policy_path));
  VEIL_ASSIGN_OR_RETURN(Location source_location, ResolveSourceLocation(options.source));
  VEIL_ASSIGN_OR_RETURN(Location target_location, ResolveTargetLocation(options.target));
  VEIL_RETURN_IF_ERROR(CheckDistinct(source_location, target_location));
  VEIL_ASSIGN_OR_RETURN(auto source,
                        source_location.OpenSource(SourceOptions{options.csv_delimiter}));
  VEIL_ASSIGN_OR_RETURN(Secret secret, LoadSecret(policy.secret));
  SubsetSummary subset;
  VEIL_ASSIGN_OR_RETURN(source, ApplySubset(options, policy, secret, std::move(source), subset));
  VEIL_ASSIGN_OR_RETURN(auto setup, PrepareRun(std::move(policy), std::move(secret), *source));
  RunSummary& summary = setup->summary;
  AddSubsetSummary(std::move(subset), summary);

  VEIL_ASSIGN_OR_RETURN(auto sink, target_location.OpenSink(SinkOptions{options.force}));
  // --verify reads the copy before publishing it: refused now if the sink cannot do that.
  if (options.verify) VEIL_RETURN_IF_ERROR(sink->CheckStageable());
  // A location string may hold a password: the connector names the target.
  summary.target = target_location.connector->TargetName(target_location.path, *sink);
  VEIL_RETURN_IF_ERROR(WriteCopy(*setup, *source, *sink, options));
  VEIL_RETURN_IF_ERROR(options.verify ? CommitIfVerified(options, target_location, *sink, summary)
                                      : PublishOutput(*sink, options.publish_gate));
  FinishSummary(*setup, SecondsSince(start));
  return std::move(setup->summary);
}

// The guard, asked by the in-place sink once it knows which server and database its
// connection reached.
AdmitServer GuardInPlace(const Policy& policy) {
  return [&policy](const ReachedServer& server) { return CheckInPlaceAllowed(policy, server); };
}

Result<RunSummary> ScrubInPlace(const AnonymiseOptions& options) {
  const auto start = Clock::now();
  if (!options.target.empty()) {
    return InvalidArgument("--in-place takes one database, not a source and a target");
  }
  VEIL_ASSIGN_OR_RETURN(Policy policy, LoadPolicy(options.policy_path));
  const ConnectorRegistry connectors = BuiltinConnectors();
  VEIL_ASSIGN_OR_RETURN(Location location,
                        connectors.Resolve(options.source, LocationRole::kSource));
  if (!location.connector->scrubs_in_place()) return connectors.InPlaceRefusal();
  // A policy that allows nothing needs no connection to say so.
  VEIL_RETURN_IF_ERROR(CheckInPlaceConfigured(policy));
  VEIL_ASSIGN_OR_RETURN(Secret secret, LoadSecret(policy.secret));
  // The connector opens the sink and the source in the order that makes the rows read
  // the rows replaced, both on the database the guard admitted.
  VEIL_ASSIGN_OR_RETURN(
      InPlaceScrub scrub,
      location.connector->OpenInPlace(
          location.path, InPlaceRecord{policy.digest_hex, secret.Fingerprint(), kVersion},
          GuardInPlace(policy)));
  std::unique_ptr<Sink> sink = std::move(scrub.sink);
  std::unique_ptr<Source> source = std::move(scrub.source);
  VEIL_ASSIGN_OR_RETURN(auto setup, PrepareRun(std::move(policy), std::move(secret), *source));
  RunSummary& summary = setup->summary;
  summary.target = sink->Describe() + " (in place)";
  for (auto& plan : setup->plans) {
    int64_t rows = 0;
    if (plan.action == TableAction::kDrop) {
      VEIL_RETURN_IF_ERROR(sink->OmitTable(plan.input.name));
    } else if (plan.action != TableAction::kKeep) {
      VEIL_ASSIGN_OR_RETURN(rows, WriteTable(*setup, plan, *source, *sink, options));
    }
    summary.tables.push_back({plan.input.name, ActionName(plan.action), rows});
    summary.rows += rows;
  }
  source.reset();  // its snapshot's locks would block the rewrite
  VEIL_RETURN_IF_ERROR(RemoveSchemaTextHoldingOriginals(*setup, *sink));
  VEIL_RETURN_IF_ERROR(PublishOutput(*sink, options.publish_gate));
  FinishSummary(*setup, SecondsSince(start));
  return std::move(setup->summary);
}

}  // namespace

Result<RunSummary> Anonymise(const AnonymiseOptions& options) {
  if (options.in_place && options.verify) {
    return InvalidArgument(
        "--verify compares the copy with its original, and --in-place leaves no original: "
        "scrub a restored copy first and verify it against the original");
  }
  if (options.in_place && (!options.subset.empty() || options.subset_keep_unrelated)) {
    return InvalidArgument("--subset writes a copy: it cannot be used with --in-place");
  }
  if (options.in_place) return ScrubInPlace(options);
  return Copy(options);
}

}  // namespace veil
