#include "core/secret.h"

#include <gtest/gtest.h>

#include "core/row_stream.h"

namespace veil {
namespace {

TEST(SecretTest, ShortSecretsAreRefusedWithoutEchoingThem) {
  auto secret = Secret::FromBytes("hunter2");
  ASSERT_FALSE(secret.ok());
  EXPECT_EQ(secret.status().message().find("hunter2"), std::string::npos);
}

TEST(SecretTest, FingerprintIdentifiesWithoutRevealing) {
  const auto a = Secret::FromBytes("0123456789abcdef-one").value().Fingerprint();
  EXPECT_EQ(a, Secret::FromBytes("0123456789abcdef-one").value().Fingerprint());
  EXPECT_NE(a, Secret::FromBytes("0123456789abcdef-two").value().Fingerprint());
  EXPECT_EQ(a.size(), 16u);
  EXPECT_EQ(a.find("0123"), std::string::npos);
}

TEST(SecretTest, EphemeralSecretsDifferEveryTime) {
  const auto a = Secret::Ephemeral().value();
  const auto b = Secret::Ephemeral().value();
  EXPECT_TRUE(a.ephemeral());
  EXPECT_NE(a.Fingerprint(), b.Fingerprint());
}

TEST(RowStreamTest, WordsDependOnRowNotOnBatching) {
  Digest key{};
  key[0] = 7;
  RowStream stream(key);
  std::vector<uint64_t> whole, first, second;
  stream.Fill(1, 100, whole);
  stream.Fill(1, 40, first);
  stream.Fill(41, 60, second);
  first.insert(first.end(), second.begin(), second.end());
  EXPECT_EQ(whole, first);
  EXPECT_NE(whole[0], whole[1]);
  Digest other = key;
  other[1] = 1;
  std::vector<uint64_t> different;
  RowStream(other).Fill(1, 100, different);
  EXPECT_NE(whole, different);
}

}  // namespace
}  // namespace veil
