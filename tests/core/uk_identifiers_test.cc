#include "core/uk_identifiers.h"

#include <gtest/gtest.h>

namespace veil {
namespace {

TEST(UkNhsNumberTest, AcceptsCorrectCheckDigitCompactOrSpaced) {
  EXPECT_TRUE(IsValidNhsNumber("9434765919"));
  EXPECT_TRUE(IsValidNhsNumber("943 476 5919"));
  EXPECT_FALSE(IsValidNhsNumber("9434765918"));
  EXPECT_FALSE(IsValidNhsNumber("943 476 5918"));
}

TEST(UkNhsNumberTest, RejectsOtherShapes) {
  for (const char* bad : {"", "943476591", "94347659190", "943-476-5919", "943 4765919",
                          "9434 76 5919", "943 476 591a", " 9434765919", "abcdefghij"}) {
    EXPECT_FALSE(IsValidNhsNumber(bad)) << bad;
  }
}

TEST(UkNhsNumberTest, CheckDigitEdgeCases) {
  // 9*10 + 9*9 + 9*8 = 243 = 1 (mod 11): the check would be 10, so no number is valid.
  EXPECT_EQ(NhsCheckDigit("999000000"), -1);
  for (char last = '0'; last <= '9'; ++last) {
    EXPECT_FALSE(IsValidNhsNumber(std::string("999000000") + last));
  }
  // 243 + 5*2 = 253 = 0 (mod 11): the check 11 is written as 0.
  EXPECT_EQ(NhsCheckDigit("999000005"), 0);
  EXPECT_TRUE(IsValidNhsNumber("9990000050"));
  EXPECT_EQ(NhsCheckDigit("943476591"), 9);
  EXPECT_EQ(NhsCheckDigit("94347659"), -1);
  EXPECT_EQ(NhsCheckDigit("94347659x"), -1);
}

TEST(UkNhsNumberTest, NeverIssuedMeansValidAnd999) {
  EXPECT_TRUE(IsNeverIssuedNhsNumber("9990000050"));
  EXPECT_TRUE(IsNeverIssuedNhsNumber("999 000 0050"));
  EXPECT_FALSE(IsNeverIssuedNhsNumber("9990000051"));  // wrong check digit
  EXPECT_FALSE(IsNeverIssuedNhsNumber("9434765919"));  // valid, but issuable
}

TEST(UkUpnTest, CheckLetterOfHandBuiltUpns) {
  // 2*2 + 0*3 + 1*4 + 1*5 + 2*6 + 3*7 + 4*8 + 1*9 + 2*10 + 0*11 + 0*12 + 1*13 = 120;
  // 120 mod 23 = 5, the sixth letter of ABCDEFGHJKLMNPQRTUVWXYZ.
  EXPECT_EQ(UpnCheckLetter("201123412001"), 'F');
  EXPECT_TRUE(IsValidUpn("F201123412001"));
  EXPECT_FALSE(IsValidUpn("G201123412001"));
  // 8*2 + 1*4 + 2*5 + 5*10 + 1*13 = 93 = 1 (mod 23) -> B.
  EXPECT_EQ(UpnCheckLetter("801200005001"), 'B');
  EXPECT_TRUE(IsValidUpn("B801200005001"));
}

TEST(UkUpnTest, TemporaryUpnLetterCountsByItsAlphabetPosition) {
  // As above but the final 1 (x13) becomes A (value 0): 107 = 15 (mod 23) -> R.
  EXPECT_EQ(UpnCheckLetter("20112341200A"), 'R');
  EXPECT_TRUE(IsValidUpn("R20112341200A"));
  // Z has value 22: 107 + 22*13 = 393 = 2 (mod 23) -> C.
  EXPECT_EQ(UpnCheckLetter("20112341200Z"), 'C');
  EXPECT_EQ(UpnCheckLetter("20112341200I"), '\0');  // I, O and S are not in the alphabet
  EXPECT_EQ(UpnCheckLetter("20112341200S"), '\0');
}

TEST(UkUpnTest, RejectsOtherShapes) {
  for (const char* bad : {"", "F20112341200", "F2011234120011", "f201123412001", "F2011234A2001",
                          "F20112341200a", "I201123412001", "201123412001F"}) {
    EXPECT_FALSE(IsValidUpn(bad)) << bad;
  }
  EXPECT_EQ(UpnCheckLetter("2011234A2001"), '\0');
  EXPECT_EQ(UpnCheckLetter("20112341200"), '\0');
}

TEST(UkNiNumberTest, FormatCompactOrSpaced) {
  EXPECT_TRUE(IsValidNiNumberFormat("AB123456C"));
  EXPECT_TRUE(IsValidNiNumberFormat("AB 12 34 56 C"));
  EXPECT_TRUE(IsValidNiNumberFormat("ZZ000000D"));
  for (const char* bad : {"", "AB123456E", "AB12345C", "ab123456c", "AB 123456 C", "A1123456C",
                          "AB1234567C", "AB 12 34 56C", "AB-12-34-56-C"}) {
    EXPECT_FALSE(IsValidNiNumberFormat(bad)) << bad;
  }
}

TEST(UkNiNumberTest, NeverIssuedPrefixes) {
  for (const char* never : {"BG123456A", "GB123456B", "KN123456C", "NK123456D", "NT123456A",
                            "TN 12 34 56 B", "ZZ123456C", "DA123456A", "QQ123456C", "VA123456A",
                            "AO123456A", "AD123456B", "AV123456D"}) {
    EXPECT_TRUE(IsNeverIssuedNiNumber(never)) << never;
  }
  for (const char* issuable : {"AB123456C", "JG 10 37 59 A", "NA123456B"}) {
    EXPECT_FALSE(IsNeverIssuedNiNumber(issuable)) << issuable;
  }
  EXPECT_FALSE(IsNeverIssuedNiNumber("ZZ123456E"));  // never-issued prefix, bad suffix
  EXPECT_FALSE(IsNeverIssuedNiNumber("ZZ12345"));
}

TEST(UkPhoneTest, DramaRangesInAnyAcceptedWriting) {
  for (const char* drama :
       {"07700 900123",  "07700900123",   "+447700900123", "+44 7700 900123",  "07700 900000",
        "07700 900999",  "0117 496 0123", "01174960123",   "+44 117 496 0123", "020 7946 0999",
        "028 9649 6123", "029 2018 0000", "0191 498 0123", "01632 960999",     "0113 496 0000",
        "0161 496 0555", "0121 496 0001", "0131 496 0001", "0141 496 0001",    "0151 496 0001"}) {
    EXPECT_TRUE(IsOfcomDramaNumber(drama)) << drama;
  }
}

TEST(UkPhoneTest, OtherNumbersAreNotDrama) {
  for (const char* real :
       {"", "07700 901123", "0117 496 1123", "0191 496 0123", "01632 961000", "0117 496 012",
        "0117 496 01234", "020 7946 1000", "028 9649 7000", "+4407700900123", "0117-496-0123",
        "447700900123", "07912 345678", "01234 567890"}) {
    EXPECT_FALSE(IsOfcomDramaNumber(real)) << real;
  }
}

TEST(UkEmailTest, ReservedDomains) {
  for (const char* reserved :
       {"a.b@example.com", "a@EXAMPLE.ORG", "x@example.net", "x@mail.example.net", "x@foo.test",
        "x@foo.bar.invalid", "x@y.example", "x@test", "jo.smith42@Mailbox.TEST"}) {
    EXPECT_TRUE(IsReservedEmailDomain(reserved)) << reserved;
  }
  for (const char* real : {"", "x@example.co.uk", "x@notexample.com", "x@gmail.com", "@example.com",
                           "example.com", "x@example.com.", "x@test.com", "x@@example.com",
                           "x@.test", "x@foo..test", "x@example.com@gmail.com"}) {
    EXPECT_FALSE(IsReservedEmailDomain(real)) << real;
  }
}

TEST(UkIpTest, DocumentationBlocksOnly) {
  for (const char* doc :
       {"192.0.2.1", "192.0.2.0", "198.51.100.254", "203.0.113.7", "2001:db8::1", "2001:DB8:1::"}) {
    EXPECT_TRUE(IsDocumentationIp(doc)) << doc;
  }
  for (const char* real : {"", "192.0.3.1", "10.0.0.1", "8.8.8.8", "2001:db9::1", "192.0.2.256",
                           "192.0.2", "192.0.2.1 ", "::1", "203.0.113.01"}) {
    EXPECT_FALSE(IsDocumentationIp(real)) << real;
  }
}

TEST(UkPostcodeTest, WellFormed) {
  for (const char* good :
       {"SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "LS6 2AB", "W1A 0AX", "EC1A 1BB"}) {
    EXPECT_TRUE(IsWellFormedUkPostcode(good)) << good;
  }
  for (const char* bad : {"", "LS62AB", "LS6 2CB", "LS6 2AI", "ls6 2ab", "LS6  2AB", "1S6 2AB",
                          "LSS6 2AB", "LS6 2A", "LS6 2ABC", "LS 2AB", "LS666 2AB", "LS6 AAB"}) {
    EXPECT_FALSE(IsWellFormedUkPostcode(bad)) << bad;
  }
}

}  // namespace
}  // namespace veil
