// Properties every built-in fake kind must have: listed in the catalog, deterministic,
// appending, non-empty, within TEST_MaxLength.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "transforms/fakes/fake_test_support.h"

namespace veil {
namespace {

using testing::Catalog;
using testing::TestDigests;

// Originals of several shapes, so format-keeping kinds take every branch.
const char* const kOriginals[] = {"x",
                                  "Freya Taylor",
                                  "943 476 5919",
                                  "AB 12 34 56 C",
                                  "2001-02-03",
                                  "03/02/2001 10:11:12",
                                  "2001-02-03T10:11:12.123456789+01:00 and some more text",
                                  "2001-02-03 10:11:12.123456789012345678901234567890",
                                  "2001-02-03 10:11:12.1234567890123456789012345678901",
                                  "not a date at all"};

TEST(FakeCatalogTest, ListsEveryKindOnce) {
  const std::vector<std::string> expected = {
      "address_line", "city",  "date_of_birth", "email",  "first_name",
      "full_name",    "ip",    "last_name",     "mobile", "nhs_number",
      "ni_number",    "phone", "postcode",      "upn",    "username"};
  EXPECT_EQ(Catalog().Names(), expected);
  for (const std::string& name : expected) {
    const FakeKind* kind = Catalog().Find(name);
    ASSERT_NE(kind, nullptr) << name;
    EXPECT_EQ(kind->name(), name);
  }
  EXPECT_EQ(Catalog().Find("no_such_kind"), nullptr);
  EXPECT_EQ(Catalog().Find(""), nullptr);
}

TEST(FakeCatalogTest, EveryKindIsDeterministicAcrossCatalogs) {
  const auto other = FakeCatalog::Builtin();
  ASSERT_TRUE(other.ok()) << other.status().message();
  for (const std::string& name : Catalog().Names()) {
    const FakeKind& a = *Catalog().Find(name);
    const FakeKind& b = *other.value()->Find(name);
    for (size_t i = 0; i < 500; ++i) {
      const Digest& d = TestDigests()[i];
      for (const char* original : kOriginals) {
        std::string first, second, third;
        a.Generate(d, original, first);
        a.Generate(d, original, second);
        b.Generate(d, original, third);
        ASSERT_EQ(first, second) << name;
        ASSERT_EQ(first, third) << name;
      }
    }
  }
}

TEST(FakeCatalogTest, EveryKindAppendsNonEmptyValuesWithinMaxLength) {
  for (const std::string& name : Catalog().Names()) {
    const FakeKind& kind = *Catalog().Find(name);
    size_t longest = 0;
    for (const char* original : kOriginals) {
      for (const Digest& d : TestDigests()) {
        std::string out = "prefix";
        kind.Generate(d, original, out);
        ASSERT_EQ(out.compare(0, 6, "prefix"), 0) << name << " must append";
        const size_t length = out.size() - 6;
        ASSERT_GT(length, 0u) << name;
        ASSERT_LE(length, kind.TEST_MaxLength()) << name << " for " << original;
        longest = std::max(longest, length);
      }
    }
    // The bound is honest, not merely large.
    EXPECT_GE(longest * 2, kind.TEST_MaxLength()) << name;
  }
}

TEST(FakeCatalogTest, DifferentDigestsGiveDifferentValues) {
  for (const std::string& name : Catalog().Names()) {
    const auto values = testing::GenerateAll(*Catalog().Find(name), "2001-02-03");
    EXPECT_GT(testing::DistinctCount(values), 50u) << name;
  }
}

// Not a pass/fail test: reports the cost of one value per kind. Each of several rounds
// times 10,000 values; the fastest round is reported, to damp noise from a busy machine.
TEST(FakeSpeed, ReportsNanosecondsPerValue) {
  constexpr int kRounds = 20;
  for (const std::string& name : Catalog().Names()) {
    const FakeKind& kind = *Catalog().Find(name);
    const char* original = name == "date_of_birth" ? "2001-02-03" : "943 476 5919";
    std::string out;
    size_t total_length = 0;
    double best_ns = 1e9;
    for (int round = 0; round < kRounds; ++round) {
      const auto start = std::chrono::steady_clock::now();
      for (const Digest& d : TestDigests()) {
        out.clear();
        kind.Generate(d, original, out);
        total_length += out.size();
      }
      const auto elapsed = std::chrono::steady_clock::now() - start;
      best_ns = std::min(best_ns, std::chrono::duration<double, std::nano>(elapsed).count() /
                                      static_cast<double>(TestDigests().size()));
    }
    std::printf("[ speed    ] %-14s %6.1f ns/value (%zu bytes)\n", name.c_str(), best_ns,
                total_length);
  }
}

}  // namespace
}  // namespace veil
