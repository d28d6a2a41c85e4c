#include "verify/leak/prefix_groups.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace veil {
namespace {

// A prefix of 1 to 4 bytes and its size as one non-zero integer key.
uint64_t PrefixKey(const char* text, size_t size) {
  uint32_t bytes = 0;
  std::memcpy(&bytes, text, size);
  return (static_cast<uint64_t>(size) << 32) | bytes;
}

uint64_t GroupKey(uint32_t prefix, uint32_t length) {
  return (static_cast<uint64_t>(prefix) << 32) | length;
}

size_t SlotOf(uint64_t key, size_t mask) {
  return leak_hash_detail::Fold(key, leak_hash_detail::kLane) & mask;
}

uint32_t PrefixSize(uint32_t size) {
  return static_cast<uint32_t>(std::min<size_t>(size, LeakPrefixGroups::kPrefixBytes));
}

}  // namespace

LeakPrefixGroups::LeakPrefixGroups() : groups_(1024) {}

LeakPrefixGroups::Slot& LeakPrefixGroups::GroupSlot(uint64_t key) {
  const size_t mask = groups_.size() - 1;
  for (size_t i = SlotOf(key, mask);; i = (i + 1) & mask) {
    if (groups_[i].key == key) return groups_[i];
    if (groups_[i].key != 0) continue;
    if (2 * (group_count_ + 1) > groups_.size()) {
      GrowGroups();
      return GroupSlot(key);
    }
    ++group_count_;
    groups_[i].key = key;
    groups_[i].filter = LeakShapeFilter(static_cast<uint32_t>(key));
    return groups_[i];
  }
}

void LeakPrefixGroups::GrowGroups() {
  std::vector<Slot> old(2 * groups_.size());
  old.swap(groups_);
  const size_t mask = groups_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.key == 0) continue;
    size_t i = SlotOf(slot.key, mask);
    while (groups_[i].key != 0) i = (i + 1) & mask;
    groups_[i] = slot;
  }
}

void LeakPrefixGroups::Add(const char* text, uint32_t size, uint32_t pattern) {
  const uint32_t prefix_size = PrefixSize(size);
  bool added = false;
  const uint32_t prefix = prefix_ids_.Get(PrefixKey(text, prefix_size), added);
  if (added) prefixes_.push_back({text, prefix_size, pattern});
  GroupSlot(GroupKey(prefix, size)).filter.Add(text);
}

void LeakPrefixGroups::Prefetch(const char* text, uint32_t size) const {
  const uint32_t prefix = prefix_ids_.Find(PrefixKey(text, PrefixSize(size)));
  if (prefix != LeakDenseIds::kNone) {
    __builtin_prefetch(&groups_[SlotOf(GroupKey(prefix, size), groups_.size() - 1)]);
  }
}

void LeakPrefixGroups::Merge(const LeakPrefixGroups& later) {
  std::vector<uint32_t> index_of(later.prefixes_.size());  // later's prefix -> ours
  for (size_t p = 0; p < later.prefixes_.size(); ++p) {
    const Prefix& prefix = later.prefixes_[p];
    bool added = false;
    index_of[p] = prefix_ids_.Get(PrefixKey(prefix.text, prefix.size), added);
    if (added) prefixes_.push_back(prefix);
  }
  for (const Slot& slot : later.groups_) {
    if (slot.key == 0) continue;
    const uint32_t length = slot.filter.length();
    GroupSlot(GroupKey(index_of[slot.key >> 32], length)).filter.Merge(slot.filter);
  }
}

void LeakPrefixGroups::Coarsen(size_t max_prefixes) {
  for (uint32_t size = kPrefixBytes; size > 1; --size) {
    CoarsenSize(size, max_prefixes);
  }
}

void LeakPrefixGroups::CoarsenSize(uint32_t size, size_t max_prefixes) {
  // The stems of the `size`-byte prefixes, with their number of extensions.
  LeakDenseIds stem_ids;
  std::vector<uint32_t> extensions;  // per stem
  std::vector<uint32_t> stem_of(prefixes_.size(), LeakDenseIds::kNone);
  for (size_t p = 0; p < prefixes_.size(); ++p) {
    if (prefixes_[p].size != size) continue;
    bool added = false;
    stem_of[p] = stem_ids.Get(PrefixKey(prefixes_[p].text, size - 1), added);
    if (added) extensions.push_back(0);
    ++extensions[stem_of[p]];
  }
  // Choose stems, most extensions first: all those with kCoarsenAt or more when
  // shortening the longest prefixes, then more while there are too many prefixes.
  std::vector<uint32_t> order(extensions.size());
  for (uint32_t stem = 0; stem < order.size(); ++stem) order[stem] = stem;
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return extensions[a] > extensions[b]; });
  std::vector<bool> chosen(extensions.size(), false);
  size_t count = prefixes_.size();
  for (uint32_t stem : order) {
    const bool many = size == kPrefixBytes && extensions[stem] >= kCoarsenAt;
    if (!many && count <= max_prefixes) break;
    chosen[stem] = true;
    count -= extensions[stem] - 1;  // (one less if the stem was already a prefix)
  }
  if (count == prefixes_.size()) return;  // nothing to shorten
  // Renumber the prefixes, stems replacing their extensions, and regroup.
  LeakPrefixGroups coarse;
  std::vector<uint32_t> index_of(prefixes_.size());
  for (size_t p = 0; p < prefixes_.size(); ++p) {
    Prefix prefix = prefixes_[p];
    if (stem_of[p] != LeakDenseIds::kNone && chosen[stem_of[p]]) prefix.size -= 1;
    bool added = false;
    index_of[p] = coarse.prefix_ids_.Get(PrefixKey(prefix.text, prefix.size), added);
    if (added) coarse.prefixes_.push_back(prefix);
  }
  for (const Slot& slot : groups_) {
    if (slot.key == 0) continue;
    const uint32_t length = slot.filter.length();
    coarse.GroupSlot(GroupKey(index_of[slot.key >> 32], length)).filter.Merge(slot.filter);
  }
  *this = std::move(coarse);
}

std::vector<LeakPrefixGroups::Group> LeakPrefixGroups::SortedGroups() const {
  std::vector<Group> sorted;
  sorted.reserve(group_count_);
  for (const Slot& slot : groups_) {
    if (slot.key != 0) sorted.push_back({static_cast<uint32_t>(slot.key >> 32), slot.filter});
  }
  std::sort(sorted.begin(), sorted.end(), [](const Group& a, const Group& b) {
    return a.prefix != b.prefix ? a.prefix < b.prefix : a.filter.length() < b.filter.length();
  });
  return sorted;
}

}  // namespace veil
