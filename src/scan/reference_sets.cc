#include "scan/reference_sets.h"

#include "transforms/code_lists.h"
#include "transforms/fakes/reference_tables.h"

namespace veil::scan {

Result<std::shared_ptr<const ReferenceSets>> ReferenceSets::Load() {
  auto sets = std::make_shared<ReferenceSets>();
  VEIL_ASSIGN_OR_RETURN(const auto names, LoadNameTables());
  for (const auto name : names->first_names) sets->first_names.insert(AsciiLowerLetters(name));
  for (const auto name : names->last_names) sets->last_names.insert(AsciiLowerLetters(name));
  VEIL_ASSIGN_OR_RETURN(const auto places, LoadPlaceTables());
  for (const auto code : places->outward_codes) sets->outward_codes.emplace(code);
  VEIL_ASSIGN_OR_RETURN(const auto lists, CodeLists::Builtin());
  for (const std::string& name : lists->Names()) {
    const auto* codes = lists->Find(name);
    if (codes == nullptr || codes->empty()) continue;
    sets->code_lists.push_back({name, {codes->begin(), codes->end()}});
  }
  return std::shared_ptr<const ReferenceSets>(std::move(sets));
}

}  // namespace veil::scan
