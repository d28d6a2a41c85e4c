#include "verify/checks/unkeyed_hash_check.h"

#include <openssl/evp.h>

#include "verify/checks/check_fixture.h"

namespace veil {
namespace {

using testing::Cells;
using testing::CheckFixture;

constexpr const char* kPolicy = R"(version: 1
entities:
  child: {pseudonym: {alphabet: hex, length: 16}}
tables:
  t:
    columns:
      id: {pseudonymise: child}
)";

std::string Md5Hex(const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest, &length, EVP_md5(), nullptr);
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex += "0123456789abcdef"[digest[i] >> 4];
    hex += "0123456789abcdef"[digest[i] & 15];
  }
  return hex;
}

TEST(UnkeyedHashCheckTest, WarnsOfUpperCaseTruncatedMd5) {
  CheckFixture f(kPolicy, {"id"});
  Cells original, copy;
  for (int i = 0; i < 30; ++i) {
    original.push_back("ID" + std::to_string(1000 + i));
    std::string hex = Md5Hex(*original.back()).substr(0, 10);
    for (char& c : hex) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    copy.push_back(hex);
  }
  UnkeyedHashCheck check(f.plan());
  const auto findings = f.Run(check, {original}, {copy});
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].severity, Severity::kWarning);
  EXPECT_EQ(findings[0].column, "id");
  EXPECT_EQ(findings[0].rows.size(), 20u);
  EXPECT_NE(findings[0].detail.find("MD5"), std::string::npos);
}

TEST(UnkeyedHashCheckTest, KeyedLookingValuesPass) {
  CheckFixture f(kPolicy, {"id"});
  Cells original, copy;
  for (int i = 0; i < 30; ++i) {
    original.push_back("ID" + std::to_string(1000 + i));
    copy.push_back(Md5Hex("salt:" + *original.back()).substr(0, 16));
  }
  UnkeyedHashCheck check(f.plan());
  EXPECT_TRUE(f.Run(check, {original}, {copy}).empty());
}

}  // namespace
}  // namespace veil
