#include "transforms/redact/pattern_spans.h"

#include <arpa/inet.h>
#include <hs/hs.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "core/uk_identifiers.h"
#include "transforms/redact/text_date.h"

namespace veil {
namespace {

#define VEIL_MONTHS                                                                  \
  "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" \
  "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"

enum class Check {
  kEmail,
  kNhs,
  kUpn,
  kNi,
  kPostcode,
  kUkPhone,
  kPhone,
  kGroupedPhone,
  kIpv4,
  kIpv6,
  kDate
};

struct Pattern {
  const char* expression;
  SpanKind kind;
  Check check;
};

// Case-insensitive; each reported start is the leftmost one for its end.
constexpr Pattern kPatterns[] = {
    // From the '@' only (a pattern that may start at any letter costs Hyperscan dearly
    // when it must report starts): the local part is read back from the '@' in Find.
    {R"(@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)", SpanKind::kEmail,
     Check::kEmail},
    {R"(\d{3}[ -]?\d{3}[ -]?\d{4})", SpanKind::kNhsNumber, Check::kNhs},
    {R"([a-z]\d{11}[a-z0-9])", SpanKind::kUpn, Check::kUpn},
    {R"([a-z]{2} ?\d{2} ?\d{2} ?\d{2} ?[a-d])", SpanKind::kNiNumber, Check::kNi},
    {R"([a-z]{1,2}\d[a-z0-9]? *\d[a-z]{2})", SpanKind::kPostcode, Check::kPostcode},
    {R"((?:\+44[ .-]?(?:\(0\)[ .-]?)?|\(0|0)\d{1,4}\)?(?:[ .-]?\d{2,4}){2,3})", SpanKind::kPhone,
     Check::kUkPhone},
    {R"((?:\+|00)\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,5})", SpanKind::kPhone, Check::kPhone},
    {R"((?:\+?1[ .-]?)?(?:\(\d{3}\)|\d{3})[ .-]?\d{3}[ .-]\d{4}(?: ?(?:x|ext\.?) ?\d{1,5})?)",
     SpanKind::kPhone, Check::kPhone},
    // Other national layouts: groups of digits ("0490 75 40 81", "(37) 788-063",
    // "03.93.92.16.85", "467 3395"), or one run of 10 to 13 digits.
    {R"((?:\(\d{1,4}\) ?|\d{1,4}[ .-])(?:\d{2,4}[ .-]){0,4}\d{2,4}(?: ?(?:x|ext\.?) ?\d{1,5})?)",
     SpanKind::kPhone, Check::kGroupedPhone},
    {R"(\d{10,13})", SpanKind::kPhone, Check::kPhone},
    {R"(\d{1,3}(?:\.\d{1,3}){3})", SpanKind::kIpAddress, Check::kIpv4},
    {R"([0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7})", SpanKind::kIpAddress, Check::kIpv6},
    {R"(\d{4}-\d{1,2}-\d{1,2}(?:[ t]\d{2}:\d{2}(?::\d{2})?)?)", SpanKind::kDate, Check::kDate},
    {R"(\d{1,2}[/.-]\d{1,2}[/.-]\d{2}(?:\d{2})?)", SpanKind::kDate, Check::kDate},
    {R"(\d{1,2}(?:st|nd|rd|th)?(?: +of)? +)" VEIL_MONTHS R"(\.?,? +\d{4})", SpanKind::kDate,
     Check::kDate},
    {VEIL_MONTHS R"(\.? +\d{1,2}(?:st|nd|rd|th)?,? +\d{4})", SpanKind::kDate, Check::kDate},
};
#undef VEIL_MONTHS
constexpr size_t kPatternCount = sizeof(kPatterns) / sizeof(kPatterns[0]);

bool IsAsciiWordByte(unsigned char c) {
  return std::isalnum(c) != 0;
}

std::string Compact(std::string_view text, bool upper) {
  std::string out;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out.push_back(upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c);
    }
  }
  return out;
}

bool ValidEmail(std::string_view text) {
  const size_t at = text.find('@');
  if (at == 0 || at == std::string_view::npos) return false;
  const std::string_view local = text.substr(0, at);
  if (local.back() == '.' || local.find("..") != std::string_view::npos) return false;
  const size_t dot = text.rfind('.');
  const std::string_view tld = text.substr(dot + 1);
  return tld.size() >= 2 && std::all_of(tld.begin(), tld.end(), [](char c) {
           return std::isalpha(static_cast<unsigned char>(c));
         });
}

bool ValidPostcode(std::string_view text) {
  std::string compact = Compact(text, true);
  if (compact.size() < 5) return false;
  compact.insert(compact.size() - 3, " ");
  return IsWellFormedUkPostcode(compact);
}

