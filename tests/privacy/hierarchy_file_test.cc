#include "privacy/hierarchy_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace veil {
namespace {

namespace fs = std::filesystem;

class HierarchyFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    dir_ = fs::temp_directory_path() / ("veil-hierarchy-file-" + std::to_string(rd()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // Writes `content` to NAME in the test's directory and returns its path.
  std::string Write(const std::string& name, const std::string& content) {
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
  }

  // The error ReadHierarchyFile gives for `content` (written as h.csv); fails if it reads.
  Status ReadError(const std::string& content) {
    const auto table = ReadHierarchyFile(Write("h.csv", content));
    EXPECT_FALSE(table.ok());
    return table.status();
  }

  fs::path dir_;
};

TEST_F(HierarchyFileTest, ReadsPlainLfRows) {
  auto table = ReadHierarchyFile(Write("h.csv", "1;0-4;*\n2;0-4;*\n7;5-9;*\n"));
  ASSERT_TRUE(table.ok()) << table.status().message();
  EXPECT_EQ(*table, (HierarchyTable{{"1", "0-4", "*"}, {"2", "0-4", "*"}, {"7", "5-9", "*"}}));
}

TEST_F(HierarchyFileTest, ReadsCrlfBomQuotesAndTrailingBlankLines) {
  const std::string content =
      "\xEF\xBB\xBF\"a;b\";\"say \"\"hi\"\"\";*\r\n"
      "plain;\"two\nlines\";*\r\n"
      "c;;*\r\n"
      "\r\n\n";
  auto table = ReadHierarchyFile(Write("h.csv", content));
  ASSERT_TRUE(table.ok()) << table.status().message();
  EXPECT_EQ(*table, (HierarchyTable{
                        {"a;b", "say \"hi\"", "*"}, {"plain", "two\nlines", "*"}, {"c", "", "*"}}));
}

TEST_F(HierarchyFileTest, ReadsALastRowWithoutLineEnd) {
  auto table = ReadHierarchyFile(Write("h.csv", "x;*\r\ny;*"));
  ASSERT_TRUE(table.ok()) << table.status().message();
  EXPECT_EQ(*table, (HierarchyTable{{"x", "*"}, {"y", "*"}}));
}

TEST_F(HierarchyFileTest, MissingFileIsAnIoErrorNamingThePath) {
  const std::string path = (dir_ / "absent.csv").string();
  auto table = ReadHierarchyFile(path);
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().code(), ErrorCode::kIo);
  EXPECT_NE(table.status().message().find(path), std::string::npos) << table.status().message();

  const auto directory = ReadHierarchyFile(dir_.string());
  ASSERT_FALSE(directory.ok());
  EXPECT_EQ(directory.status().code(), ErrorCode::kIo);
}

TEST_F(HierarchyFileTest, EmptyFileIsAnError) {
  for (const std::string content : {"", "\xEF\xBB\xBF", "\n\r\n\n"}) {
    const Status status = ReadError(content);
    EXPECT_EQ(status.code(), ErrorCode::kPolicy);
    EXPECT_EQ(status.message(), "the hierarchy file " + (dir_ / "h.csv").string() + " is empty");
  }
}

TEST_F(HierarchyFileTest, RowsOfDifferentLengthsNameBothLines) {
  const Status status = ReadError("SW1A 1AA;SW1A;SW;*\nSW1A 2AA;SW1A;*\n");
  EXPECT_EQ(status.code(), ErrorCode::kPolicy);
  EXPECT_EQ(status.message(), (dir_ / "h.csv").string() + " line 2 has 3 levels, line 1 has 4");
}

TEST_F(HierarchyFileTest, LineNumbersCountLinesInsideQuotesAndBlankLines) {
  // Row 3 starts on line 4 because row 2 spans two lines; the blank line 5 is a short row.
  const Status status = ReadError("a;x;*\n\"b\nc\";x;*\nd;x;*\n\ne;x;*\n");
  EXPECT_EQ(status.message(), (dir_ / "h.csv").string() + " line 5 has 1 levels, line 1 has 3");
}

TEST_F(HierarchyFileTest, RepeatedOriginalValueNamesLinesNotTheValue) {
  const Status status = ReadError("SW1A 1AA;SW1A;*\nE1 6AN;E1;*\nSW1A 1AA;SW1A;*\n");
  EXPECT_EQ(status.code(), ErrorCode::kPolicy);
  EXPECT_EQ(status.message(),
            (dir_ / "h.csv").string() + " line 3 repeats an original value of line 1");
  EXPECT_EQ(status.message().find("SW1A"), std::string::npos);
}

TEST_F(HierarchyFileTest, ValueGeneralisingTwoWaysIsRejected) {
  const Status status = ReadError(
      "1990-01-01;1990-01;1990;*\n"
      "1990-01-02;1990-01;1990;*\n"
      "1991-01-05;1990-01;1991;*\n");
  EXPECT_EQ(status.code(), ErrorCode::kPolicy);
  EXPECT_EQ(status.message(), (dir_ / "h.csv").string() +
                                  " line 3: a level-1 value generalises to two different level-2 "
                                  "values (see line 1)");
  EXPECT_EQ(status.message().find("1990"), std::string::npos);
}

TEST_F(HierarchyFileTest, MalformedQuotesAndSingleColumnsAreRejected) {
  const std::string path = (dir_ / "h.csv").string();
  EXPECT_EQ(ReadError("a;*\n\"b;*\n").message(), path + " line 2: a quoted field is not closed");
  EXPECT_EQ(ReadError("a;*\n\"b\"c;*\n").message(),
            path +
                " line 2: text follows a closing quote; a quoted field must end at ';' or "
                "the end of the line");
  EXPECT_EQ(ReadError("1,0-4,*\n2,0-4,*\n").message(),
            path +
                " line 1 has only one field; a hierarchy row is a value and its "
                "generalisations, separated by ';'");
}

TEST_F(HierarchyFileTest, CheckHierarchyNamesTheColumnAndRow) {
  const HierarchyTable good = {{"a", "x", "*"}, {"b", "x", "*"}, {"c", "y", "*"}};
  EXPECT_TRUE(CheckHierarchy(good, "column code").ok());
  const HierarchyTable bad = {{"a", "x", "p"}, {"b", "y", "p"}, {"c", "x", "q"}};
  const Status status = CheckHierarchy(bad, "column code");
  EXPECT_EQ(status.code(), ErrorCode::kPolicy);
  EXPECT_EQ(status.message(),
            "column code line 3: a level-1 value generalises to two different level-2 values "
            "(see line 1)");
  EXPECT_EQ(CheckHierarchy({}, "column code").message(), "column code holds no hierarchy rows");
}

TEST_F(HierarchyFileTest, FormatQuotesOnlyWhenNeeded) {
  const HierarchyTable table = {
      {"plain", "a;b", "*"}, {"q\"uote", "line\nbreak", "*"}, {"cr\r", "", "*"}};
  EXPECT_EQ(FormatHierarchy(table),
            "plain;\"a;b\";*\n"
            "\"q\"\"uote\";\"line\nbreak\";*\n"
            "\"cr\r\";;*\n");
  EXPECT_EQ(FormatHierarchy({}), "");
}

TEST_F(HierarchyFileTest, FormatThenReadGivesTheSameTable) {
  const HierarchyTable table = {{"\xEF\xBB\xBFstarts with a mark", "a;b", "*"},
                                {"Zoë", "say \"hi\"", "*"},
                                {"two\r\nlines", "", "*"},
                                {"", "empty original", "*"}};
  ASSERT_TRUE(CheckHierarchy(table, "table").ok());
  auto read = ReadHierarchyFile(Write("round.csv", FormatHierarchy(table)));
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(*read, table);
}

// The ARX age hierarchy of UCI Adult: the repository's fixture copy, else the shared
// reference data next to the repository; empty when neither is there.
fs::path AdultAgeHierarchy() {
  const fs::path source(VEIL_SOURCE_DIR);
  for (const fs::path& path : {source / "tests/fixtures/adult/adult_hierarchy_age.csv",
                               source / "../shared/data/adult/adult_hierarchy_age.csv"}) {
    if (fs::exists(path)) return path;
  }
  return {};
}

TEST_F(HierarchyFileTest, ReadsTheArxAdultAgeHierarchy) {
  const fs::path path = AdultAgeHierarchy();
  if (path.empty()) GTEST_SKIP() << "no copy of adult_hierarchy_age.csv";
  auto table = ReadHierarchyFile(path.string());
  ASSERT_TRUE(table.ok()) << table.status().message();
  ASSERT_EQ(table->size(), 100u);
  for (const HierarchyRow& row : *table) ASSERT_EQ(row.size(), 5u);
  EXPECT_EQ(table->front(), (HierarchyRow{"1", "0-4", "0-9", "0-19", "*"}));
  EXPECT_EQ(table->back(), (HierarchyRow{"100", "95-99", "90-99", "80-99", "*"}));
}

TEST_F(HierarchyFileTest, ParseHierarchyTextReadsWhatTheFileReaderReads) {
  const std::string content = "\xEF\xBB\xBF\"a;b\";x;*\r\nc;x;*\n\n";
  auto from_file = ReadHierarchyFile(Write("h.csv", content));
  auto from_text = ParseHierarchyText(content, "memory.csv");
  ASSERT_TRUE(from_file.ok()) << from_file.status().message();
  ASSERT_TRUE(from_text.ok()) << from_text.status().message();
  EXPECT_EQ(*from_text, *from_file);
  const auto bad = ParseHierarchyText("1;a;*\n1;b;*\n", "memory.csv");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message().rfind("memory.csv line 2", 0), 0u) << bad.status().message();
}

}  // namespace
}  // namespace veil
