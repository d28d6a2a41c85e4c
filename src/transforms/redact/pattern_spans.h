// PatternRecognisers: finds, in free text, the personal values that have a shape of
// their own — e-mail addresses, NHS numbers (mod-11), UPNs (check letter), NI numbers,
// UK postcodes, phone numbers (UK numbering, and international numbers written with a
// country code or in North American groups), IPv4/IPv6 addresses and calendar dates.
//
// One Hyperscan database holds every pattern; it is compiled once per run and shared
// (immutable) by every redact rule of the run, each with its own Scratch. A candidate
// the database reports becomes a span only when it is whole words (no letter or digit
// touches either end) and its check passes: an NHS number must pass mod-11, a UPN its
// check letter, a postcode the UK shape, an IP address its octets, a date the calendar.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "transforms/redact/span_kinds.h"
#include "veil/status.h"

struct hs_database;
struct hs_scratch;

namespace veil {

class PatternRecognisers {
 public:
  // Fails (InternalError) only if Hyperscan refuses the built-in patterns or memory.
  static Result<std::shared_ptr<const PatternRecognisers>> Compile();

  // Per-thread scan space.
  class Scratch {
   public:
    Scratch() = default;
    struct Candidate {  // a match before its check
      uint32_t pattern, begin, end;
    };

   private:
    friend class PatternRecognisers;
    struct Deleter {
      void operator()(hs_scratch* scratch) const;
    };
    std::unique_ptr<hs_scratch, Deleter> scratch_;
    // Per-scan buffers: the windows of text scanned, the matches found in them.
    std::vector<std::pair<uint32_t, uint32_t>> windows_;
    std::vector<Candidate> candidates_;
  };
  Result<Scratch> NewScratch() const;

  // Matches looked at in one text at most: a text made to match everywhere (megabytes
  // of digits) would otherwise hold memory in proportion to its length times the
  // patterns.
  static constexpr size_t kMaxCandidates = size_t{1} << 18;

  // Appends to `spans` every recognised span of `text`, unordered and possibly
  // overlapping (transforms/redact/span_finder.h picks among them). `text` must be
  // shorter than 4 GiB. False when the text held more than kMaxCandidates matches (or
  // Hyperscan failed): the spans are then incomplete and the text must not be kept.
  bool Find(std::string_view text, Scratch& scratch, std::vector<TextSpan>& spans) const;

  struct DatabaseDeleter {
    void operator()(hs_database* database) const;
  };

 private:
  PatternRecognisers() = default;
  std::unique_ptr<hs_database, DatabaseDeleter> database_;
};

}  // namespace veil
