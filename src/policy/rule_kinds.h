// The names of the column rule kinds — the one vocabulary that the policy, the rule
// registry, the planner, the privacy stage and the verifier share. A rule kind's name
// is typed here and nowhere else; adding a kind means adding its constant here, its
// file under transforms/rules/ (registered under the constant) and its line in the
// verifier's role table (verify/column_role.cc), which a test holds to the registry.
#pragma once

#include <array>
#include <string_view>

namespace veil::rule_kind {

// Handled by the planner itself, not built as rules.
inline constexpr std::string_view kKeep = "keep";
inline constexpr std::string_view kDrop = "drop";

// Built by the rule registry (transforms/rules/).
inline constexpr std::string_view kNull = "null";
inline constexpr std::string_view kValue = "value";
inline constexpr std::string_view kPseudonymise = "pseudonymise";
inline constexpr std::string_view kFake = "fake";
inline constexpr std::string_view kDateShift = "date_shift";
inline constexpr std::string_view kDateRandom = "date_random";
inline constexpr std::string_view kGeneralise = "generalise";
inline constexpr std::string_view kChoice = "choice";
inline constexpr std::string_view kMask = "mask";
inline constexpr std::string_view kNoise = "noise";
inline constexpr std::string_view kJson = "json";
inline constexpr std::string_view kRedact = "redact";

// A quasi-identifier of a privacy section only: generalised by the privacy stage.
inline constexpr std::string_view kRare = "rare";

// Every kind the registry builds, in the order of the list above.
inline constexpr std::array<std::string_view, 12> kRegistered = {
    kNull,       kValue,  kPseudonymise, kFake,  kDateShift, kDateRandom,
    kGeneralise, kChoice, kMask,         kNoise, kJson,      kRedact};

// True for keep, drop and every kind the registry builds.
constexpr bool IsKnown(std::string_view kind) {
  if (kind == kKeep || kind == kDrop) return true;
  for (std::string_view registered : kRegistered) {
    if (registered == kind) return true;
  }
  return false;
}

}  // namespace veil::rule_kind
