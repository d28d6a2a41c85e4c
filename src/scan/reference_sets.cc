#include "scan/reference_sets.h"

#include <algorithm>

#include "transforms/code_lists.h"
#include "transforms/fakes/reference_tables.h"

namespace veil::scan {

uint64_t NameTable::Hash(std::string_view letters) {
  uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a; names are short
  for (char c : letters) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  return h | 1;  // never 0
}

void NameTable::Insert(std::string_view name) {
  if (name.empty() || Contains(name)) return;
  if (2 * (size_ + 1) > slots_.size()) {  // at most half full
    std::vector<Slot> old(std::max<size_t>(256, 2 * slots_.size()));
    old.swap(slots_);
    for (const Slot& slot : old) {
      if (slot.length == 0) continue;
      size_t i = slot.hash & (slots_.size() - 1);
      while (slots_[i].length != 0) i = (i + 1) & (slots_.size() - 1);
      slots_[i] = slot;
    }
  }
  const uint64_t hash = Hash(name);
  size_t i = hash & (slots_.size() - 1);
  while (slots_[i].length != 0) i = (i + 1) & (slots_.size() - 1);
  slots_[i] = {hash, static_cast<uint32_t>(bytes_.size()), static_cast<uint32_t>(name.size())};
  bytes_.append(name);
  ++size_;
  longest_ = std::max(longest_, name.size());
}

bool NameTable::Contains(std::string_view letters) const {
  if (slots_.empty() || letters.empty() || letters.size() > longest_) return false;
  const uint64_t hash = Hash(letters);
  for (size_t i = hash & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
    const Slot& slot = slots_[i];
    if (slot.length == 0) return false;
    if (slot.hash == hash && std::string_view(bytes_).substr(slot.offset, slot.length) == letters)
      return true;
  }
}

Result<std::shared_ptr<const ReferenceSets>> ReferenceSets::Load() {
  auto sets = std::make_shared<ReferenceSets>();
  VEIL_ASSIGN_OR_RETURN(const auto names, LoadNameTables());
  for (const auto name : names->first_names) sets->first_names.Insert(AsciiLowerLetters(name));
  for (const auto name : names->last_names) sets->last_names.Insert(AsciiLowerLetters(name));
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
