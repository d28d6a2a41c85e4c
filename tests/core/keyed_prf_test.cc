#include "core/keyed_prf.h"

#include <gtest/gtest.h>

namespace veil {
namespace {

Digest KeyOf(uint8_t fill) {
  Digest key;
  key.fill(fill);
  return key;
}

TEST(KeyedPrfTest, MatchesRfc4231StyleHmac) {
  // HMAC-SHA-256 with key = 32 bytes of 0x0b and message "Hi There" (computed with
  // `openssl dgst -sha256 -mac HMAC -macopt hexkey:0b...0b`).
  KeyedPrf prf(KeyOf(0x0b));
  Digest d = prf.Compute("Hi There");
  char hex[65];
  for (size_t i = 0; i < 32; ++i) snprintf(hex + 2 * i, 3, "%02x", d[i]);
  EXPECT_STREQ(hex, "198a607eb44bfbc69903a0f1cf2bbdc5ba0aa3f3d9ae3c1c7a3b1696a0b68cf7");
}

TEST(KeyedPrfTest, DerivedKeysAreIndependent) {
  KeyedPrf root(KeyOf(1));
  EXPECT_NE(root.Derive("a").TEST_Compute64("x"), root.Derive("b").TEST_Compute64("x"));
  EXPECT_EQ(root.Derive("a").TEST_Compute64("x"), root.Derive("a").TEST_Compute64("x"));
  EXPECT_NE(KeyedPrf(KeyOf(2)).TEST_Compute64("x"), root.TEST_Compute64("x"));
}

TEST(KeyedPrfTest, UniformBelowStaysInRange) {
  EXPECT_EQ(UniformBelow(0, 10), 0u);
  EXPECT_EQ(UniformBelow(~0ull, 10), 9u);
}

}  // namespace
}  // namespace veil
