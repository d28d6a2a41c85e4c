#include "transforms/redact/span_finder.h"

#include <algorithm>

namespace veil {

Result<PersonalSpanFinder> PersonalSpanFinder::Make(
    const KnownOriginals& originals, std::shared_ptr<const PatternRecognisers> patterns,
    std::shared_ptr<const NameFinder> names) {
  VEIL_ASSIGN_OR_RETURN(PatternRecognisers::Scratch scratch, patterns->NewScratch());
  return PersonalSpanFinder(originals, std::move(patterns), std::move(names), std::move(scratch));
}

void PersonalSpanFinder::FindKnownOriginals() {
  if (originals_->empty()) return;
  for (size_t i = 0; i < words_.size(); ++i) {
    const KnownOriginals::Match match = originals_->LongestAt(words_, i);
    if (match.words == 0) continue;
    found_.push_back(
        {words_[i].begin, words_[i + match.words - 1].end, SpanKind::kKnownOriginal, match.entry});
  }
}

const std::vector<TextSpan>& PersonalSpanFinder::Find(std::string_view text) {
  found_.clear();
  chosen_.clear();
  SplitWords(text, words_);
  if (words_.empty()) return chosen_;
  FindKnownOriginals();
  if (!patterns_->Find(text, scratch_, found_)) {
    chosen_.push_back({0, static_cast<uint32_t>(text.size()), SpanKind::kWholeText, 0});
    return chosen_;
  }
  names_->Find(text, words_, found_);
  std::sort(found_.begin(), found_.end(), [](const TextSpan& a, const TextSpan& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    if (a.end != b.end) return a.end > b.end;
    return a.kind < b.kind;
  });
  // Left to right, a span is kept unless it overlaps one kept before it (among spans at
  // the same start the longest comes first). A span that overlaps the kept one and runs
  // past its end merges with it, so no part of either is left: the merged span takes
  // the kind of the longer of the two.
  for (const TextSpan& span : found_) {
    if (chosen_.empty() || span.begin >= chosen_.back().end) {
      chosen_.push_back(span);
      continue;
    }
    TextSpan& kept = chosen_.back();
    if (span.end <= kept.end) continue;
    if (span.end - span.begin > kept.end - kept.begin) {
      kept.kind = span.kind;
      kept.detail = span.detail;
    }
    kept.end = span.end;
  }
  return chosen_;
}

}  // namespace veil
