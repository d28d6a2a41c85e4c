// Column-name evidence: what a column's name says it holds, in English and in the
// Standard Safeguarding Dataset's style (`pers_forename`, `legal_status_start_date`,
// `cine_referral_id`, `*_desc`, `*_json`). Names are split into lower-case words at
// underscores, spaces, hyphens, dots and lower-to-upper case changes ("childDob" ->
// child, dob), so prefixes never hide a word.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace veil::scan {

enum class NameHint {
  kNone,
  kIdentifier,  // ends in id / ref / number / no / key / urn / reference (entity key)
  kFirstName,
  kLastName,
  kFullName,
  kEmail,
  kPhone,
  kPostcode,
  kAddress,
  kTown,  // a town or city: a quasi-identifier, like a postcode district
  kNhsNumber,
  kUpn,
  kNiNumber,
  kIpAddress,
  kDateOfBirth,
  kDate,
  kSex,
  kSensitive,     // ethnicity, religion, health, disability, sexuality
  kNationality,   // nationality, citizenship, immigration status
  kOrganisation,  // the name of a team, school, provider...
  kFreeText,      // desc, notes, comments, narrative, reason
  kJson,
};

// The lower-case words of a column name, in order.
std::vector<std::string> NameWords(std::string_view name);

// The strongest hint in `name`, or kNone.
NameHint HintFromName(std::string_view name);

// For an identifier column, the entity its name suggests: the word before the final
// id/ref/number ("cine_referral_id" -> referral, "pers_person_id" -> person), or "urn"
// for any URN (one register: a provider's URN joins wherever it appears), "uprn" for any
// UPRN (a property's number, likewise); empty when the name is only "id".
std::string EntityFromName(std::string_view name);

// "first_name", "email", ... for evidence lines.
std::string_view NameHintLabel(NameHint hint);

// The fake kind (transforms/fakes) a hint asks for: "first_name", "postcode", ...; ""
// when the hint asks for none. The scan drafts it; `veil generate` constructs with it.
std::string_view FakeForHint(NameHint hint);

}  // namespace veil::scan
