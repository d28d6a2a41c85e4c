// RunSetup: everything `veil anonymise` decides before the first output row is written,
// shared by copies and in-place scrubs: the source's schemas checked against the policy
// (fail closed), the rules built for every column, the originals fakes must avoid.
//
// A RunSetup is built in place (its RunResources point at its own policy and secret)
// and must not move; PrepareRun returns it behind a unique_ptr.
#pragma once

#include <memory>
#include <vector>

#include "core/secret.h"
#include "engine/schema_text_screen.h"
#include "engine/table_plan.h"
#include "io/sink.h"
#include "io/source.h"
#include "policy/policy.h"
#include "transforms/rule_context.h"
#include "veil/anonymise.h"

namespace veil {

struct RunSetup {
  Policy policy;
  Secret secret;
  RunResources run;
  std::vector<TablePlan> plans;   // parents before children
  RunSummary summary;             // digest, fingerprint, rule counts, coverage warnings
  std::vector<ViewSchema> views;  // the source's, read once
  // The source's defaults and comments, screened for originals as the tables are written
  // (null if it has none).
  std::unique_ptr<SchemaTextScreen> schema_text;
};

// Reads the source's schemas, checks coverage, builds the plans and reads the originals
// fakes must avoid. Writes nothing.
Result<std::unique_ptr<RunSetup>> PrepareRun(Policy policy, Secret secret, Source& source);

// Streams one planned table from the source through its rules into the sink (an empty
// table for the delete action); returns the rows read. A table with a privacy section
// is read once more before, to choose its generalisation (its outcome is added to the
// summary).
Result<int64_t> WriteTable(RunSetup& setup, TablePlan& plan, Source& source, Sink& sink,
                           const AnonymiseOptions& options);

// A copy's tables: every planned table but the dropped ones, streamed from `source` into
// `sink` (WriteTable), each named in the summary with its rows; then the source's views
// and RemoveSchemaTextHoldingOriginals(). Nothing is published.
Status WriteCopy(RunSetup& setup, Source& source, Sink& sink, const AnonymiseOptions& options);

// Commits `sink` inside a publishing step of `gate` (null: none), so that the caller can
// hold off ending the process while the output is published.
Status PublishOutput(Sink& sink, PublishGate* gate);

// After the last table: removes from the sink's output the defaults and comments that
// held an original value, and names them in the summary.
Status RemoveSchemaTextHoldingOriginals(RunSetup& setup, Sink& sink);

// Stamps the run's duration and the entities checked statistically onto the summary.
void FinishSummary(RunSetup& setup, double seconds);

}  // namespace veil
