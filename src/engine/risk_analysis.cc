#include "veil/risk.h"

#include <fmt/format.h>

#include <chrono>

#include "io/registry/location.h"
#include "privacy/encoded_table.h"
#include "privacy/lattice_search.h"
#include "privacy/privacy_input.h"
#include "privacy/privacy_outcome.h"
#include "privacy/quasi_identifier_spec.h"
#include "privacy/risk.h"

namespace veil {
namespace {

// The policy table to analyse and the source table holding it. A source of one table
// (a single CSV file, often named after the run) pairs with the policy's one table.
struct TableChoice {
  const TablePolicy* policy = nullptr;
  std::string source_table;
};

Result<TableChoice> ChooseTable(const Policy& policy, const Source& source,
                                const std::string& wanted) {
  std::vector<const TablePolicy*> candidates;
  for (const auto& table : policy.tables) {
    const bool has_qi = std::any_of(table.columns.begin(), table.columns.end(),
                                    [](const auto& c) { return IsQuasiIdentifierRule(c.second); });
    if (has_qi && (wanted.empty() || table.name == wanted)) candidates.push_back(&table);
  }
  if (candidates.empty()) {
    return InvalidArgument(
        wanted.empty() ? "the policy names no quasi-identifier (a generalise rule with a "
                         "hierarchy, or rare) in any table"
                       : fmt::format("the policy names no quasi-identifier of table {}", wanted));
  }
  if (candidates.size() > 1) {
    return InvalidArgument(
        "the policy has quasi-identifiers in several tables: choose one with "
        "--table");
  }
  const auto names = source.TableNames();
  TableChoice choice{candidates.front(), candidates.front()->name};
  if (std::find(names.begin(), names.end(), choice.source_table) != names.end()) return choice;
  if (names.size() == 1) {
    choice.source_table = names.front();
    return choice;
  }
  return InputError(fmt::format("{} has no table {}", source.Describe(), choice.source_table));
}

Result<RiskFigures> RiskOfTuples(const EncodedTable& encoded, std::optional<int64_t> population) {
  std::map<int64_t, int64_t> sizes;
  for (int64_t count : encoded.counts) ++sizes[count];
  return ComputeRisk(sizes, population);
}

// The class sizes a reader of the released table sees: the classes kept, and with
// `suppress: mask` one more class of every suppressed record (all '*').
std::map<int64_t, int64_t> ReleasedSizes(const PrivacyInput& input, const SearchOutcome& search) {
  const NodeEvaluation& best = search.best;
  int64_t all_star = 0;  // records of a kept class whose every value is '*'
  std::map<int64_t, int64_t> sizes;
  for (size_t c = 0; c < best.classes->Classes(); ++c) {
    if (best.suppressed[c]) continue;
    bool stars = true;
    for (size_t d = 0; d < best.levels.size() && stars; ++d) {
      stars = input.problem.quasi_identifiers[d].hierarchy.Label(best.levels[d],
                                                                 best.classes->Key(c)[d]) == "*";
    }
    if (stars) {
      all_star += best.classes->sizes[c];
    } else {
      ++sizes[best.classes->sizes[c]];
    }
  }
  if (input.spec.suppress == SuppressionStyle::kMask) all_star += best.suppressed_records;
  if (all_star > 0) ++sizes[all_star];
  return sizes;
}

}  // namespace

Result<RiskAnalysis> AnalyseRisk(const RiskOptions& options) {
  VEIL_ASSIGN_OR_RETURN(const Policy policy, LoadPolicy(options.policy_path));
  VEIL_ASSIGN_OR_RETURN(const Location location, ResolveSourceLocation(options.source));
  VEIL_ASSIGN_OR_RETURN(auto source, location.OpenSource(SourceOptions{options.csv_delimiter}));
  VEIL_ASSIGN_OR_RETURN(const TableChoice choice, ChooseTable(policy, *source, options.table));
  VEIL_ASSIGN_OR_RETURN(const auto specs, QuasiIdentifierSpecs(*choice.policy, policy));
  RiskAnalysis analysis;
  analysis.table = choice.source_table;
  analysis.source = source->Describe();
  for (const auto& spec : specs) analysis.quasi_identifiers.push_back(spec.column);
  {
    VEIL_ASSIGN_OR_RETURN(auto reader, source->Open(choice.source_table));
    VEIL_ASSIGN_OR_RETURN(const EncodedTable encoded,
                          EncodeTable(*reader, analysis.quasi_identifiers, ""));
    VEIL_ASSIGN_OR_RETURN(analysis.figures, RiskOfTuples(encoded, options.population));
  }
  if (!choice.policy->privacy) return analysis;
  const auto start = std::chrono::steady_clock::now();
  VEIL_ASSIGN_OR_RETURN(auto reader, source->Open(choice.source_table));
  auto input = PreparePrivacyInput(*choice.policy, policy, *reader);
  if (!input.ok() && input.status().code() == ErrorCode::kInput) {
    // Typically an anonymised output: its values are already generalised.
    analysis.released_note = "not computed: " + input.status().message() +
                             " (the data is not in the hierarchies' original values; an "
                             "anonymised output is assessed as it stands)";
    return analysis;
  }
  VEIL_RETURN_IF_ERROR(input.status());
  VEIL_ASSIGN_OR_RETURN(const SearchOutcome search,
                        SearchGeneralisation((*input)->problem, choice.source_table));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  analysis.release = DescribeOutcome(**input, search, choice.source_table, seconds);
  VEIL_ASSIGN_OR_RETURN(analysis.released,
                        ComputeRisk(ReleasedSizes(**input, search), options.population));
  return analysis;
}

}  // namespace veil
