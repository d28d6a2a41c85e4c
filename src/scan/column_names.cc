#include "scan/column_names.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace veil::scan {
namespace {

bool Has(const std::vector<std::string>& words, std::string_view word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

bool HasAny(const std::vector<std::string>& words, std::initializer_list<std::string_view> any) {
  return std::any_of(any.begin(), any.end(), [&](std::string_view w) { return Has(words, w); });
}

bool HasPair(const std::vector<std::string>& words, std::string_view a, std::string_view b) {
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    if (words[i] == a && words[i + 1] == b) return true;
  }
  return false;
}

bool IsIdWord(std::string_view word) {
  return word == "id" || word == "ref" || word == "number" || word == "no" || word == "key" ||
         word == "uuid" || word == "guid" || word == "urn" || word == "uprn" || word == "reference";
}

// Words of a special category (GDPR Art. 9): origin, religion, health, sexuality.
bool HasHealthWord(const std::vector<std::string>& w) {
  return HasAny(w, {"ethnicity", "ethnic", "religion", "faith", "disability", "disabled", "health",
                    "medical", "diagnosis", "sexuality", "sexual", "orientation", "substance",
                    "misuse", "misused", "drug", "drugs", "alcohol"});
}

// The kind of a special educational need (`ehcp_need_type`); not its rank, and not a CIN
// need code, which is no health record.
bool IsSenNeedCategory(const std::vector<std::string>& w) {
  return HasAny(w, {"need", "needs"}) && HasAny(w, {"sen", "send", "ehcp"}) &&
         HasAny(w, {"type", "types", "category", "kind"});
}

bool HasOriginWord(const std::vector<std::string>& w) {
  return HasAny(w, {"nationality", "citizenship", "immigration", "asylum"});
}

// "team_name", "dept_team_parent_name": the name of an organisation, not of a person.
bool NamesAnOrganisation(const std::vector<std::string>& w) {
  static constexpr std::string_view kOrganisations[] = {
      "team",          "department", "dept",     "service",  "school", "organisation",
      "organization",  "org",        "provider", "agency",   "unit",   "setting",
      "establishment", "authority",  "company",  "practice", "ward",   "hospital"};
  const auto is_organisation = [](std::string_view word) {
    return std::find(std::begin(kOrganisations), std::end(kOrganisations), word) !=
           std::end(kOrganisations);
  };
  for (size_t i = 1; i < w.size(); ++i) {
    if (w[i] != "name" && w[i] != "names") continue;
    if (is_organisation(w[i - 1])) return true;
    if (i >= 2 && w[i - 1] == "parent" && is_organisation(w[i - 2])) return true;
  }
  return false;
}

bool IsCategoryWord(std::string_view word) {
  for (std::string_view category : {"type", "types", "status", "category", "kind", "code", "flag",
                                    "indicator", "count", "source", "method"}) {
    if (word == category) return true;
  }
  return false;
}

// The hints a category column can still carry.
NameHint CategoryHint(const std::vector<std::string>& w) {
  if (HasHealthWord(w) || IsSenNeedCategory(w)) return NameHint::kSensitive;
  if (HasOriginWord(w)) return NameHint::kNationality;
  if (HasAny(w, {"sex", "gender"})) return NameHint::kSex;
  return NameHint::kNone;
}

}  // namespace

std::vector<std::string> NameWords(std::string_view name) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) words.push_back(std::move(word));
    word.clear();
  };
  for (size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (!std::isalnum(c)) {
      flush();
      continue;
    }
    const bool upper_after_lower =
        std::isupper(c) && i > 0 && std::islower(static_cast<unsigned char>(name[i - 1]));
    if (upper_after_lower) flush();
    word.push_back(static_cast<char>(std::tolower(c)));
  }
  flush();
  return words;
}

