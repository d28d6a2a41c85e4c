#include "engine/schema_text_screen.h"

#include <gtest/gtest.h>

#include <random>

#include "verify/leak/scanner.h"

namespace veil {
namespace {

SchemaText Comment(const std::string& column, const std::string& text) {
  return SchemaText{SchemaTextKind::kColumnComment, "children", column, "", text};
}

Column Cells(const std::vector<std::string>& values) {
  Column column;
  for (const auto& value : values) column.Append(value);
  return column;
}

// The columns (of the texts) that the screen says hold one of `cells`.
std::vector<std::string> Holding(const std::vector<SchemaText>& texts,
                                 const std::vector<std::string>& cells,
                                 const LeakScannerOptions& options = {}) {
  SchemaTextScreen screen(texts, options);
  screen.Observe(Cells(cells));
  std::vector<std::string> columns;
  for (const auto& held : screen.Holding()) columns.push_back(held.text.column);
  return columns;
}

TEST(SchemaTextScreenTest, FindsAValueAtTokenBoundariesIgnoringCaseAndAccents) {
  const std::vector<SchemaText> texts = {Comment("a", "Surname, e.g. HARTLEY."),
                                         Comment("b", "Given name such as Zoe"),
                                         Comment("c", "no names here")};
  EXPECT_EQ(Holding(texts, {"Hartley"}), std::vector<std::string>{"a"});
  EXPECT_EQ(Holding(texts, {"Zoë"}), std::vector<std::string>{"b"});
  EXPECT_EQ(Holding(texts, {"  zoe  "}), std::vector<std::string>{"b"});
  EXPECT_EQ(Holding(texts, {"Hartley", "Zoe"}), (std::vector<std::string>{"a", "b"}));
}

TEST(SchemaTextScreenTest, IgnoresAValueInsideAWord) {
  const std::vector<SchemaText> texts = {Comment("a", "Annual review of Joanne")};
  EXPECT_TRUE(Holding(texts, {"Ann"}).empty());
  EXPECT_TRUE(Holding(texts, {"Joan"}).empty());
  EXPECT_EQ(Holding(texts, {"Joanne"}), std::vector<std::string>{"a"});
}

TEST(SchemaTextScreenTest, AValueWithPunctuationAtItsEdgeNeedsNoBoundaryThere) {
  const std::vector<SchemaText> texts = {
      SchemaText{SchemaTextKind::kColumnDefault, "t", "phone", "", "'tel:+44 20 7946 0000'::text"}};
  EXPECT_EQ(Holding(texts, {"+44 20 7946 0000"}), std::vector<std::string>{"phone"});
  EXPECT_TRUE(Holding(texts, {"44 20 7946 000"}).empty());  // ends inside a number
}

TEST(SchemaTextScreenTest, SkipsTheValuesTheLeakCheckSkips) {
  const std::vector<SchemaText> texts = {Comment("a", "id 42, born 2015-03-02, ref 12345678")};
  EXPECT_TRUE(Holding(texts, {"42"}).empty());          // a short number
  EXPECT_TRUE(Holding(texts, {"2015-03-02"}).empty());  // a date
  EXPECT_EQ(Holding(texts, {"12345678"}), std::vector<std::string>{"a"});
  LeakScannerOptions dates;
  dates.skip_dates = false;
  EXPECT_EQ(Holding(texts, {"2015-03-02"}, dates), std::vector<std::string>{"a"});
  LeakScannerOptions strict;
  strict.min_digits = 9;
  EXPECT_TRUE(Holding(texts, {"12345678"}, strict).empty());
}

TEST(SchemaTextScreenTest, NeverMatchesAcrossTwoTextsOrOnNulls) {
  const std::vector<SchemaText> texts = {Comment("a", "Oscar"), Comment("b", "Pemberton")};
  EXPECT_TRUE(Holding(texts, {"Oscar Pemberton", "oscarpemberton"}).empty());
  SchemaTextScreen screen(texts, {});
  Column nulls;
  nulls.AppendNull();
  screen.Observe(nulls);
  EXPECT_TRUE(screen.Holding().empty());
}

TEST(SchemaTextScreenTest, ARepeatedValueIsFoundInEveryTextHoldingIt) {
  const std::vector<SchemaText> texts = {Comment("a", "Whitlock"), Comment("b", "x"),
                                         Comment("c", "see Whitlock, Whitlock")};
  SchemaTextScreen screen(texts, {});
  screen.Observe(Cells({"Whitlock", "Whitlock", "WHITLOCK"}));
  const std::vector<HeldSchemaText> holding = screen.Holding();
  ASSERT_EQ(holding.size(), 2u);
  EXPECT_EQ(holding[0].text.column, "a");
  EXPECT_EQ(holding[1].text.column, "c");
  EXPECT_FALSE(holding[0].too_long);
}

// The screen is the leak check turned round: on random texts and values it must agree
// with the scanner `veil verify` uses, text by text.
TEST(SchemaTextScreenTest, AgreesWithTheVerifiersLeakScanner) {
  std::mt19937 random(20261202);
  const std::string alphabet = "abcAB 1234,.+-'\xc3\xa9";  // ends with "é"
  const auto random_text = [&](size_t max_length) {
    std::string text;
    const size_t length = random() % (max_length + 1);
    for (size_t i = 0; i < length; ++i) text += alphabet[random() % alphabet.size()];
    return text;  // may hold half of "é": bytes that are not UTF-8 are kept as they are
  };
  LeakScannerOptions options;
  options.min_digits = 3;
  size_t found = 0;
  for (int round = 0; round < 300; ++round) {
    std::vector<SchemaText> texts;
    for (int t = 0; t < 4; ++t) texts.push_back(Comment(std::to_string(t), random_text(40)));
    std::vector<std::string> values;
    for (int v = 0; v < 6; ++v) {
      // Half the values are cut from a text, at any byte: some at token boundaries.
      const std::string& from = texts[random() % texts.size()].text;
      const size_t begin = from.empty() ? 0 : random() % from.size();
      values.push_back(v % 2 == 0 ? random_text(6) : from.substr(begin, 3 + random() % 6));
    }
    SchemaTextScreen screen(texts, options);
    screen.Observe(Cells(values));
    std::vector<bool> held(texts.size(), false);
    for (const auto& h : screen.Holding()) held[std::stoul(h.text.column)] = true;
    auto scanner = LeakScanner::Build(values, options);
    ASSERT_TRUE(scanner.ok()) << scanner.status().message();
    for (size_t t = 0; t < texts.size(); ++t) {
      bool scanned = false;
      scanner->Scan(texts[t].text, [&](size_t) { scanned = true; });
      EXPECT_EQ(held[t], scanned) << "round " << round << ", text " << t;
      found += scanned;
    }
  }
  EXPECT_GT(found, 50u);  // the comparison is not vacuous
}

// Past the bound, a text is not searched but removed all the same; the ones before it
// are still searched, each mapped to its own text.
TEST(SchemaTextScreenTest, TextsPastTheBoundAreTakenToHoldAnOriginal) {
  const std::vector<SchemaText> texts = {
      Comment("a", "ask Oscar"), Comment("b", std::string(40, 'x')), Comment("c", "ask Isla")};
  SchemaTextScreen screen(texts, {}, 20);  // "ask oscar" + separator fit; 40 bytes do not
  screen.Observe(Cells({"Isla", "Oscar"}));
  const std::vector<HeldSchemaText> holding = screen.Holding();
  ASSERT_EQ(holding.size(), 3u);
  EXPECT_EQ(holding[0].text.column, "a");
  EXPECT_FALSE(holding[0].too_long);
  EXPECT_EQ(holding[1].text.column, "b");
  EXPECT_TRUE(holding[1].too_long);
  EXPECT_EQ(holding[2].text.column, "c");  // "ask isla" fits after the 40 bytes were left out
  EXPECT_FALSE(holding[2].too_long);
  SchemaTextScreen nothing_found(texts, {}, 20);
  nothing_found.Observe(Cells({"Jacob"}));
  ASSERT_EQ(nothing_found.Holding().size(), 1u);
  EXPECT_TRUE(nothing_found.Holding()[0].too_long);
}

TEST(SchemaTextScreenTest, AnEmptyScreenFindsNothing) {
  SchemaTextScreen screen({}, {});
  EXPECT_TRUE(screen.empty());
  screen.Observe(Cells({"anything"}));
  EXPECT_TRUE(screen.Holding().empty());
}

}  // namespace
}  // namespace veil
