#include "transforms/redact/name_spans.h"

#include "transforms/fakes/reference_tables.h"

namespace veil {
namespace {

constexpr size_t kMaxNameWords = 3;

constexpr std::string_view kTitles[] = {"mr", "mrs",  "ms",  "miss", "mx",
                                        "dr", "prof", "sir", "dame"};

// Names in the bundled lists that are also everyday English words, so often capitalised
// at the start of a sentence or in a heading.
constexpr std::string_view kCommonWords[] = {
    "amber", "ball",  "banks", "bell",    "berry", "bird",  "bishop", "black",   "bond",   "brown",
    "bull",  "cook",  "cross", "dale",    "dawn",  "day",   "field",  "ford",    "fox",    "frank",
    "frost", "grace", "green", "guy",     "hall",  "hart",  "hazel",  "heather", "hill",   "holly",
    "hope",  "hunt",  "jade",  "june",    "kay",   "king",  "lamb",   "lane",    "law",    "little",
    "long",  "lord",  "mark",  "marsh",   "max",   "may",   "miles",  "mills",   "moss",   "noble",
    "north", "page",  "power", "price",   "read",  "reed",  "rice",   "rose",    "savage", "sharp",
    "short", "smart", "stone", "summers", "swift", "wall",  "wells",  "west",    "white",  "winter",
    "wood",  "woods", "young", "will",    "joy",   "faith", "april",  "august"};

// The hash of `word` when it is one word (as TextWord::hash), else 0.
uint64_t HashOf(std::string_view word) {
  std::vector<TextWord> words;
  SplitWords(word, words);
  return words.size() == 1 ? words.front().hash : 0;
}

// What separates two words: the bytes between them.
std::string_view Gap(std::string_view text, const TextWord& left, const TextWord& right) {
  return text.substr(left.end, right.begin - left.end);
}

// True when words[i] starts a sentence: nothing but spaces and quotes before it since
// the text's start or a '.', '!', '?' or line break.
bool StartsSentence(std::string_view text, const std::vector<TextWord>& words, size_t i) {
  const size_t from = i == 0 ? 0 : words[i - 1].end;
  const std::string_view before = text.substr(from, words[i].begin - from);
  if (i == 0) return before.find_first_not_of(" \t\"'(") == std::string_view::npos;
  return before.find_first_of(".!?\n:") != std::string_view::npos;
}

}  // namespace

Result<std::shared_ptr<const NameFinder>> NameFinder::Load() {
  VEIL_ASSIGN_OR_RETURN(const auto tables, LoadNameTables());
  auto finder = std::make_shared<NameFinder>();
  for (const auto name : tables->first_names) {
    if (const uint64_t h = HashOf(name)) finder->first_names_.insert(h);
  }
  for (const auto name : tables->last_names) {
    if (const uint64_t h = HashOf(name)) finder->last_names_.insert(h);
  }
  for (const auto word : kCommonWords) finder->common_words_.insert(HashOf(word));
  for (const auto title : kTitles) finder->titles_.insert(HashOf(title));
  return std::shared_ptr<const NameFinder>(std::move(finder));
}

size_t NameFinder::AddName(std::string_view text, const std::vector<TextWord>& words, size_t first,
                           std::vector<TextSpan>& spans) const {
  size_t last = first;
  while (last + 1 < words.size() && last + 1 < first + kMaxNameWords &&
         words[last + 1].capitalised && !words[last + 1].all_digits) {
    const std::string_view gap = Gap(text, words[last], words[last + 1]);
    if (gap != " " && gap != "-") break;
    ++last;
  }
  for (size_t i = first; i <= last; ++i) {
    const bool first_name =
        i == first ? IsFirstName(words[i]) : !IsLastName(words[i]) && IsFirstName(words[i]);
    spans.push_back(
        {words[i].begin, words[i].end, first_name ? SpanKind::kFirstName : SpanKind::kLastName, 0});
  }
  return last;
}

void NameFinder::Find(std::string_view text, const std::vector<TextWord>& words,
                      std::vector<TextSpan>& spans) const {
  for (size_t i = 0; i < words.size(); ++i) {
    const TextWord& word = words[i];
    if (!word.capitalised) continue;
    if (IsTitle(word) && i + 1 < words.size() && words[i + 1].capitalised) {
      const std::string_view gap = Gap(text, word, words[i + 1]);
      if (gap == " " || gap == ". ") i = AddName(text, words, i + 1, spans);
      continue;
    }
    const bool common = IsCommonWord(word);
    if (IsFirstName(word) && !common) {
      i = AddName(text, words, i, spans);
    } else if (IsFirstName(word) && i + 1 < words.size() && words[i + 1].capitalised &&
               IsLastName(words[i + 1]) && Gap(text, word, words[i + 1]) == " ") {
      i = AddName(text, words, i, spans);  // "Grace Kelly": a common word, then a surname
    } else if (IsLastName(word) && !common && !StartsSentence(text, words, i)) {
      spans.push_back({word.begin, word.end, SpanKind::kLastName, 0});
    }
  }
}

}  // namespace veil