// A UK number: after +44 (and an optional "(0)"), or a leading 0, ten or nine more
// digits, the first of them not 0.
bool ValidUkPhone(std::string_view text) {
  std::string digits = Compact(text, false);
  if (text.substr(0, 3) == "+44") {
    digits = digits.substr(2);
    if (!digits.empty() && digits[0] == '0') digits.erase(0, 1);
  } else {
    if (digits.empty() || digits[0] != '0') return false;
    digits.erase(0, 1);
  }
  return (digits.size() == 9 || digits.size() == 10) && digits[0] != '0';
}

// Digits of a phone number before any extension ("x123", "ext. 12").
std::string PhoneDigits(std::string_view text) {
  const size_t extension = text.find_first_of("xXeE");
  return Compact(text.substr(0, extension), false);
}

bool ValidPhone(std::string_view text) {
  const std::string digits = PhoneDigits(text);
  return digits.size() >= 10 && digits.size() <= 15;
}

// Seven to twelve digits in two or more groups: shorter runs are counts, amounts and
// years; longer ones card and account numbers.
bool ValidGroupedPhone(std::string_view text) {
  const std::string digits = PhoneDigits(text);
  return digits.size() >= 7 && digits.size() <= 12;
}

bool ValidIpv4(std::string_view text) {
  int octets = 0;
  size_t i = 0;
  while (i <= text.size()) {
    const size_t dot = std::min(text.find('.', i), text.size());
    const std::string_view part = text.substr(i, dot - i);
    if (part.empty() || part.size() > 3 || (part.size() > 1 && part[0] == '0')) return false;
    if (std::stoi(std::string(part)) > 255) return false;
    ++octets;
    i = dot + 1;
  }
  return octets == 4;
}

bool ValidIpv6(std::string_view text) {
  if (std::count(text.begin(), text.end(), ':') < 2 || text.size() > 45) return false;
  unsigned char address[16];
  return inet_pton(AF_INET6, std::string(text).c_str(), address) == 1;
}

bool Passes(Check check, std::string_view text) {
  switch (check) {
    case Check::kEmail:
      return ValidEmail(text);
    case Check::kNhs:
      return IsValidNhsNumber(Compact(text, false));
    case Check::kUpn:
      return IsValidUpn(Compact(text, true));
    case Check::kNi:
      return IsValidNiNumberFormat(Compact(text, true));
    case Check::kPostcode:
      return ValidPostcode(text);
    case Check::kUkPhone:
      return ValidUkPhone(text);
    case Check::kPhone:
      return ValidPhone(text);
    case Check::kGroupedPhone:
      return ValidGroupedPhone(text);
    case Check::kIpv4:
      return ValidIpv4(text);
    case Check::kIpv6:
      return ValidIpv6(text);
    case Check::kDate:
      return TextDate::Read(text).has_value();
  }
  return false;
}

using Candidate = PatternRecognisers::Scratch::Candidate;

// Where the local part of the e-mail address whose '@' is at `at` starts: back over
// [A-Za-z0-9._%+'-], at most 64 of them, then forward to the first letter or digit; `at`
// itself when there is none.
uint32_t LocalPartStart(std::string_view text, uint32_t at) {
  auto local = [](unsigned char c) {
    return std::isalnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '\'' || c == '-';
  };
  uint32_t begin = at;
  while (begin > 0 && at - begin < 64 && local(static_cast<unsigned char>(text[begin - 1]))) {
    --begin;
  }
  while (begin < at && !std::isalnum(static_cast<unsigned char>(text[begin]))) ++begin;
  return begin;
}

struct MatchContext {
  std::vector<Candidate>* candidates;
  uint32_t offset;  // of the scanned window in the text
};

int OnMatch(unsigned int id, unsigned long long from, unsigned long long to, unsigned int,
            void* raw) {
  const auto& context = *static_cast<MatchContext*>(raw);
  if (context.candidates->size() >= PatternRecognisers::kMaxCandidates) return 1;  // stop
  context.candidates->push_back({id, context.offset + static_cast<uint32_t>(from),
                                 context.offset + static_cast<uint32_t>(to)});
  return 0;
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Chunks of text between whitespace within which a match may lie. Every pattern needs a
// digit or an '@', and none reaches more than kChunksBefore whitespace-separated chunks
// before the first chunk holding one ("April 3, 2021", "AB 12 34 56 C") or kChunksAfter
// after it ("3rd of April 2021", "555-123-4567 ext. 12"), so the rest of the text (most
// of a case note) need not be scanned.
constexpr size_t kChunksBefore = 2;
constexpr size_t kChunksAfter = 5;

void ScanWindows(std::string_view text, std::vector<std::pair<uint32_t, uint32_t>>& windows) {
  // The starts of the last kChunksBefore + 1 chunks, and where the current window must
  // reach: the end of the kChunksAfter-th chunk after the last trigger.
  uint32_t starts[kChunksBefore + 1] = {};
  size_t chunk = 0;
  size_t chunks_left = 0;  // chunks still to take into the open window
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t size = text.size();
  for (size_t i = 0; i < size;) {
    while (i < size && IsSpace(static_cast<char>(bytes[i]))) ++i;
    if (i == size) break;
    const auto begin = static_cast<uint32_t>(i);
    bool trigger = false;
    for (; i < size && !IsSpace(static_cast<char>(bytes[i])); ++i) {
      trigger |= static_cast<unsigned>(bytes[i] - '0') < 10u || bytes[i] == '@';
    }
    starts[chunk % (kChunksBefore + 1)] = begin;
    const auto end = static_cast<uint32_t>(i);
    if (trigger) {
      const uint32_t from =
          starts[(chunk >= kChunksBefore ? chunk - kChunksBefore : 0) % (kChunksBefore + 1)];
      if (!windows.empty() && from <= windows.back().second) {
        windows.back().second = end;
      } else {
        windows.emplace_back(from, end);
      }
      chunks_left = kChunksAfter;
    } else if (chunks_left > 0) {
      --chunks_left;
      windows.back().second = end;
    }
    ++chunk;
  }
}

struct CompileErrorDeleter {
  void operator()(hs_compile_error_t* error) const { hs_free_compile_error(error); }
};

}  // namespace

