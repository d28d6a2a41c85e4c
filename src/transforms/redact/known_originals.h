// KnownOriginals: the original values of a run's identifying columns (those the policy
// pseudonymises, fakes, masks, nulls or drops), each with the text that replaces it
// where it turns up inside free text — the output its own column gave it, so a child's
// name in a case note becomes the fake the child got in `people` — and a tag for
// `replace: tag` ("[PERSON]", "[FIRST_NAME]", "[REDACTED]").
//
// Originals are matched as word sequences (transforms/redact/text_tokens.h): case,
// accents and the separators between words do not matter, and an original is only
// found as whole words. Only 64-bit hashes of the originals are kept, never their text;
// two different sequences with equal hashes (probability ~n²/2^65) make text that holds
// neither original be replaced too, which removes text but never leaks.
//
// Filled once by the engine before any output is written (engine/redaction_originals.h);
// read-only afterwards and safe to share between threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "transforms/redact/text_tokens.h"

namespace veil {

class KnownOriginals {
 public:
  // Originals of more words than this are not searched for (an address is ~10).
  static constexpr size_t kMaxWords = 16;

  // Adds `original`, to be replaced by `replacement` or, with tags, by `tag`. The first
  // replacement given for an original (compared as a word sequence) is kept. False, and
  // nothing added, when the original has no word or more than kMaxWords.
  bool Add(std::string_view original, std::string_view replacement, std::string_view tag);

  struct Match {
    size_t words = 0;  // 0: no original starts here
    uint32_t entry = 0;
  };
  // The longest original that is the word sequence words[first], words[first + 1], ...
  Match LongestAt(const std::vector<TextWord>& words, size_t first) const;

  std::string_view Replacement(uint32_t entry) const;
  std::string_view Tag(uint32_t entry) const;

  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }

 private:
  struct Slot {
    uint64_t key = 0;  // 0: empty
    uint32_t entry = 0;
    bool complete = false;  // an original ends here (entry is valid)
    bool prefix = false;    // some longer original continues from here
  };
  struct Entry {
    uint32_t replacement_begin, replacement_size;
    uint32_t tag;
  };

  Slot* Find(uint64_t key);
  const Slot* Find(uint64_t key) const;
  Slot& Insert(uint64_t key);
  void Grow();

  std::vector<Slot> slots_ = std::vector<Slot>(1024);
  size_t used_ = 0;
  std::vector<Entry> entries_;
  std::string replacements_;
  std::vector<std::string> tags_;
  std::vector<TextWord> words_;  // Add's scratch, kept to spare an allocation per value
};

}  // namespace veil
