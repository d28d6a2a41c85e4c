// Strong and weak originals: which original values of identifying columns are specific
// enough to be searched for inside every cell of the copy, including cells a rule
// produced (fakes, pseudonyms...), and which only as a whole value there.
//
// A weak original, such as a first name ("Ann", "Oliver") or a surname, may be a token of
// an honest fake by chance ("Ann Smith" is a fine fake full name), so in a rule-produced
// cell only the whole value counts. A strong original cannot turn up inside a fake or a
// pseudonym by chance: an e-mail address, a phone number, an NHS number, a UPN, an NI
// number, a postcode, an identifier. Finding one inside any cell is a leak.
//
// Pure functions of their arguments: no allocation beyond `scratch`, safe from any thread.
#pragma once

#include <string>
#include <string_view>

namespace veil {

// True if `value` (an original cell, as read) is a strong original. `identifier_column`:
// the value comes from a pseudonymised column (an identifier or key). The value is
// trimmed of ASCII whitespace, then strong when it is:
//   * an e-mail address: one '@' between a non-empty local part and a domain with a dot,
//     no whitespace;
//   * a UK phone number: digits with optional spaces, '-', '(' and ')', starting with 0
//     (or +44 / 0044 for the 0) and 10 or 11 digits long, the second digit not 0;
//   * a valid NHS number (check digit), a valid UPN (check letter), a well-formed NI
//     number or a well-formed UK postcode (with or without its space), in either letter
//     case (core/uk_identifiers.h);
//   * an identifier: one token (no whitespace after normalisation), at least 6 characters,
//     not shaped like a date (verify/leak/pattern_filter.h), and holding a digit — or,
//     from an identifier column, letters only too.
// Everything else is weak: names, words, several words, short values, dates.
// `scratch` is working space, reused between calls.
bool IsStrongOriginal(std::string_view value, bool identifier_column, std::string& scratch);

}  // namespace veil
