#include "engine/privacy_stage.h"

#include <chrono>

#include "engine/recorded_table.h"
#include "privacy/lattice_search.h"
#include "privacy/privacy_input.h"
#include "privacy/privacy_outcome.h"
#include "privacy/release.h"

namespace veil {
namespace {

// Tables whose cells take less than this are kept in memory between the two reads.
constexpr size_t kRecordingBudget = 64 << 20;

}  // namespace

Result<PrivacyOutcome> PrepareRelease(TablePlan& plan, const Policy& policy, Source& source) {
  const auto start = std::chrono::steady_clock::now();
  const TablePolicy* table = policy.FindTable(plan.input.name);
  VEIL_ASSIGN_OR_RETURN(auto source_reader, source.Open(plan.input.name));
  RecordingReader reader(*source_reader, kRecordingBudget);
  VEIL_ASSIGN_OR_RETURN(auto input, PreparePrivacyInput(*table, policy, reader));
  if (auto rows = reader.TakeRecording()) {
    plan.recorded_rows = std::make_shared<const std::vector<Batch>>(std::move(*rows));
  }
  VEIL_ASSIGN_OR_RETURN(const SearchOutcome search,
                        SearchGeneralisation(input->problem, plan.input.name));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  PrivacyOutcome outcome = DescribeOutcome(*input, search, plan.input.name, seconds);
  std::vector<size_t> columns(input->problem.quasi_identifiers.size());
  for (size_t c = 0; c < plan.columns.size(); ++c) {
    if (plan.columns[c].kind == ColumnPlan::Kind::kGeneralise) {
      columns[plan.columns[c].quasi_identifier] = c;
    }
  }
  plan.release =
      std::make_shared<Release>(std::move(input), search, std::move(columns), plan.input.name);
  return outcome;
}

}  // namespace veil