NameHint HintFromName(std::string_view name) {
  const auto w = NameWords(name);
  if (w.empty()) return NameHint::kNone;
  if (HasAny(w, {"json", "jsonb"})) return NameHint::kJson;
  // `addr_address_type`, `phone_status`: about a personal value, not one itself.
  const bool categorical = IsCategoryWord(w.back());
  if (categorical) return CategoryHint(w);
  if (HasAny(w, {"nhs", "chi"})) return NameHint::kNhsNumber;
  if (HasAny(w, {"upn", "uln"}) || HasPair(w, "pupil", "number")) return NameHint::kUpn;
  if (HasAny(w, {"nino", "ni"}) || HasPair(w, "national", "insurance")) {
    return NameHint::kNiNumber;
  }
  if (HasAny(w, {"email", "mail"}) || HasPair(w, "e", "mail")) return NameHint::kEmail;
  if (HasAny(w, {"phone", "telephone", "tel", "mobile", "fax"})) return NameHint::kPhone;
  if (HasAny(w, {"postcode", "zip", "postal"}) || HasPair(w, "post", "code")) {
    return NameHint::kPostcode;
  }
  if (HasAny(w, {"ip"})) return NameHint::kIpAddress;
  // `clah_health_check_id`, `disability_id`: a key, whatever it is about.
  if (IsIdWord(w.back()) || w.back() == "identifier") return NameHint::kIdentifier;
  if (HasAny(w, {"dob"}) || HasPair(w, "birth", "date") || HasPair(w, "date", "birth") ||
      HasAny(w, {"birthdate", "birthday"})) {
    return NameHint::kDateOfBirth;
  }
  if (HasAny(w, {"forename", "forenames", "firstname", "given"}) || HasPair(w, "first", "name")) {
    return NameHint::kFirstName;
  }
  if (HasAny(w, {"surname", "lastname"}) || HasPair(w, "last", "name") ||
      HasPair(w, "family", "name")) {
    return NameHint::kLastName;
  }
  if (HasAny(w, {"town", "city"})) return NameHint::kTown;
  if (HasAny(w, {"address", "addr", "street"})) return NameHint::kAddress;
  if (HasHealthWord(w)) return NameHint::kSensitive;
  if (HasOriginWord(w)) return NameHint::kNationality;
  if (HasAny(w, {"sex", "gender"})) return NameHint::kSex;
  if (HasAny(w, {"desc", "description", "notes", "note", "comment", "comments", "narrative", "text",
                 "summary", "details", "reason", "observations"})) {
    return NameHint::kFreeText;
  }
  if (NamesAnOrganisation(w)) return NameHint::kOrganisation;
  if (Has(w, "name") || Has(w, "names")) return NameHint::kFullName;
  // "time" is a date only as the last word: `full_time_equivalency` is a number.
  if (HasAny(w, {"date", "dt", "dttm", "timestamp", "datetime"}) || w.back() == "time") {
    return NameHint::kDate;
  }
  return NameHint::kNone;
}

std::string EntityFromName(std::string_view name) {
  const auto w = NameWords(name);
  for (size_t i = w.size(); i-- > 0;) {
    // A URN (unique reference number) is a number of one register, wherever it is found,
    // and so is a UPRN (a property's).
    if (w[i] == "urn" || w[i] == "uprn") return w[i];
    if (i > 0 && IsIdWord(w[i])) return w[i - 1];
  }
  return "";
}

std::string_view NameHintLabel(NameHint hint) {
  static constexpr std::array<std::pair<NameHint, std::string_view>, 22> kLabels = {{
      {NameHint::kNone, "nothing"},
      {NameHint::kIdentifier, "an identifier"},
      {NameHint::kFirstName, "a first name"},
      {NameHint::kLastName, "a surname"},
      {NameHint::kFullName, "a name"},
      {NameHint::kEmail, "an e-mail address"},
      {NameHint::kPhone, "a phone number"},
      {NameHint::kPostcode, "a postcode"},
      {NameHint::kAddress, "an address"},
      {NameHint::kTown, "a town or city"},
      {NameHint::kNhsNumber, "an NHS number"},
      {NameHint::kUpn, "a UPN"},
      {NameHint::kNiNumber, "an NI number"},
      {NameHint::kIpAddress, "an IP address"},
      {NameHint::kDateOfBirth, "a date of birth"},
      {NameHint::kDate, "a date"},
      {NameHint::kSex, "sex or gender"},
      {NameHint::kSensitive, "a special category"},
      {NameHint::kNationality, "a nationality or immigration status"},
      {NameHint::kOrganisation, "the name of a team or organisation"},
      {NameHint::kFreeText, "free text"},
      {NameHint::kJson, "JSON documents"},
  }};
  for (const auto& [h, label] : kLabels) {
    if (h == hint) return label;
  }
  return "nothing";
}

std::string_view FakeForHint(NameHint hint) {
  switch (hint) {
    case NameHint::kFirstName:
      return "first_name";
    case NameHint::kLastName:
      return "last_name";
    case NameHint::kFullName:
      return "full_name";
    case NameHint::kEmail:
      return "email";
    case NameHint::kPhone:
      return "phone";
    case NameHint::kPostcode:
      return "postcode";
    case NameHint::kAddress:
      return "address_line";
    case NameHint::kTown:
      return "city";
    case NameHint::kNhsNumber:
      return "nhs_number";
    case NameHint::kUpn:
      return "upn";
    case NameHint::kNiNumber:
      return "ni_number";
    case NameHint::kIpAddress:
      return "ip";
    default:
      return "";
  }
}

}  // namespace veil::scan
