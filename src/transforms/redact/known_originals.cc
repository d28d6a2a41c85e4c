#include "transforms/redact/known_originals.h"

#include <algorithm>

namespace veil {

KnownOriginals::Slot* KnownOriginals::Find(uint64_t key) {
  return const_cast<Slot*>(static_cast<const KnownOriginals*>(this)->Find(key));
}

const KnownOriginals::Slot* KnownOriginals::Find(uint64_t key) const {
  const size_t mask = slots_.size() - 1;
  for (size_t i = key & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.key == key) return &slot;
    if (slot.key == 0) return nullptr;
  }
}

KnownOriginals::Slot& KnownOriginals::Insert(uint64_t key) {
  if (Slot* found = Find(key)) return *found;
  if (2 * (used_ + 1) > slots_.size()) Grow();
  const size_t mask = slots_.size() - 1;
  size_t i = key & mask;
  while (slots_[i].key != 0) i = (i + 1) & mask;
  ++used_;
  slots_[i].key = key;
  return slots_[i];
}

void KnownOriginals::Grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  const size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.key == 0) continue;
    size_t i = slot.key & mask;
    while (slots_[i].key != 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

bool KnownOriginals::Add(std::string_view original, std::string_view replacement,
                         std::string_view tag) {
  SplitWords(original, words_);
  if (words_.empty() || words_.size() > kMaxWords) return false;
  uint64_t sequence = 0;
  for (size_t i = 0; i + 1 < words_.size(); ++i) {
    sequence = CombineWordHashes(sequence, words_[i].hash);
    Insert(sequence).prefix = true;
  }
  Slot& slot = Insert(CombineWordHashes(sequence, words_.back().hash));
  if (slot.complete) return true;
  auto tag_at = std::find(tags_.begin(), tags_.end(), tag);
  if (tag_at == tags_.end()) tag_at = tags_.insert(tags_.end(), std::string(tag));
  slot.complete = true;
  slot.entry = static_cast<uint32_t>(entries_.size());
  entries_.push_back({static_cast<uint32_t>(replacements_.size()),
                      static_cast<uint32_t>(replacement.size()),
                      static_cast<uint32_t>(tag_at - tags_.begin())});
  replacements_.append(replacement);
  return true;
}

KnownOriginals::Match KnownOriginals::LongestAt(const std::vector<TextWord>& words,
                                                size_t first) const {
  Match match;
  if (entries_.empty()) return match;
  uint64_t sequence = 0;
  const size_t last = std::min(words.size(), first + kMaxWords);
  for (size_t i = first; i < last; ++i) {
    sequence = CombineWordHashes(sequence, words[i].hash);
    const Slot* slot = Find(sequence);
    if (slot == nullptr) break;
    if (slot->complete) match = {i + 1 - first, slot->entry};
    if (!slot->prefix) break;
  }
  return match;
}

std::string_view KnownOriginals::Replacement(uint32_t entry) const {
  const Entry& e = entries_[entry];
  return std::string_view(replacements_).substr(e.replacement_begin, e.replacement_size);
}

std::string_view KnownOriginals::Tag(uint32_t entry) const {
  return tags_[entries_[entry].tag];
}

}  // namespace veil