void PatternRecognisers::Scratch::Deleter::operator()(hs_scratch* scratch) const {
  hs_free_scratch(scratch);
}
void PatternRecognisers::DatabaseDeleter::operator()(hs_database* database) const {
  hs_free_database(database);
}

Result<std::shared_ptr<const PatternRecognisers>> PatternRecognisers::Compile() {
  std::vector<const char*> expressions;
  std::vector<unsigned> flags;
  std::vector<unsigned> ids;
  for (size_t i = 0; i < kPatternCount; ++i) {
    expressions.push_back(kPatterns[i].expression);
    flags.push_back(HS_FLAG_CASELESS | HS_FLAG_SOM_LEFTMOST);
    ids.push_back(static_cast<unsigned>(i));
  }
  hs_database_t* database = nullptr;
  hs_compile_error_t* raw_error = nullptr;
  const hs_error_t rc = hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                                         static_cast<unsigned>(kPatternCount), HS_MODE_BLOCK,
                                         nullptr, &database, &raw_error);
  std::unique_ptr<hs_compile_error_t, CompileErrorDeleter> error(raw_error);
  std::shared_ptr<PatternRecognisers> recognisers(new PatternRecognisers());
  recognisers->database_.reset(database);
  if (rc != HS_SUCCESS) {
    return InternalError("redact: the matching engine refused pattern " +
                         std::to_string(error ? error->expression : -1) + ": " +
                         (error ? error->message : "unknown error"));
  }
  return std::shared_ptr<const PatternRecognisers>(std::move(recognisers));
}

Result<PatternRecognisers::Scratch> PatternRecognisers::NewScratch() const {
  Scratch scratch;
  hs_scratch_t* raw = nullptr;
  const hs_error_t rc = hs_alloc_scratch(database_.get(), &raw);
  scratch.scratch_.reset(raw);
  if (rc != HS_SUCCESS) {
    return InternalError("redact: could not allocate scan space, error code " + std::to_string(rc));
  }
  return scratch;
}

bool PatternRecognisers::Find(std::string_view text, Scratch& scratch,
                              std::vector<TextSpan>& spans) const {
  if (text.empty()) return true;
  std::vector<Candidate>& candidates = scratch.candidates_;
  candidates.clear();
  scratch.windows_.clear();
  ScanWindows(text, scratch.windows_);
  for (const auto& [begin, end] : scratch.windows_) {
    MatchContext context{&candidates, begin};
    if (hs_scan(database_.get(), text.data() + begin, end - begin, 0, scratch.scratch_.get(),
                OnMatch, &context) != HS_SUCCESS) {
      return false;
    }
  }
  // The longest candidate that passes, for each pattern and start.
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.pattern != b.pattern) return a.pattern < b.pattern;
    if (a.begin != b.begin) return a.begin < b.begin;
    return a.end > b.end;
  });
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  // The candidate (pattern, start) that last passed: shorter ones from it are skipped.
  std::pair<uint32_t, uint32_t> passed{UINT32_MAX, 0};
  for (const Candidate& c : candidates) {
    if (passed == std::pair{c.pattern, c.begin}) continue;
    const Pattern& pattern = kPatterns[c.pattern];
    uint32_t begin = c.begin;
    if (pattern.check == Check::kEmail) begin = LocalPartStart(text, c.begin);
    if (begin == c.begin && pattern.check == Check::kEmail) continue;  // no local part
    if (begin > 0 && IsAsciiWordByte(bytes[begin - 1])) continue;
    if (c.end < text.size() && IsAsciiWordByte(bytes[c.end])) continue;
    if (!Passes(pattern.check, text.substr(begin, c.end - begin))) continue;
    spans.push_back({begin, c.end, pattern.kind, c.pattern});
    passed = {c.pattern, c.begin};
  }
  return true;
}

}  // namespace veil
