// SpanKind: the kinds of personal data `redact` finds inside text, each with the tag that
// replaces it under `replace: tag` and the fake kind (transforms/fakes/) that replaces it
// under `replace: fake`. The table in span_kinds.cc is the one place a kind is described.
#pragma once

#include <cstdint>
#include <string_view>

namespace veil {

enum class SpanKind : uint8_t {
  kKnownOriginal,  // a value of an identifying column (transforms/redact/known_originals.h)
  kEmail,
  kNhsNumber,
  kUpn,
  kNiNumber,
  kPostcode,
  kIpAddress,
  kDate,
  kPhone,      // after dates and IP addresses: its generic shapes also fit them
  kFirstName,  // a name from the bundled lists, in context
  kLastName,
  kWholeText,  // a text too dense with candidates to examine: replaced whole
};

struct SpanKindInfo {
  SpanKind kind;
  std::string_view name;  // "email": for counts and benchmarks
  std::string_view tag;   // "[EMAIL]"
  std::string_view fake;  // "email"; empty for kinds replaced otherwise (dates, originals)
};

const SpanKindInfo& InfoOf(SpanKind kind);

// One span of personal data found in a text: bytes [begin, end). `detail` is the known
// original's entry for kKnownOriginal and the pattern's index for recognised shapes.
struct TextSpan {
  uint32_t begin = 0;
  uint32_t end = 0;
  SpanKind kind = SpanKind::kKnownOriginal;
  uint32_t detail = 0;
};

}  // namespace veil
