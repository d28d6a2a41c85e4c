// SchemaTextScreen: finds which pieces of the source's schema text hold an original
// value, so that the anonymiser can leave them out of the output (see core/schema_text.h).
//
// A piece holds an original when a value of a column the policy does not keep occurs in
// it the way `veil verify`'s leak check finds originals in free text: case, accents and
// punctuation styles ignored (core/text_normalise.h), at token boundaries, the same
// weak values skipped (short values, short numbers, dates: the policy's `verify:` leak
// options). It is the leak check turned round — built from the texts, not from the
// originals — so it needs no memory for the originals however many there are: the
// normalised texts are laid end to end and their suffixes sorted (a suffix array, 4
// bytes per byte of text); each cell is then looked up by binary search, O(length × log
// text bytes). Once every text holds an original, cells are no longer looked at.
//
// The texts are screened up to a total of `max_bytes` (1 MiB by default, which bounds
// the memory and the sorting time whatever the source holds); a text past it is not
// searched but taken to hold an original, so that it is removed.
//
// Single-threaded: Observe() must be called by one thread at a time.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/column.h"
#include "core/schema_text.h"
#include "verify/leak/pattern_filter.h"

namespace veil {

// A text that holds an original, or that was too long to search (`too_long`).
struct HeldSchemaText {
  SchemaText text;
  bool too_long = false;
};

class SchemaTextScreen {
 public:
  static constexpr size_t kDefaultMaxBytes = size_t{1} << 20;

  SchemaTextScreen(std::vector<SchemaText> texts, const LeakScannerOptions& options,
                   size_t max_bytes = kDefaultMaxBytes);

  // True if there is no text to screen: Observe() would find nothing more.
  bool empty() const { return suffixes_.empty(); }

  // Marks every text that holds a non-NULL cell of `column`.
  void Observe(const Column& column);

  // The texts that hold an original (or were too long to search), in the order given.
  std::vector<HeldSchemaText> Holding() const;

 private:
  void Look(std::string_view value);
  // The index of the text that byte `position` of text_ belongs to.
  size_t TextAt(size_t position) const;

  std::vector<SchemaText> texts_;
  LeakScannerOptions options_;
  std::string text_;                // the normalised texts, each followed by a separator
  std::vector<size_t> starts_;      // where each text searched begins in text_
  std::vector<size_t> owners_;      // the index in texts_ of each text searched
  std::vector<uint32_t> suffixes_;  // positions in text_, sorted by the text from there
  std::vector<bool> holding_;
  std::vector<bool> too_long_;
  size_t held_ = 0;                       // texts found holding an original
  std::unordered_set<std::string> seen_;  // frequent values gone through (bounded)
  std::string buffer_;                    // one normalised cell
};

}  // namespace veil
