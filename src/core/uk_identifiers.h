// UK identifier checks: pure predicates on text that say whether a value has the shape and
// check character of a UK identifier, and whether it lies in a range that is never issued
// to (or never reaches) a real person. The fakes are built to pass the "never issued" /
// "reserved" checks; the output verifier uses them to prove that a fake column holds no
// real identifiers. They live in core because neither owns them.
//
// Every function is a pure function of its argument: no randomness, no allocation, no
// locale, safe from any thread. Malformed input gives false (or '\0' / -1), never UB.
#pragma once

#include <string_view>

namespace veil {

// --- NHS numbers --------------------------------------------------------------------

// The mod-11 check digit (0-9) for nine ASCII digits, or -1 when no NHS number can start
// with them (the check would be 10) or the input is not nine digits.
int NhsCheckDigit(std::string_view nine_digits);

// Ten digits with a correct check digit, written compact ("9434765919") or in 3-3-4
// groups separated by single spaces ("943 476 5919").
bool IsValidNhsNumber(std::string_view text);

// A valid NHS number in the 999 range, which is never issued to patients.
bool IsNeverIssuedNhsNumber(std::string_view text);

// --- Unique Pupil Numbers (DfE) -----------------------------------------------------

// The check letter for the twelve characters that follow it in a UPN: eleven digits and a
// final digit or letter (a temporary UPN). '\0' if the input has any other shape.
char UpnCheckLetter(std::string_view twelve_chars);

// Thirteen characters: a check letter, eleven digits, and a final digit or (temporary
// UPN) a letter from the check alphabet, with the check letter correct. Upper case only.
bool IsValidUpn(std::string_view text);

// --- National Insurance numbers ----------------------------------------------------

// Two letters, six digits and a suffix A-D, compact ("AB123456C") or spaced as
// "AB 12 34 56 C". Upper case only. Says nothing about whether the prefix is issued.
bool IsValidNiNumberFormat(std::string_view text);

// A well-formed NI number whose prefix HMRC never issues: BG, GB, KN, NK, NT, TN, ZZ, a
// first letter D F I Q U V, or a second letter D F I O Q U V.
bool IsNeverIssuedNiNumber(std::string_view text);

// --- Contact details ---------------------------------------------------------------

// A UK number inside one of Ofcom's ranges reserved for drama (07700 900xxx, 01632
// 960xxx, 020 7946 0xxx, 0117 496 0xxx, ...). Spaces anywhere are ignored; the number may
// start with 0 or +44.
bool IsOfcomDramaNumber(std::string_view text);

// An address "local@domain" whose domain is reserved by RFC 2606: example.com, .org or
// .net (or a subdomain of them), or any name under the .test, .example or .invalid TLDs.
// Case-insensitive.
bool IsReservedEmailDomain(std::string_view email);

// An IPv4 address in a documentation block (192.0.2.0/24, 198.51.100.0/24,
// 203.0.113.0/24) or an IPv6 address in 2001:db8::/32, in standard text form.
bool IsDocumentationIp(std::string_view text);

// --- Postcodes -----------------------------------------------------------------------

// An outward code (A9, A99, A9A, AA9, AA99 or AA9A), one space, and an inward code: a
// digit and two letters from ABDEFGHJLNPQRSTUWXYZ. Upper case only. Does not check that
// the outward code exists.
bool IsWellFormedUkPostcode(std::string_view text);

}  // namespace veil
