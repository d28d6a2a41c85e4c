#include "engine/subset_stage.h"

#include "subset/subset_option.h"
#include "subset/subset_source.h"

namespace veil {

Result<std::unique_ptr<Source>> ApplySubset(const AnonymiseOptions& options, const Policy& policy,
                                            const Secret& secret, std::unique_ptr<Source> source,
                                            SubsetSummary& summary) {
  if (options.subset.empty()) {
    if (options.subset_keep_unrelated) {
      return InvalidArgument("--subset-keep-unrelated needs a --subset");
    }
    return source;
  }
  if (options.verify && secret.ephemeral() && AsksForSample(options.subset)) {
    return InvalidArgument(
        "--verify cannot draw a --subset sample again with an ephemeral secret: give the "
        "policy a secret, or subset by a condition");
  }
  return OpenSubset(std::move(source), SubsetRequest{options.subset, options.subset_keep_unrelated},
                    policy, secret, summary);
}

void AddSubsetSummary(SubsetSummary subset, RunSummary& summary) {
  for (const auto& warning : subset.warnings) summary.warnings.push_back(warning);
  summary.subset = std::move(subset);
}

}  // namespace veil
