// IsStrongOriginal: which originals are searched inside every cell of the copy.
#include "verify/leak/strong_original.h"

#include <gtest/gtest.h>

#include <string>

#include "core/uk_identifiers.h"

namespace veil {
namespace {

bool Strong(std::string_view value, bool identifier_column = false) {
  std::string scratch;
  return IsStrongOriginal(value, identifier_column, scratch);
}

TEST(StrongOriginalTest, EmailAddressesAreStrong) {
  EXPECT_TRUE(Strong("jane.smith@x.org"));
  EXPECT_TRUE(Strong("  Jane.Smith@Mail.NHS.uk "));
  EXPECT_TRUE(Strong("a@b.co"));
  EXPECT_FALSE(Strong("@x.org"));
  EXPECT_FALSE(Strong("jane@localhost"));
  EXPECT_FALSE(Strong("jane@x.org."));
  EXPECT_FALSE(Strong("jane smith@x.org"));
  EXPECT_FALSE(Strong("a@b@c.org"));
}

TEST(StrongOriginalTest, UkPhoneNumbersAreStrongInTheirUsualForms) {
  EXPECT_TRUE(Strong("020 7946 0123"));
  EXPECT_TRUE(Strong("(0113) 496 0000"));
  EXPECT_TRUE(Strong("07700 900123"));
  EXPECT_TRUE(Strong("+44 7700 900123"));
  EXPECT_TRUE(Strong("0044 113 496 0000"));
  EXPECT_TRUE(Strong("01632-960-001"));
  EXPECT_FALSE(Strong("+1 202 555 0100"));  // not a UK number, and several tokens
  EXPECT_FALSE(Strong("0 00 00"));
  EXPECT_FALSE(Strong("12 34 56"));         // not starting with 0
  EXPECT_FALSE(Strong("020 7946"));         // too few digits
  EXPECT_FALSE(Strong("00 7946 0123 45"));  // second digit 0
}

TEST(StrongOriginalTest, UkIdentifiersAreStrongInEitherCase) {
  EXPECT_TRUE(Strong("943 476 5919"));   // NHS number, spaced
  EXPECT_TRUE(Strong("9434765919"));     // compact (also an identifier token)
  EXPECT_FALSE(Strong("943 476 5918"));  // wrong check digit, several tokens
  EXPECT_TRUE(Strong("AB 12 34 56 C"));  // NI number, spaced
  EXPECT_TRUE(Strong("ab 12 34 56 c"));
  EXPECT_TRUE(Strong("LS6 1AB"));  // postcode
  EXPECT_TRUE(Strong("m1 1ae"));
  EXPECT_TRUE(Strong("M11AE"));  // without its space
  EXPECT_FALSE(Strong("LS6"));   // an outward code alone
  EXPECT_FALSE(Strong("LS6 1AC"));
}

TEST(StrongOriginalTest, UpnsAndCompactNiNumbersAreStrong) {
  // Both are one token with digits: strong by shape and as an identifier.
  const std::string upn = std::string(1, UpnCheckLetter("12345678901A")) + "12345678901A";
  ASSERT_TRUE(IsValidUpn(upn));
  EXPECT_TRUE(Strong(upn));
  EXPECT_TRUE(Strong("AB123456C"));
  EXPECT_TRUE(Strong("ab123456c"));
}

TEST(StrongOriginalTest, IdentifiersOfSixOrMoreCharactersWithADigitAreStrong) {
  EXPECT_TRUE(Strong("C100123"));
  EXPECT_TRUE(Strong("123456"));
  EXPECT_TRUE(Strong("ref-0042"));
  EXPECT_TRUE(Strong("Ｃ１２３４５"));  // fullwidth: normalised first
  EXPECT_FALSE(Strong("C1001"));        // five characters
  EXPECT_FALSE(Strong("12345"));
  EXPECT_FALSE(Strong("Flat 12b"));    // two tokens
  EXPECT_FALSE(Strong("2015-03-02"));  // a date
  EXPECT_FALSE(Strong("02/03/2015 10:30"));
}

TEST(StrongOriginalTest, NamesAndWordsAreWeak) {
  EXPECT_FALSE(Strong("Ann"));
  EXPECT_FALSE(Strong("Oliver"));
  EXPECT_FALSE(Strong("Bartholomew"));
  EXPECT_FALSE(Strong("Jane Smith"));
  EXPECT_FALSE(Strong("Zoë-Fenwick"));
  EXPECT_FALSE(Strong("   "));
  EXPECT_FALSE(Strong(""));
}

TEST(StrongOriginalTest, AnIdentifierColumnMakesLongSingleTokensStrong) {
  EXPECT_TRUE(Strong("HRTLEYAB", true));
  EXPECT_TRUE(Strong("jsmith", true));
  EXPECT_FALSE(Strong("jsmith"));
  EXPECT_FALSE(Strong("jsmit", true));       // five characters
  EXPECT_FALSE(Strong("Jane Smith", true));  // two tokens
  EXPECT_FALSE(Strong("2015-03-02", true));  // a date
}

}  // namespace
}  // namespace veil
