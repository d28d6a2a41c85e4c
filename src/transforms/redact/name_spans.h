// NameFinder: person names inside free text, found from the bundled UK first-name and
// surname lists (transforms/fakes/reference_tables.h) and their context:
//   * a capitalised first name from the list, with the capitalised words that follow it
//     after a single space or hyphen (up to three words in all): "Jane Smith",
//     "Mary-Jane Holt";
//   * a title (Mr, Mrs, Ms, Miss, Mx, Dr, Prof, Sir, Dame) and the capitalised words
//     after it: "Mrs Okonkwo";
//   * a capitalised surname from the list on its own, when it does not start a sentence.
// Names that are also common English words ("May", "Grace", "Brown", "Hope") count only
// after a title or as part of a longer name. Every word of a name is a span of its own:
// first names kFirstName, the others kLastName. Names the lists do not hold are found
// only after a title or a listed first name; names of the source's own identifying
// columns are found, whatever they are, by KnownOriginals.
//
// Immutable once built; safe to share between threads.
#pragma once

#include <memory>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "transforms/redact/span_kinds.h"
#include "transforms/redact/text_tokens.h"
#include "veil/status.h"

namespace veil {

class NameFinder {
 public:
  // Fails (InternalError) only when the embedded name lists are damaged.
  static Result<std::shared_ptr<const NameFinder>> Load();

  // Appends the name spans of `text`, whose words are `words` (SplitWords(text)).
  void Find(std::string_view text, const std::vector<TextWord>& words,
            std::vector<TextSpan>& spans) const;

 private:
  bool IsFirstName(const TextWord& word) const { return first_names_.count(word.hash) > 0; }
  bool IsLastName(const TextWord& word) const { return last_names_.count(word.hash) > 0; }
  bool IsCommonWord(const TextWord& word) const { return common_words_.count(word.hash) > 0; }
  bool IsTitle(const TextWord& word) const { return titles_.count(word.hash) > 0; }
  // Adds the name that starts at words[first] (and the capitalised words after it).
  size_t AddName(std::string_view text, const std::vector<TextWord>& words, size_t first,
                 std::vector<TextSpan>& spans) const;

  std::unordered_set<uint64_t> first_names_;
  std::unordered_set<uint64_t> last_names_;
  std::unordered_set<uint64_t> common_words_;
  std::unordered_set<uint64_t> titles_;
};

}  // namespace veil
