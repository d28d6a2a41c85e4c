// ValueCache: a small direct-mapped memo from an input value to the output a rule made
// for it, so repeated values (a child's id in every episode, common first names) are
// derived once. Purely an optimisation: a rule's output is the same with or without it.
// Bounded memory (slots × short strings). Not thread-safe.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace veil {

class ValueCache {
 public:
  explicit ValueCache(size_t slots = 8192) : slots_(slots) {}

  static uint64_t Hash(std::string_view input) { return std::hash<std::string_view>{}(input); }

  // The cached output for `input`, or nullptr.
  const std::string* Find(std::string_view input, uint64_t hash) const {
    const Slot& slot = slots_[hash % slots_.size()];
    return slot.filled && slot.hash == hash && slot.input == input ? &slot.output : nullptr;
  }

  void Store(std::string_view input, uint64_t hash, std::string_view output) {
    if (input.size() > 64) return;  // long values rarely repeat; keep memory small
    Slot& slot = slots_[hash % slots_.size()];
    slot.filled = true;
    slot.hash = hash;
    slot.input.assign(input);
    slot.output.assign(output);
  }

 private:
  struct Slot {
    bool filled = false;
    uint64_t hash = 0;
    std::string input;
    std::string output;
  };
  std::vector<Slot> slots_;
};

}  // namespace veil
