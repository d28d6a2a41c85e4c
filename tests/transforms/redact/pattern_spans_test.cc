#include "transforms/redact/pattern_spans.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

namespace veil {
namespace {

// (kind name, text) of every span found, in order of start.
// The recognisers, compiled once for the whole test program (compiling takes ~0.5 s).
const std::shared_ptr<const PatternRecognisers>& Compiled() {
  static const auto compiled = PatternRecognisers::Compile();
  EXPECT_TRUE(compiled.ok()) << compiled.status().message();
  return compiled.value();
}

std::vector<std::pair<std::string, std::string>> Found(std::string_view text) {
  const auto& recognisers = Compiled();
  auto scratch = recognisers->NewScratch();
  EXPECT_TRUE(scratch.ok());
  std::vector<TextSpan> spans;
  EXPECT_TRUE(recognisers->Find(text, scratch.value(), spans));
  std::sort(spans.begin(), spans.end(), [](const TextSpan& a, const TextSpan& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& s : spans) {
    out.emplace_back(std::string(InfoOf(s.kind).name),
                     std::string(text.substr(s.begin, s.end - s.begin)));
  }
  return out;
}

bool Has(std::string_view text, const std::string& kind, const std::string& value) {
  for (const auto& [k, v] : Found(text)) {
    if (k == kind && v == value) return true;
  }
  return false;
}

TEST(PatternSpansTest, FindsEachKindInText) {
  EXPECT_TRUE(Has("mail jane.smith@council.gov.uk now", "email", "jane.smith@council.gov.uk"));
  EXPECT_TRUE(Has("NHS 943 476 5919.", "nhs_number", "943 476 5919"));
  EXPECT_TRUE(Has("nhs:9434765919", "nhs_number", "9434765919"));
  EXPECT_TRUE(Has("UPN A123456789012 given", "upn", "A123456789012"));
  EXPECT_TRUE(Has("NI AB 12 34 56 C ok", "ni_number", "AB 12 34 56 C"));
  EXPECT_TRUE(Has("lives at LS1 4AB", "postcode", "LS1 4AB"));
  EXPECT_TRUE(Has("lives at sw1a1aa", "postcode", "sw1a1aa"));
  EXPECT_TRUE(Has("call 0117 496 0123 today", "phone", "0117 496 0123"));
  EXPECT_TRUE(Has("call +44 (0)20 7946 0000", "phone", "+44 (0)20 7946 0000"));
  EXPECT_TRUE(Has("call 07700 900123", "phone", "07700 900123"));
  EXPECT_TRUE(Has("call (555) 123-4567", "phone", "(555) 123-4567"));
  EXPECT_TRUE(Has("from 192.168.1.20 at", "ip_address", "192.168.1.20"));
  EXPECT_TRUE(Has("from 2001:db8::1 at", "ip_address", "2001:db8::1"));
  EXPECT_TRUE(Has("seen 03/04/2021.", "date", "03/04/2021"));
  EXPECT_TRUE(Has("seen on 3rd April 2021", "date", "3rd April 2021"));
}

TEST(PatternSpansTest, ChecksRejectLookAlikes) {
  EXPECT_FALSE(Has("NHS 943 476 5918", "nhs_number", "943 476 5918"));  // wrong check digit
  EXPECT_FALSE(Has("UPN A123456789013", "upn", "A123456789013"));
  EXPECT_FALSE(Has("ip 300.1.1.1", "ip_address", "300.1.1.1"));
  EXPECT_FALSE(Has("on 31/02/2021", "date", "31/02/2021"));
  EXPECT_FALSE(Has("at 10:30:00", "ip_address", "10:30:00"));
  EXPECT_TRUE(Found("the year 2021 had 365 days and 12 months").empty());
}

TEST(PatternSpansTest, SpansAreWholeWords) {
  EXPECT_FALSE(Has("x9434765919", "nhs_number", "9434765919"));
  EXPECT_FALSE(Has("94347659190", "nhs_number", "9434765919"));
  EXPECT_FALSE(Has("refLS1 4ABx", "postcode", "LS1 4AB"));
}

TEST(PatternSpansTest, ATextThatMatchesEverywhereIsCutShort) {
  const auto& recognisers = Compiled();
  auto scratch = recognisers->NewScratch();
  ASSERT_TRUE(scratch.ok());
  std::vector<TextSpan> spans;
  const std::string digits(10 << 20, '9');  // 10 MB: a match ends at every byte
  EXPECT_FALSE(recognisers->Find(digits, scratch.value(), spans));
  spans.clear();
  EXPECT_TRUE(recognisers->Find("call 0117 496 0123", scratch.value(), spans));
  EXPECT_FALSE(spans.empty());
}

TEST(PatternSpansTest, SurvivesHostileText) {
  std::string binary;
  for (int i = 0; i < 4096; ++i) binary.push_back(static_cast<char>(i * 37));
  for (const auto& [kind, value] : Found(binary)) EXPECT_FALSE(value.empty()) << kind;
  std::string emails;
  for (int i = 0; i < 2000; ++i) emails += "a@b.";
  EXPECT_TRUE(Found(emails).empty());  // "b." never has a two-letter top-level domain
}

}  // namespace
}  // namespace veil
