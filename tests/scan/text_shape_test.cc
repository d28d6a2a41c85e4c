// The shape filters of the value kinds admit every text their checks match, on generated
// texts: random bytes, and valid values of each kind with random edits. ExamineCell, which
// checks only what a filter admits, finds the same kinds as every check asked of every text.
#include "scan/text_shape.h"

#include <gtest/gtest.h>

#include <charconv>
#include <random>
#include <string>
#include <vector>

#include "core/text_normalise.h"
#include "scan/cell_facts.h"
#include "scan/reference_sets.h"
#include "scan/value_kinds.h"

namespace veil::scan {
namespace {

TEST(TextShapeTest, EveryByteIsInExactlyOneClass) {
  for (int c = 0; c < 256; ++c) {
    const char byte = static_cast<char>(c);
    const TextShape shape = ShapeOf(std::string_view(&byte, 1));
    EXPECT_EQ(__builtin_popcount(shape.classes), 1) << c;
    EXPECT_EQ(shape.size, 1u);
  }
  EXPECT_EQ(ShapeOf("a1 ").classes, kHexLetter | kDigit | kSpace);
  EXPECT_EQ(ShapeOf("").classes, 0u);
}

TEST(TextShapeTest, FilterNeedsOneOfItsClasses) {
  const ShapeFilter filter{2, 4, kDigit | kDot, kDot};
  EXPECT_TRUE(filter.Admits(ShapeOf("1.2")));
  EXPECT_FALSE(filter.Admits(ShapeOf("12")));     // no dot
  EXPECT_FALSE(filter.Admits(ShapeOf("1.2.3")));  // too long
  EXPECT_FALSE(filter.Admits(ShapeOf("a.2")));    // a letter
}

// Texts near every kind: valid examples, then each with random bytes replaced, inserted
// or deleted, drawn mostly from the bytes the kinds are made of.
std::vector<std::string> GeneratedTexts() {
  const std::vector<std::string> seeds = {"9434765919",
                                          "943 476 5919",
                                          "K999123456789",
                                          "k999123456789",
                                          "AB123456C",
                                          "ab 12 34 56 c",
                                          "jane.smith@example.org",
                                          "o'brien+care@council.gov.uk",
                                          "07700 900123",
                                          "+44 7700 900123",
                                          "(0113) 496-0000",
                                          "00447700900123",
                                          "LS6 4RT",
                                          "sw1a 1aa",
                                          "192.0.2.1",
                                          "2001:db8::1",
                                          "::1",
                                          "2023-01-15",
                                          "Olivia Smith",
                                          "x",
                                          "12.5",
                                          std::string("a\0b@example.org", 15)};
  constexpr char kBytes[] = "0123456789abcdefxyzABCDEFXYZ @.:-+()_%'\t\n\xc3\xa9/,#\0";
  const std::string alphabet(kBytes, sizeof kBytes - 1);  // its NUL included
  std::mt19937 rng(13);
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  auto byte = [&] { return alphabet[pick(alphabet.size())]; };
  std::vector<std::string> texts = seeds;
  for (const std::string& seed : seeds) {
    for (int variant = 0; variant < 3000; ++variant) {
      std::string text = seed;
      const size_t edits = 1 + pick(3);
      for (size_t e = 0; e < edits; ++e) {
        const size_t at = text.empty() ? 0 : pick(text.size());
        switch (pick(3)) {
          case 0:
            if (!text.empty()) text[at] = byte();
            break;
          case 1:
            text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), byte());
            break;
          default:
            if (!text.empty()) text.erase(at, 1);
        }
      }
      texts.push_back(std::move(text));
    }
  }
  for (int i = 0; i < 50000; ++i) {
    std::string text(pick(20), ' ');
    for (char& c : text) c = static_cast<char>(pick(256));
    texts.push_back(std::move(text));
  }
  return texts;
}

TEST(TextShapeTest, EveryKindsFilterAdmitsWhatItsCheckMatches) {
  const auto texts = GeneratedTexts();
  std::vector<int> matched(ValueKinds().size(), 0);
  for (const std::string& text : texts) {
    const TextShape shape = ShapeOf(text);
    for (size_t k = 0; k < ValueKinds().size(); ++k) {
      const ValueKind& kind = ValueKinds()[k];
      if (!kind.matches(text)) continue;
      ++matched[k];
      EXPECT_TRUE(kind.shape.Admits(shape)) << kind.name << ": \"" << text << "\"";
    }
  }
  // The generated texts exercise every kind, valid and invalid.
  for (size_t k = 0; k < matched.size(); ++k) {
    EXPECT_GT(matched[k], 10) << ValueKinds()[k].name;
    EXPECT_LT(matched[k], static_cast<int>(texts.size()) / 4) << ValueKinds()[k].name;
  }
}

// Whether all of `text` reads as a double (what CellFacts::number means).
bool ReadsAsNumber(std::string_view text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return !text.empty() && error == std::errc() && end == text.data() + text.size();
}

TEST(TextShapeTest, ExamineCellFindsWhatEveryCheckFinds) {
  auto references = ReferenceSets::Load();
  ASSERT_TRUE(references.ok()) << references.status().message();
  int numbers = 0;
  for (const std::string& text : GeneratedTexts()) {
    const std::string_view trimmed = TrimLeakSpace(text);
    uint32_t expected = 0;
    for (size_t k = 0; k < ValueKinds().size(); ++k) {
      if (ValueKinds()[k].matches(trimmed)) expected |= 1u << k;
    }
    const CellFacts facts = ExamineCell(text, **references);
    EXPECT_EQ(facts.kinds, expected) << "\"" << text << "\"";
    EXPECT_EQ(facts.number, ReadsAsNumber(trimmed)) << "\"" << text << "\"";
    numbers += facts.number;
  }
  EXPECT_GT(numbers, 1000);
}

}  // namespace
}  // namespace veil::scan
