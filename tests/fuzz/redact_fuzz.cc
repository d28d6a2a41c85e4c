// Fuzz target: the parts of the redact rule on arbitrary text — SplitWords, the span
// finder (known originals, Hyperscan recognisers, listed names) and TextDate. Invariants:
// no crash; words and spans lie inside the text, in order, without overlap; a date read
// from the text writes back (shifted) without failing.
#include <chrono>
#include <memory>
#include <string>

#include "fuzz_support.h"
#include "transforms/redact/span_finder.h"
#include "transforms/redact/text_date.h"

namespace {

struct Fixture {
  veil::KnownOriginals originals;
  std::unique_ptr<veil::PersonalSpanFinder> finder;
  Fixture() {
    originals.Add("Jane Smith", "Amanda Evans", "[FULL_NAME]");
    originals.Add("C100234", "7K2PQ9", "[CHILD]");
    originals.Add("Zoë", "Ruth", "[FIRST_NAME]");
    auto patterns = veil::PatternRecognisers::Compile();
    auto names = veil::NameFinder::Load();
    if (!patterns.ok() || !names.ok()) return;
    auto made = veil::PersonalSpanFinder::Make(originals, *patterns, *names);
    if (made.ok()) finder = std::make_unique<veil::PersonalSpanFinder>(std::move(*made));
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace veil;
  static Fixture fixture;
  FUZZ_CHECK(fixture.finder != nullptr, "the recognisers compile");
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<TextWord> words;
  SplitWords(text, words);
  uint32_t at = 0;
  for (const TextWord& word : words) {
    FUZZ_CHECK(word.begin >= at && word.begin < word.end && word.end <= size, "words in order");
    at = word.end;
  }
  at = 0;
  for (const TextSpan& span : fixture.finder->Find(text)) {
    FUZZ_CHECK(span.begin >= at && span.begin < span.end && span.end <= size, "spans in order");
    at = span.end;
  }
  if (const auto date = TextDate::Read(text)) {
    std::string out;
    date->Write(date->day() + std::chrono::days(400), out);
    FUZZ_CHECK(!out.empty(), "a date writes back");
  }
  return 0;
}
