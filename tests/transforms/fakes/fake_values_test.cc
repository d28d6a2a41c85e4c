// Each fake kind, drawn 10,000 times: every value passes its validator, and the values
// spread over the reference data.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "core/uk_identifiers.h"
#include "transforms/fakes/fake_test_support.h"
#include "transforms/fakes/reference_tables.h"

namespace veil {
namespace {

using testing::DistinctCount;
using testing::GenerateAll;
using testing::Kind;

std::set<std::string> FirstNames() {
  std::set<std::string> names;
  for (const char* file : {"first_names_male.txt", "first_names_female.txt"}) {
    for (const std::string& n : testing::EmbeddedLines(file)) names.insert(n);
  }
  return names;
}

std::set<std::string> Surnames() {
  return testing::EmbeddedColumn("last_names_weighted.csv", 0);
}

// The shape of `v`: digits become '9', upper-case letters 'A', and each run of lower-case
// letters a single 'a' ("12 Oak Road" -> "99 Aa Aa"). Test helper instead of <regex>.
std::string Shape(std::string_view v) {
  std::string shape;
  for (char c : v) {
    const auto u = static_cast<unsigned char>(c);
    const char s = std::isdigit(u) ? '9' : std::isupper(u) ? 'A' : std::islower(u) ? 'a' : c;
    if (s != 'a' || shape.empty() || shape.back() != 'a') shape.push_back(s);
  }
  return shape;
}

void ExpectShapes(const std::vector<std::string>& values, const std::set<std::string>& shapes) {
  for (const std::string& v : values) ASSERT_TRUE(shapes.count(Shape(v))) << v;
}

TEST(FakeNamesTest, FirstNamesComeFromBothListsUniformly) {
  const auto names = FirstNames();
  const auto values = GenerateAll(Kind("first_name"), "Freya");
  for (const std::string& v : values) ASSERT_TRUE(names.count(v)) << v;
  EXPECT_GT(DistinctCount(values), 300u);  // 364 names, ~27 draws each
  EXPECT_TRUE(std::count(values.begin(), values.end(), "David") > 0 ||
              std::count(values.begin(), values.end(), "Paul") > 0);
}

TEST(FakeNamesTest, LastNamesFollowTheirWeights) {
  const auto names = Surnames();
  const auto values = GenerateAll(Kind("last_name"), "Taylor");
  std::map<std::string, size_t> counts;
  for (const std::string& v : values) {
    ASSERT_TRUE(names.count(v)) << v;
    ++counts[v];
  }
  EXPECT_GT(counts.size(), 300u);
  // Smith weighs 1.15 of 39.51 (about 291 expected); Allan 0.03 (about 8).
  EXPECT_GT(counts["Smith"], 200u);
  EXPECT_LT(counts["Smith"], 400u);
  EXPECT_LT(counts["Allan"], 40u);
}

TEST(FakeNamesTest, FullNameIsFirstSpaceLast) {
  const auto first = FirstNames();
  const auto last = Surnames();
  const auto values = GenerateAll(Kind("full_name"), "Freya Taylor");
  for (const std::string& v : values) {
    const size_t space = v.find(' ');
    ASSERT_NE(space, std::string::npos) << v;
    ASSERT_TRUE(first.count(v.substr(0, space))) << v;
    ASSERT_TRUE(last.count(v.substr(space + 1))) << v;
  }
  EXPECT_GT(DistinctCount(values), 9000u);
}

TEST(FakeContactTest, EmailsUseReservedDomains) {
  const auto values = GenerateAll(Kind("email"), "freya.taylor0@mailbox.co.uk");
  ExpectShapes(values, {"a.a@a.a", "a.a99@a.a"});
  std::set<std::string> domains;
  size_t numbered = 0;
  for (const std::string& v : values) {
    ASSERT_TRUE(IsReservedEmailDomain(v)) << v;
    domains.insert(v.substr(v.find('@') + 1));
    numbered += std::isdigit(static_cast<unsigned char>(v[v.find('@') - 1])) ? 1 : 0;
  }
  EXPECT_EQ(domains.size(), 6u);
  EXPECT_GT(numbered, 4000u);
  EXPECT_LT(numbered, 6000u);
  EXPECT_GT(DistinctCount(values), 9000u);
}

TEST(FakeContactTest, PhonesAreOfcomDramaLandlines) {
  const auto values = GenerateAll(Kind("phone"), "0113 123 4567");
  ExpectShapes(values, {"99999 999999", "9999 999 9999", "999 9999 9999"});
  std::set<std::string> areas;
  for (const std::string& v : values) {
    ASSERT_TRUE(IsOfcomDramaNumber(v)) << v;
    areas.insert(v.substr(0, v.find(' ')));
  }
  EXPECT_EQ(areas.size(), 16u);
  EXPECT_GT(DistinctCount(values), 7000u);
}

TEST(FakeContactTest, MobilesAreOfcomDramaMobiles) {
  const auto values = GenerateAll(Kind("mobile"), "07181590830");
  ExpectShapes(values, {"99999 999999"});
  for (const std::string& v : values) {
    ASSERT_EQ(v.substr(0, 9), "07700 900") << v;
    ASSERT_TRUE(IsOfcomDramaNumber(v)) << v;
  }
  EXPECT_GT(DistinctCount(values), 900u);
}

TEST(FakeContactTest, UsernamesAreNameInitialDigits) {
  const auto values = GenerateAll(Kind("username"), "ftaylor");
  ExpectShapes(values, {"a99", "a999", "a9999"});
  std::set<size_t> digit_counts;
  for (const std::string& v : values) {
    const size_t first_digit = v.find_first_of("0123456789");
    digit_counts.insert(v.size() - first_digit);
  }
  EXPECT_EQ(digit_counts, (std::set<size_t>{2, 3, 4}));
  EXPECT_GT(DistinctCount(values), 9000u);
}

TEST(FakeContactTest, IpsAreInDocumentationBlocks) {
  const auto values = GenerateAll(Kind("ip"), "10.1.2.3");
  for (const std::string& v : values) ASSERT_TRUE(IsDocumentationIp(v)) << v;
  std::set<std::string> blocks;
  for (const std::string& v : values) blocks.insert(v.substr(0, v.rfind('.')));
  EXPECT_EQ(blocks.size(), 3u);
  EXPECT_GT(DistinctCount(values), 700u);
}

TEST(FakeAddressTest, PostcodesHaveRealOutwardCodes) {
  const auto outward = testing::EmbeddedColumn("outward_codes.csv", 0);
  const auto values = GenerateAll(Kind("postcode"), "LS6 2AB");
  for (const std::string& v : values) {
    ASSERT_TRUE(IsWellFormedUkPostcode(v)) << v;
    ASSERT_TRUE(outward.count(v.substr(0, v.find(' ')))) << v;
  }
  EXPECT_GT(DistinctCount(values), 9000u);
}

TEST(FakeAddressTest, CitiesAreRealTownsInTitleCase) {
  const auto towns = testing::EmbeddedColumn("outward_codes.csv", 1);
  const auto values = GenerateAll(Kind("city"), "Leeds");
  for (const std::string& v : values) {
    std::string upper = v;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    ASSERT_TRUE(towns.count(upper)) << v;
    ASSERT_TRUE(std::isupper(static_cast<unsigned char>(v[0]))) << v;
    ASSERT_NE(v, upper) << v;  // title case ("Y Felinheli", "St Albans"), not capitals
  }
  EXPECT_GT(DistinctCount(values), 300u);
}

TEST(FakeAddressTest, TownTitleCaseKeepsJoiningWordsLower) {
  EXPECT_EQ(TownTitleCase("ST ALBANS"), "St Albans");
  EXPECT_EQ(TownTitleCase("STOKE-ON-TRENT"), "Stoke-on-Trent");
  EXPECT_EQ(TownTitleCase("NEWCASTLE UPON TYNE"), "Newcastle upon Tyne");
  EXPECT_EQ(TownTitleCase("BISHOP'S STORTFORD"), "Bishop's Stortford");
  EXPECT_EQ(TownTitleCase("BETWS-Y-COED"), "Betws-y-Coed");
  EXPECT_EQ(TownTitleCase("LEEDS"), "Leeds");
}

TEST(FakeAddressTest, AddressLinesAreNumberStreetSuffix) {
  const auto values = GenerateAll(Kind("address_line"), "12 High Street");
  ExpectShapes(values, {"9 Aa Aa", "99 Aa Aa", "999 Aa Aa"});
  std::set<int> numbers;
  for (const std::string& v : values) numbers.insert(std::stoi(v));
  EXPECT_EQ(*numbers.begin(), 1);
  EXPECT_EQ(*numbers.rbegin(), 199);
  EXPECT_GT(DistinctCount(values), 9000u);
}

TEST(FakeIdentifierTest, NhsNumbersAreNeverIssuedAndKeepSpacing) {
  const auto compact = GenerateAll(Kind("nhs_number"), "9434765919");
  const auto spaced = GenerateAll(Kind("nhs_number"), "943 476 5919");
  for (size_t i = 0; i < compact.size(); ++i) {
    ASSERT_TRUE(IsNeverIssuedNhsNumber(compact[i])) << compact[i];
    ASSERT_TRUE(IsNeverIssuedNhsNumber(spaced[i])) << spaced[i];
    ASSERT_EQ(compact[i].size(), 10u);
    ASSERT_EQ(spaced[i].size(), 12u);
    ASSERT_EQ(compact[i], spaced[i].substr(0, 3) + spaced[i].substr(4, 3) + spaced[i].substr(8));
  }
  EXPECT_GT(DistinctCount(compact), 9900u);
}

TEST(FakeIdentifierTest, UpnsArePermanentAndValid) {
  const auto values = GenerateAll(Kind("upn"), "A123456789012");
  for (const std::string& v : values) {
    ASSERT_TRUE(IsValidUpn(v)) << v;
    ASSERT_EQ(v[1], '1') << v;  // LA number 100-199, below those DfE assigns
    ASSERT_TRUE(std::isdigit(static_cast<unsigned char>(v[12]))) << v;
  }
  EXPECT_GT(DistinctCount(values), 9900u);
  std::set<char> letters;
  for (const std::string& v : values) letters.insert(v[0]);
  EXPECT_EQ(letters.size(), 23u);
}

TEST(FakeIdentifierTest, NiNumbersAreNeverIssuedAndKeepSpacing) {
  const auto compact = GenerateAll(Kind("ni_number"), "QQ123456C");
  const auto spaced = GenerateAll(Kind("ni_number"), "QQ 12 34 56 C");
  std::set<std::string> prefixes;
  std::set<char> suffixes;
  for (size_t i = 0; i < compact.size(); ++i) {
    ASSERT_TRUE(IsNeverIssuedNiNumber(compact[i])) << compact[i];
    ASSERT_TRUE(IsNeverIssuedNiNumber(spaced[i])) << spaced[i];
    ASSERT_EQ(compact[i].size(), 9u);
    ASSERT_EQ(spaced[i].size(), 13u);
    prefixes.insert(compact[i].substr(0, 2));
    suffixes.insert(compact[i].back());
  }
  EXPECT_EQ(prefixes.size(), 7u);
  EXPECT_EQ(suffixes, (std::set<char>{'A', 'B', 'C', 'D'}));
  EXPECT_GT(DistinctCount(compact), 9900u);
}

}  // namespace
}  // namespace veil
