// The value kinds a scan recognises, on values known to be valid and invalid.
#include "scan/value_kinds.h"

#include <gtest/gtest.h>

#include <arpa/inet.h>

#include <random>
#include <string>

#include "core/uk_identifiers.h"

namespace veil::scan {
namespace {

const ValueKind& Kind(std::string_view name) {
  for (const ValueKind& kind : ValueKinds()) {
    if (kind.name == name) return kind;
  }
  ADD_FAILURE() << "no kind " << name;
  return ValueKinds().front();
}

TEST(ValueKindsTest, NhsNumbersPassMod11AndNothingElse) {
  EXPECT_TRUE(Kind("nhs_number").matches("9434765919"));
  EXPECT_TRUE(Kind("nhs_number").matches("943 476 5919"));
  EXPECT_FALSE(Kind("nhs_number").matches("9434765918"));  // wrong check digit
  EXPECT_FALSE(Kind("nhs_number").matches("943476591"));
}

TEST(ValueKindsTest, UpnsAndNiNumbersInEitherCase) {
  EXPECT_TRUE(Kind("ni_number").matches("AB123456C"));
  EXPECT_TRUE(Kind("ni_number").matches("ab123456c"));
  EXPECT_FALSE(Kind("ni_number").matches("AB123456E"));
  const std::string twelve = "123456789012";
  const char check = UpnCheckLetter(twelve);
  ASSERT_NE(check, '\0');
  const std::string upn = std::string(1, check) + twelve;
  EXPECT_TRUE(Kind("upn").matches(upn));
  std::string lower = upn;
  lower[0] = static_cast<char>(lower[0] - 'A' + 'a');
  EXPECT_TRUE(Kind("upn").matches(lower));
  std::string wrong = upn;
  wrong[0] = check == 'A' ? 'B' : 'A';
  EXPECT_FALSE(Kind("upn").matches(wrong));
  EXPECT_FALSE(Kind("upn").matches("this is far too long to be a upn"));
}

TEST(ValueKindsTest, Postcodes) {
  EXPECT_TRUE(Kind("postcode").matches("LS6 4RT"));
  EXPECT_TRUE(Kind("postcode").matches("sw1a 1aa"));
  EXPECT_FALSE(Kind("postcode").matches("LS6 4CI"));  // C and I never end an inward code
  EXPECT_FALSE(Kind("postcode").matches("LS64RT9"));
}

TEST(ValueKindsTest, EmailAddresses) {
  EXPECT_TRUE(LooksLikeEmail("jane.smith@example.org"));
  EXPECT_TRUE(LooksLikeEmail("o'brien+care@council.gov.uk"));
  EXPECT_FALSE(LooksLikeEmail("@example.org"));
  EXPECT_FALSE(LooksLikeEmail("jane@localhost"));
  EXPECT_FALSE(LooksLikeEmail("jane smith@example.org"));
  EXPECT_FALSE(LooksLikeEmail("jane@exa..mple.org"));
  EXPECT_FALSE(LooksLikeEmail(std::string(300, 'a') + "@example.org"));
}

TEST(ValueKindsTest, UkPhoneNumbers) {
  EXPECT_TRUE(LooksLikeUkPhone("07700 900123"));
  EXPECT_TRUE(LooksLikeUkPhone("+44 7700 900123"));
  EXPECT_TRUE(LooksLikeUkPhone("(0113) 496-0000"));
  EXPECT_TRUE(LooksLikeUkPhone("020 7946 0000"));
  EXPECT_FALSE(LooksLikeUkPhone("12345"));
  EXPECT_FALSE(LooksLikeUkPhone("06700 900123"));  // no UK number starts 06
  EXPECT_FALSE(LooksLikeUkPhone("2023-01-15"));    // a date is not a phone number
  EXPECT_FALSE(LooksLikeUkPhone("0770090012345678901"));
}

TEST(ValueKindsTest, IpAddresses) {
  EXPECT_TRUE(LooksLikeIpAddress("192.0.2.1"));
  EXPECT_TRUE(LooksLikeIpAddress("2001:db8::1"));
  EXPECT_FALSE(LooksLikeIpAddress("256.1.1.1"));
  EXPECT_FALSE(LooksLikeIpAddress("1.2.3"));
  EXPECT_FALSE(LooksLikeIpAddress(std::string(100, '1')));
}

// LooksLikeIpAddress asks inet_pton only of texts that may be an address of the family
// asked: it agrees with asking both families of every text.
TEST(ValueKindsTest, IpAddressesAgreeWithInetPton) {
  auto reference = [](const std::string& text) {
    unsigned char address[16];
    return text.size() >= 2 && text.size() <= 45 &&
           (inet_pton(AF_INET, text.c_str(), address) == 1 ||
            inet_pton(AF_INET6, text.c_str(), address) == 1);
  };
  const std::string seeds[] = {"192.0.2.1",      "10.0.0.255",    "2001:db8::1",     "::1",  "::",
                               "::ffff:1.2.3.4", "fe80::1:2:3:4", "1:2:3:4:5:6:7:8", "1.2.3"};
  const std::string bytes = "0123456789abcdefABCDEF.:g ";
  std::mt19937 rng(29);
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  int addresses = 0, checked = 0;
  for (const std::string& seed : seeds) {
    for (int variant = 0; variant < 20000; ++variant) {
      std::string text = seed;
      for (size_t e = pick(4); e > 0; --e) {
        const size_t at = pick(text.size() + 1);
        if (pick(2) == 0 && at < text.size()) {
          text[at] = bytes[pick(bytes.size())];
        } else if (pick(2) == 0 && at < text.size()) {
          text.erase(at, 1);
        } else {
          text.insert(at, 1, bytes[pick(bytes.size())]);
        }
      }
      ++checked;
      const bool expected = reference(text);
      addresses += expected;
      ASSERT_EQ(LooksLikeIpAddress(text), expected) << "\"" << text << "\"";
    }
  }
  EXPECT_GT(addresses, checked / 20);  // valid and invalid both well represented
  EXPECT_LT(addresses, checked / 2);
}

TEST(ValueKindsTest, EveryKindNamesAFakeAndATest) {
  for (const ValueKind& kind : ValueKinds()) {
    EXPECT_FALSE(kind.fake.empty()) << kind.name;
    EXPECT_FALSE(kind.test.empty()) << kind.name;
    EXPECT_FALSE(kind.matches("")) << kind.name;
  }
}

}  // namespace
}  // namespace veil::scan
