#include "io/csv/reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "io/csv/format.h"
#include "io/csv/source.h"

namespace veil {
namespace {

namespace fs = std::filesystem;

using Cell = std::optional<std::string>;  // nullopt: NULL
using Rows = std::vector<std::vector<Cell>>;

class CsvReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    dir_ = fs::temp_directory_path() / ("veil-csv-reader-" + std::to_string(rd()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  fs::path Write(const std::string& name, const std::string& content) {
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

  // Reads every row of `content` (written as NAME.csv); fails the test on errors.
  Rows ReadAll(const std::string& content, CsvOptions options = {}) {
    auto reader = CsvReader::Open(Write("t.csv", content), "t", options);
    EXPECT_TRUE(reader.ok()) << reader.status().message();
    if (!reader.ok()) return {};
    return Drain(**reader);
  }

  static Rows Drain(CsvReader& reader) {
    Rows rows;
    Batch batch;
    for (;;) {
      auto more = reader.Next(batch);
      EXPECT_TRUE(more.ok()) << more.status().message();
      if (!more.ok() || !*more) break;
      EXPECT_EQ(batch.first_row, static_cast<int64_t>(rows.size()) + 1);
      for (size_t r = 0; r < batch.rows(); ++r) {
        std::vector<Cell> row;
        for (const Column& c : batch.columns) {
          row.push_back(c.IsNull(r) ? Cell() : Cell(std::string(c.Text(r))));
        }
        rows.push_back(std::move(row));
      }
    }
    return rows;
  }

  // The error reading `content` (from opening or from any batch); OK if none.
  Status ErrorOf(const std::string& content, const std::string& name = "people.csv") {
    auto reader = CsvReader::Open(Write(name, content), "people", CsvOptions{});
    if (!reader.ok()) return reader.status();
    Batch batch;
    for (;;) {
      auto more = (*reader)->Next(batch);
      if (!more.ok()) return more.status();
      if (!*more) return Status::Ok();
    }
  }

  // Asserts that reading fails with an InputError naming the file, line and column, and
  // without the planted value "Zebedee99".
  void ExpectInputError(const std::string& content, const std::string& line,
                        const std::string& column) {
    const Status status = ErrorOf(content);
    ASSERT_FALSE(status.ok()) << "accepted: " << content;
    EXPECT_EQ(status.code(), ErrorCode::kInput) << status.message();
    const std::string& m = status.message();
    EXPECT_NE(m.find("people.csv"), std::string::npos) << m;
    EXPECT_NE(m.find(line), std::string::npos) << m;
    EXPECT_NE(m.find(column), std::string::npos) << m;
    EXPECT_EQ(m.find("Zebedee"), std::string::npos) << m;
  }

  fs::path dir_;
};

const Cell kNull;

TEST(CsvFormatTest, DetectsEachDelimiter) {
  EXPECT_EQ(DetectDelimiter("a,b,c\n1;2;3;4;5;6\n"), ',');
  EXPECT_EQ(DetectDelimiter("a;b;c,d\n"), ';');
  EXPECT_EQ(DetectDelimiter("a\tb\tc\n"), '\t');
  EXPECT_EQ(DetectDelimiter("a|b|c;d\r\n"), '|');
}

TEST(CsvFormatTest, IgnoresQuotedCandidatesAndDefaultsToComma) {
  EXPECT_EQ(DetectDelimiter("\"a;b;c;d\",x,y\n"), ',');
  EXPECT_EQ(DetectDelimiter("\"x,\"\"y\"\",z\";b\n"), ';');
  EXPECT_EQ(DetectDelimiter("single\n"), ',');
  EXPECT_EQ(DetectDelimiter(""), ',');
  EXPECT_EQ(DetectDelimiter("a;b,c\n"), ',');  // a tie goes to the comma
  EXPECT_FALSE(IsUsableCsvDelimiter('"'));
  EXPECT_FALSE(IsUsableCsvDelimiter('\n'));
  EXPECT_TRUE(IsUsableCsvDelimiter(';'));
}

TEST_F(CsvReaderTest, HeaderGivesTextColumnsAndTableName) {
  auto reader = CsvReader::Open(Write("people.csv", "id,name,\"dob, exact\"\n1,Ann,x\n"), "people",
                                CsvOptions{});
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  const TableSchema& schema = (*reader)->schema();
  EXPECT_EQ(schema.name, "people");
  ASSERT_EQ(schema.columns.size(), 3u);
  EXPECT_EQ(schema.columns[2].name, "dob, exact");
  for (const auto& c : schema.columns) EXPECT_EQ(c.declared_type, "TEXT");
  EXPECT_EQ((*reader)->EstimatedRows(), 1);
  EXPECT_EQ(Drain(**reader), (Rows{{"1", "Ann", "x"}}));
}

TEST_F(CsvReaderTest, UnquotedEmptyIsNullQuotedEmptyIsEmptyText) {
  EXPECT_EQ(ReadAll("a,b,c\n,\"\",x\n\"\",,\n"), (Rows{{kNull, "", "x"}, {"", kNull, kNull}}));
  Batch batch;
  auto reader = CsvReader::Open(Write("k.csv", "a\nx\n"), "k", CsvOptions{});
  ASSERT_TRUE(reader.ok());
  ASSERT_TRUE((*reader)->Next(batch).ok());
  EXPECT_EQ(batch.columns[0].kind(0), CellKind::kText);
}

TEST_F(CsvReaderTest, QuotedFieldsHoldDelimitersQuotesAndLineBreaks) {
  EXPECT_EQ(ReadAll("a,b\n\"x,y\",\"say \"\"hi\"\"\"\n\"line1\nline2\r\nline3\",\"\"\"\"\n"),
            (Rows{{"x,y", "say \"hi\""}, {"line1\nline2\r\nline3", "\""}}));
}

TEST_F(CsvReaderTest, AcceptsCrlfLfAndLoneCrMixed) {
  EXPECT_EQ(ReadAll("a,b\r\n1,2\r\n3,4\n5,6\r7,8"),
            (Rows{{"1", "2"}, {"3", "4"}, {"5", "6"}, {"7", "8"}}));
  auto reader = CsvReader::Open(Write("crlf.csv", "a,b\r\n1,2\r\n"), "crlf", CsvOptions{});
  ASSERT_TRUE(reader.ok());
  EXPECT_STREQ((*reader)->line_ending(), "\r\n");
}

TEST_F(CsvReaderTest, StripsUtf8ByteOrderMark) {
  auto reader =
      CsvReader::Open(Write("bom.csv", "\xEF\xBB\xBFid,na\xC3\xAFve\n1,Zo\xC3\xAB\n"), "bom", {});
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  EXPECT_EQ((*reader)->schema().columns[0].name, "id");
  EXPECT_EQ((*reader)->schema().columns[1].name, "na\xC3\xAFve");
  EXPECT_EQ(Drain(**reader), (Rows{{"1", "Zo\xC3\xAB"}}));
}

TEST_F(CsvReaderTest, DetectsOrTakesTheDelimiter) {
  const Rows expected = {{"1", "x,y"}, {"2", kNull}};
  EXPECT_EQ(ReadAll("a;b\n1;x,y\n2;\n"), expected);
  EXPECT_EQ(ReadAll("a\tb\n1\tx,y\n2\t\n"), expected);
  EXPECT_EQ(ReadAll("a|b\n1|x,y\n2|\n"), expected);
  EXPECT_EQ(ReadAll("a,b\n1,\"x,y\"\n2,\n"), expected);
  EXPECT_EQ(ReadAll("a;b\n1;2\n", CsvOptions{','}), (Rows{{"1;2"}}));
}

TEST_F(CsvReaderTest, BlankLinesAtTheEndAreIgnored) {
  EXPECT_EQ(ReadAll("a,b\n1,2"), (Rows{{"1", "2"}}));
  EXPECT_EQ(ReadAll("a,b\n1,2\n\n\r\n\n"), (Rows{{"1", "2"}}));
  EXPECT_EQ(ReadAll("a,b\n"), Rows{});
  EXPECT_EQ(ReadAll("a,b"), Rows{});
}

TEST_F(CsvReaderTest, OneColumnBlankLineIsANullRow) {
  EXPECT_EQ(ReadAll("a\n1\n\n\"\"\n2\n"), (Rows{{"1"}, {kNull}, {""}, {"2"}}));
}

TEST_F(CsvReaderTest, ManyBatchesNumberRowsFromOne) {
  std::string content = "id,text\n";
  const int n = static_cast<int>(kBatchRows) * 2 + 123;
  for (int i = 1; i <= n; ++i)
    content += std::to_string(i) + ",\"row " + std::to_string(i) + "\"\n";
  auto reader = CsvReader::Open(Write("many.csv", content), "many", {});
  ASSERT_TRUE(reader.ok());
  EXPECT_NEAR(static_cast<double>((*reader)->EstimatedRows()), n, n / 5.0);
  Batch batch;
  std::vector<int64_t> firsts;
  int64_t expected = 1;
  for (;;) {
    auto more = (*reader)->Next(batch);
    ASSERT_TRUE(more.ok()) << more.status().message();
    if (!*more) break;
    firsts.push_back(batch.first_row);
    for (size_t r = 0; r < batch.rows(); ++r, ++expected) {
      ASSERT_EQ(batch.columns[0].Text(r), std::to_string(expected));
      ASSERT_EQ(batch.columns[1].Text(r), "row " + std::to_string(expected));
    }
  }
  EXPECT_EQ(expected, n + 1);
  EXPECT_EQ(firsts, (std::vector<int64_t>{1, 4097, 8193}));
  EXPECT_EQ(batch.rows(), 0u);
}

// Puts each tricky sequence across the first read boundary (64 KiB) at every offset.
TEST_F(CsvReaderTest, SequencesSplitAcrossReadsStayIntact) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80"},  // 4-byte UTF-8
      {"\"a\"\"b\"", "a\"b"},                    // doubled quote
      {"\"x\"", "x"},                            // closing quote then line end
  };
  for (const auto& [raw, value] : cases) {
    for (size_t shift = 0; shift < 8; ++shift) {
      const std::string header = "a,b\r\n";
      const size_t pad = 65536 - 11 - 4 + shift;  // `raw` starts at 65532 + shift
      const std::string content =
          header + "1," + std::string(pad, 'p') + "\r\n2," + raw + "\r\n3,z\r\n";
      const Rows rows = ReadAll(content);
      ASSERT_EQ(rows.size(), 3u) << raw << " shift " << shift;
      EXPECT_EQ(rows[1][1], value) << raw << " shift " << shift;
      EXPECT_EQ(rows[2][1], "z");
    }
  }
}

TEST_F(CsvReaderTest, RowsLongerThanABlockAreRead) {
  const std::string big(3 * 1024 * 1024 + 17, 'q');
  const std::string quoted = "\"" + std::string(1500000, 'x') + "\"\"\n\"\"" + "\"";
  const Rows rows = ReadAll("a,b\n" + big + "," + quoted + "\nlast,1\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][0], big);
  EXPECT_EQ(rows[0][1], std::string(1500000, 'x') + "\"\n\"");
  EXPECT_EQ(rows[1][0], "last");
}

TEST_F(CsvReaderTest, AcceptsAllValidUtf8) {
  const std::string text =
      "\xC2\x80 \xDF\xBF \xE0\xA0\x80 \xED\x9F\xBF \xEE\x80\x80 \xEF\xBF\xBF "
      "\xF0\x90\x80\x80 \xF4\x8F\xBF\xBF";
  EXPECT_EQ(ReadAll("a\n" + text + "\n\"" + text + "\"\n"), (Rows{{text}, {text}}));
}

TEST_F(CsvReaderTest, UnterminatedQuoteNamesWhereItOpened) {
  ExpectInputError("id,name\n1,Ann\n2,\"Zebedee99 never closed\n", "line 3", "column 2 (name)");
  ExpectInputError("id,name\n1,\"Zebedee99", "line 2", "column 2 (name)");
  EXPECT_NE(ErrorOf("id,name\n1,\"x\n").message().find("unterminated"), std::string::npos);
}

TEST_F(CsvReaderTest, QuoteInsideUnquotedFieldIsAnError) {
  ExpectInputError("id,name\n1,Ann\n2,Zebe\"dee99\n", "line 3", "column 2 (name)");
  ExpectInputError("id,note,name\n1,\"a\nb\nc\",x\n2,y,Zebe\"dee99\n", "line 5", "column 3 (name)");
}

TEST_F(CsvReaderTest, GarbageAfterClosingQuoteIsAnError) {
  ExpectInputError("id,name\n1,\"Zebedee\"99\n", "line 2", "column 2 (name)");
  ExpectInputError("id,name\n\"1\" ,Zebedee99\n", "line 2", "column 1 (id)");
}

TEST_F(CsvReaderTest, RaggedRowsAreErrors) {
  std::string content = "a,b,c,d,e,f\n";
  for (int i = 0; i < 5; ++i) content += "1,2,3,4,5,6\n";
  const Status status = ErrorOf(content + "1,2,Zebedee99,4,5\n");
  EXPECT_NE(status.message().find("ragged row: line 7 has 5 fields, header has 6"),
            std::string::npos)
      << status.message();
  ExpectInputError(content + "1,2,Zebedee99,4,5\n", "line 7", "column 6 (f)");
  ExpectInputError("id,name\n1,Ann\n2,Zebedee99,extra\n", "line 3", "column 3");
  ExpectInputError("id,name\n1,Ann\n\n2,Zebedee99\n", "line 3", "column 2 (name)");
}

TEST_F(CsvReaderTest, InvalidUtf8IsAnError) {
  const std::vector<std::string> bad = {
      "\x80",              // lone continuation byte
      "\xC0\xAF",          // overlong
      "\xC1\xBF",          // overlong
      "\xE0\x80\xAF",      // overlong
      "\xF0\x80\x80\xAF",  // overlong
      "\xED\xA0\x80",      // surrogate
      "\xF4\x90\x80\x80",  // above U+10FFFF
      "\xF5\x80\x80\x80",  // invalid lead byte
      "\xFF",              // invalid byte
      "\xE2\x82x",         // truncated
      "\xC3",              // truncated by the end of the field
  };
  for (const std::string& b : bad) {
    SCOPED_TRACE(testing::PrintToString(b));
    ExpectInputError("id,name\n1,Ann\n2,Zebedee99" + b + "\n", "line 3", "column 2 (name)");
    ExpectInputError("id,name\n1,Ann\n2,\"Zebedee99\n" + b + "\"\n", "line 4", "column 2 (name)");
    ExpectInputError("id,name\n1,Zebedee99" + b, "line 2", "column 2 (name)");
  }
  ExpectInputError("id,na\xFFme\n1,Zebedee99\n", "line 1", "column 2");
}

TEST_F(CsvReaderTest, BadHeadersAreErrors) {
  for (const char* content : {"", "\n1,2\n", "\xEF\xBB\xBF", "\r\n"}) {
    const Status status = ErrorOf(content);
    EXPECT_EQ(status.code(), ErrorCode::kInput);
    EXPECT_NE(status.message().find("people.csv: line 1"), std::string::npos) << status.message();
    EXPECT_NE(status.message().find("empty header"), std::string::npos) << status.message();
  }
  ExpectInputError("id,name,id\n1,2,Zebedee99\n", "line 1", "column 3");
  EXPECT_NE(ErrorOf("id,name,id\n").message().find("duplicate column name"), std::string::npos);
  ExpectInputError("id,,name\n1,2,Zebedee99\n", "line 1", "column 2");
}

TEST_F(CsvReaderTest, MissingFileIsAnIoError) {
  auto reader = CsvReader::Open(dir_ / "missing.csv", "missing", {});
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), ErrorCode::kIo);
  EXPECT_NE(reader.status().message().find("missing.csv"), std::string::npos);
  EXPECT_EQ(CsvReader::Open(Write("x.csv", "a\n"), "x", CsvOptions{'"'}).status().code(),
            ErrorCode::kInvalidArgument);
}

TEST_F(CsvReaderTest, FileSourceIsOneTableNamedByStem) {
  const fs::path path = Write("people.csv", "id;name\n1;Ann\n");
  auto source = OpenCsvFileSource(path.string(), {});
  ASSERT_TRUE(source.ok()) << source.status().message();
  EXPECT_EQ((*source)->TableNames(), std::vector<std::string>{"people"});
  auto schema = (*source)->Schema("people");
  ASSERT_TRUE(schema.ok());
  EXPECT_EQ(schema->columns.size(), 2u);
  auto reader = (*source)->Open("people");
  ASSERT_TRUE(reader.ok());
  Batch batch;
  ASSERT_TRUE((*reader)->Next(batch).value());
  EXPECT_EQ(batch.columns[1].Text(0), "Ann");
  EXPECT_EQ((*source)->Schema("other").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_FALSE(OpenCsvFileSource((dir_ / "nope.csv").string(), {}).ok());
}

TEST_F(CsvReaderTest, DirectorySourceListsCsvFilesByName) {
  fs::create_directories(dir_ / "in");
  Write("in/visits.csv", "id\n1\n");
  Write("in/People.CSV", "id\n1\n");
  Write("in/addresses.csv", "id\n1\n");
  Write("in/notes.txt", "x\n");
  Write("in/.hidden.csv", "x\n");
  fs::create_directories(dir_ / "in/sub.csv");
  auto source = OpenCsvDirectorySource((dir_ / "in").string(), {});
  ASSERT_TRUE(source.ok()) << source.status().message();
  EXPECT_EQ((*source)->TableNames(), (std::vector<std::string>{"People", "addresses", "visits"}));
  EXPECT_TRUE((*source)->Open("visits").ok());
  EXPECT_NE((*source)->Describe().find("in"), std::string::npos);

  fs::create_directories(dir_ / "empty");
  Write("empty/readme.txt", "x\n");
  auto empty = OpenCsvDirectorySource((dir_ / "empty").string(), {});
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find("no .csv files"), std::string::npos);
  EXPECT_FALSE(OpenCsvDirectorySource((dir_ / "absent").string(), {}).ok());
}

}  // namespace
}  // namespace veil
