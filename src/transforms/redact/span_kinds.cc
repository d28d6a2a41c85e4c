#include "transforms/redact/span_kinds.h"

namespace veil {
namespace {

constexpr SpanKindInfo kKinds[] = {
    {SpanKind::kKnownOriginal, "known_original", "[REDACTED]", ""},
    {SpanKind::kEmail, "email", "[EMAIL]", "email"},
    {SpanKind::kNhsNumber, "nhs_number", "[NHS_NUMBER]", "nhs_number"},
    {SpanKind::kUpn, "upn", "[UPN]", "upn"},
    {SpanKind::kNiNumber, "ni_number", "[NI_NUMBER]", "ni_number"},
    {SpanKind::kPostcode, "postcode", "[POSTCODE]", "postcode"},
    {SpanKind::kIpAddress, "ip_address", "[IP_ADDRESS]", "ip"},
    {SpanKind::kDate, "date", "[DATE]", ""},
    {SpanKind::kPhone, "phone", "[PHONE]", "phone"},
    {SpanKind::kFirstName, "first_name", "[NAME]", "first_name"},
    {SpanKind::kLastName, "last_name", "[NAME]", "last_name"},
    {SpanKind::kWholeText, "whole_text", "[REDACTED]", ""},
};
static_assert(sizeof(kKinds) / sizeof(kKinds[0]) == static_cast<size_t>(SpanKind::kWholeText) + 1);

}  // namespace

const SpanKindInfo& InfoOf(SpanKind kind) {
  return kKinds[static_cast<size_t>(kind)];
}

}  // namespace veil
