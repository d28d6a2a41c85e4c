// PersonalSpanFinder: every span of personal data in one text, as `redact` replaces them:
// the known originals of the run's identifying columns, the pattern recognisers' values
// and names from the bundled lists, with overlaps resolved — the longest span wins, and
// between spans of equal length the kind listed first in SpanKind (a known original
// before a recognised shape before a listed name).
//
// Holds per-thread scan space: one instance serves one thread. The originals, patterns
// and names it is given are shared and must outlive it.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "transforms/redact/known_originals.h"
#include "transforms/redact/name_spans.h"
#include "transforms/redact/pattern_spans.h"
#include "transforms/redact/span_kinds.h"

namespace veil {

class PersonalSpanFinder {
 public:
  // Fails only when Hyperscan cannot allocate scan space.
  static Result<PersonalSpanFinder> Make(const KnownOriginals& originals,
                                         std::shared_ptr<const PatternRecognisers> patterns,
                                         std::shared_ptr<const NameFinder> names);

  // The spans to replace in `text`, in order and not overlapping; valid until the next
  // call. One span over the whole text when the recognisers could not finish it
  // (PatternRecognisers::kMaxCandidates): such a text is replaced whole.
  const std::vector<TextSpan>& Find(std::string_view text);

 private:
  PersonalSpanFinder(const KnownOriginals& originals,
                     std::shared_ptr<const PatternRecognisers> patterns,
                     std::shared_ptr<const NameFinder> names, PatternRecognisers::Scratch scratch)
      : originals_(&originals),
        patterns_(std::move(patterns)),
        names_(std::move(names)),
        scratch_(std::move(scratch)) {}

  void FindKnownOriginals();

  const KnownOriginals* originals_;
  std::shared_ptr<const PatternRecognisers> patterns_;
  std::shared_ptr<const NameFinder> names_;
  PatternRecognisers::Scratch scratch_;
  std::vector<TextWord> words_;
  std::vector<TextSpan> found_;
  std::vector<TextSpan> chosen_;
};

}  // namespace veil
