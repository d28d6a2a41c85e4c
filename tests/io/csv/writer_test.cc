#include "io/csv/writer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "io/csv/reader.h"
#include "io/csv/sink.h"

namespace veil {
namespace {

namespace fs = std::filesystem;

using Cell = std::optional<std::string>;  // nullopt: NULL
using Rows = std::vector<std::vector<Cell>>;

TableSchema SchemaOf(const std::string& name, const std::vector<std::string>& columns) {
  TableSchema schema;
  schema.name = name;
  for (const auto& c : columns) {
    ColumnSchema column;
    column.name = c;
    column.declared_type = "TEXT";
    schema.columns.push_back(column);
  }
  return schema;
}

Batch BatchOf(const Rows& rows, size_t columns) {
  Batch batch;
  batch.Reset(columns);
  for (const auto& row : rows) {
    for (size_t c = 0; c < columns; ++c) {
      if (row[c]) {
        batch.columns[c].Append(*row[c]);
      } else {
        batch.columns[c].AppendNull();
      }
    }
  }
  return batch;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class CsvWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    dir_ = fs::temp_directory_path() / ("veil-csv-writer-" + std::to_string(rd()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // Writes `rows` under `columns` to NAME and returns the file's bytes.
  std::string WriteRows(const std::string& name, const std::vector<std::string>& columns,
                        const Rows& rows, const CsvWriterOptions& options = {}) {
    auto writer = CsvWriter::Open(dir_ / name, SchemaOf("t", columns), options);
    EXPECT_TRUE(writer.ok()) << writer.status().message();
    if (!writer.ok()) return "";
    EXPECT_TRUE((*writer)->Write(BatchOf(rows, columns.size())).ok());
    EXPECT_TRUE((*writer)->Finish().ok());
    return ReadFile(dir_ / name);
  }

  Rows ReadRows(const fs::path& path, std::vector<std::string>* names = nullptr) {
    auto reader = CsvReader::Open(path, "t", {});
    EXPECT_TRUE(reader.ok()) << reader.status().message();
    if (!reader.ok()) return {};
    if (names != nullptr) {
      names->clear();
      for (const auto& c : (*reader)->schema().columns) names->push_back(c.name);
    }
    Rows rows;
    Batch batch;
    for (;;) {
      auto more = (*reader)->Next(batch);
      EXPECT_TRUE(more.ok()) << more.status().message();
      if (!more.ok() || !*more) break;
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

  fs::path dir_;
};

const Cell kNull;

TEST_F(CsvWriterTest, QuotesOnlyWhenNeeded) {
  const Rows rows = {{"plain", "a,b", "say \"hi\""},
                     {"two\nlines", "cr\rhere", " lead"},
                     {"trail ", "\ttab", "caf\xC3\xA9"}};
  EXPECT_EQ(WriteRows("q.csv", {"id", "name", "note"}, rows),
            "id,name,note\n"
            "plain,\"a,b\",\"say \"\"hi\"\"\"\n"
            "\"two\nlines\",\"cr\rhere\",\" lead\"\n"
            "\"trail \",\"\ttab\",caf\xC3\xA9\n");
}

TEST_F(CsvWriterTest, NullIsNothingAndEmptyTextIsQuoted) {
  EXPECT_EQ(WriteRows("n.csv", {"a", "b", "c"}, {{kNull, "", "x"}, {kNull, kNull, kNull}}),
            "a,b,c\n,\"\",x\n,,\n");
  EXPECT_EQ(WriteRows("one.csv", {"a"}, {{kNull}, {""}, {"x"}}), "a\n\n\"\"\nx\n");
}

TEST_F(CsvWriterTest, HeaderNamesAreQuotedWhenNeeded) {
  EXPECT_EQ(WriteRows("h.csv", {"id", "last, first", "say \"x\""}, {}),
            "id,\"last, first\",\"say \"\"x\"\"\"\n");
}

// A reader skips a byte-order mark at the start of a file, so a first column name that
// begins with one is quoted (found by fuzz_csv_reader).
TEST_F(CsvWriterTest, AFirstNameBeginningWithAByteOrderMarkIsQuoted) {
  const std::string bom = "\xEF\xBB\xBF";
  EXPECT_EQ(WriteRows("b.csv", {bom, bom + "x"}, {{"1", "2"}}),
            "\"" + bom + "\"," + bom + "x\n1,2\n");
  std::vector<std::string> names;
  EXPECT_EQ(ReadRows(dir_ / "b.csv", &names), (Rows{{"1", "2"}}));
  EXPECT_EQ(names, (std::vector<std::string>{bom, bom + "x"}));
}

TEST_F(CsvWriterTest, LineEndingAndDelimiterAreOptions) {
  CsvWriterOptions options;
  options.line_ending = "\r\n";
  options.delimiter = ';';
  EXPECT_EQ(WriteRows("crlf.csv", {"a", "b"}, {{"1", "x,y"}, {"2", "p;q"}}, options),
            "a;b\r\n1;x,y\r\n2;\"p;q\"\r\n");
}

TEST_F(CsvWriterTest, RefusesAnExistingFileAndAWrongBatch) {
  std::ofstream(dir_ / "exists.csv") << "x\n";
  EXPECT_EQ(CsvWriter::Open(dir_ / "exists.csv", SchemaOf("t", {"a"})).status().code(),
            ErrorCode::kIo);
  auto writer = CsvWriter::Open(dir_ / "w.csv", SchemaOf("t", {"a", "b"}));
  ASSERT_TRUE(writer.ok());
  EXPECT_FALSE((*writer)->Write(BatchOf({{"1"}}, 1)).ok());
}

TEST_F(CsvWriterTest, RoundTripKeepsEveryValueAndNullVersusEmpty) {
  const std::vector<std::string> names = {"id", "a,b", " spaced ", "q\"uote"};
  const Rows rows = {
      {"1", "", kNull, "plain"},        {"2", "x,y", "\"quoted\"", "multi\nline\r\nvalue\r"},
      {kNull, " lead", "trail ", "\t"}, {"4", "Zo\xC3\xAB \xF0\x9F\x98\x80", "\"", "\"\""},
      {kNull, kNull, kNull, kNull},     {"", "", "", ""},
  };
  const std::string first = WriteRows("rt1.csv", names, rows);
  std::vector<std::string> read_names;
  const Rows read = ReadRows(dir_ / "rt1.csv", &read_names);
  EXPECT_EQ(read_names, names);
  EXPECT_EQ(read, rows);
  EXPECT_EQ(WriteRows("rt2.csv", read_names, read), first);
}

TEST_F(CsvWriterTest, RoundTripOfCellsLargerThanTheBuffer) {
  std::string huge;
  for (int i = 0; i < 300000; ++i) huge += "ab\"c,\n";  // 2.1 MB, quoting doubles the quotes
  const Rows rows = {{huge, "x"}, {std::string(3 << 20, 'z'), kNull}, {"1", "2"}};
  WriteRows("huge.csv", {"a", "b"}, rows);
  EXPECT_EQ(ReadRows(dir_ / "huge.csv"), rows);
}

TEST_F(CsvWriterTest, RoundTripOfOneColumnKeepsNullRows) {
  const Rows rows = {{kNull}, {"a"}, {""}, {kNull}, {kNull}};
  WriteRows("one.csv", {"only"}, rows);
  EXPECT_EQ(ReadRows(dir_ / "one.csv"), rows);
}

TEST_F(CsvWriterTest, RoundTripOfManyBatchesIsByteIdentical) {
  std::string content = "id,name,note\r\n";
  for (int i = 0; i < 10000; ++i) {
    content += std::to_string(i) + ",name " + std::to_string(i % 97) +
               (i % 5 == 0 ? ",\"with, comma\"" : (i % 7 == 0 ? "," : ",n")) + "\r\n";
  }
  std::ofstream(dir_ / "in.csv", std::ios::binary) << content;
  auto reader = CsvReader::Open(dir_ / "in.csv", "in", {});
  ASSERT_TRUE(reader.ok());
  CsvWriterOptions options;
  options.line_ending = (*reader)->line_ending();
  auto writer = CsvWriter::Open(dir_ / "out.csv", (*reader)->schema(), options);
  ASSERT_TRUE(writer.ok());
  Batch batch;
  while ((*reader)->Next(batch).value()) ASSERT_TRUE((*writer)->Write(batch).ok());
  ASSERT_TRUE((*writer)->Finish().ok());
  EXPECT_EQ(ReadFile(dir_ / "out.csv"), content);
}

TEST_F(CsvWriterTest, FileSinkPublishesOnlyOnCommit) {
  const fs::path target = dir_ / "out.csv";
  auto sink = OpenCsvFileSink(target.string(), false);
  ASSERT_TRUE(sink.ok()) << sink.status().message();
  auto writer = (*sink)->CreateTable(SchemaOf("people", {"id", "name"}));
  ASSERT_TRUE(writer.ok()) << writer.status().message();
  EXPECT_EQ((*sink)->CreateTable(SchemaOf("other", {"x"})).status().code(),
            ErrorCode::kInvalidArgument);
  ASSERT_TRUE((*writer)->Write(BatchOf({{"1", kNull}, {"2", ""}}, 2)).ok());
  EXPECT_EQ((*sink)->Commit().code(), ErrorCode::kInternal);  // not finished yet
  ASSERT_TRUE((*writer)->Finish().ok());
  EXPECT_FALSE(fs::exists(target));
  ASSERT_TRUE((*sink)->Commit().ok());
  EXPECT_EQ(ReadFile(target), "id,name\n1,\n2,\"\"\n");
  sink->reset();
  std::vector<std::string> entries;
  for (const auto& e : fs::directory_iterator(dir_)) entries.push_back(e.path().filename());
  EXPECT_EQ(entries, std::vector<std::string>{"out.csv"});
}

TEST_F(CsvWriterTest, UncommittedSinksLeaveNothing) {
  {
    auto sink = OpenCsvFileSink((dir_ / "a.csv").string(), false);
    ASSERT_TRUE(sink.ok());
    auto writer = (*sink)->CreateTable(SchemaOf("a", {"x"}));
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->Write(BatchOf({{"1"}}, 1)).ok());
  }
  {
    auto sink = OpenCsvDirectorySink((dir_ / "out").string(), false);
    ASSERT_TRUE(sink.ok());
    auto writer = (*sink)->CreateTable(SchemaOf("a", {"x"}));
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->Finish().ok());
  }
  EXPECT_TRUE(fs::is_empty(dir_));
}

TEST_F(CsvWriterTest, DirectorySinkWritesOneFilePerTable) {
  const fs::path target = dir_ / "out";
  auto sink = OpenCsvDirectorySink(target.string(), false);
  ASSERT_TRUE(sink.ok()) << sink.status().message();
  for (const std::string name : {"people", "visits"}) {
    auto writer = (*sink)->CreateTable(SchemaOf(name, {"id"}));
    ASSERT_TRUE(writer.ok()) << writer.status().message();
    ASSERT_TRUE((*writer)->Write(BatchOf({{name}}, 1)).ok());
    ASSERT_TRUE((*writer)->Finish().ok());
  }
  EXPECT_EQ((*sink)->CreateTable(SchemaOf("people", {"id"})).status().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ((*sink)->CreateTable(SchemaOf("../evil", {"id"})).status().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_FALSE(fs::exists(target));
  ASSERT_TRUE((*sink)->Commit().ok());
  EXPECT_EQ(ReadFile(target / "people.csv"), "id\npeople\n");
  EXPECT_EQ(ReadFile(target / "visits.csv"), "id\nvisits\n");
}

TEST_F(CsvWriterTest, SinksRefuseAnExistingTargetUnlessForced) {
  std::ofstream(dir_ / "out.csv") << "precious\n";
  fs::create_directories(dir_ / "out");
  std::ofstream(dir_ / "out/old.csv") << "old\n";
  auto refused = OpenCsvFileSink((dir_ / "out.csv").string(), false);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), ErrorCode::kConflict);
  EXPECT_NE(refused.status().message().find("--force"), std::string::npos);
  EXPECT_EQ(OpenCsvDirectorySink((dir_ / "out").string(), false).status().code(),
            ErrorCode::kConflict);

  auto file = OpenCsvFileSink((dir_ / "out.csv").string(), true);
  ASSERT_TRUE(file.ok());
  auto writer = (*file)->CreateTable(SchemaOf("t", {"a"}));
  ASSERT_TRUE(writer.ok() && (*writer)->Finish().ok());
  ASSERT_TRUE((*file)->Commit().ok());
  EXPECT_EQ(ReadFile(dir_ / "out.csv"), "a\n");

  auto dir = OpenCsvDirectorySink((dir_ / "out").string(), true);
  ASSERT_TRUE(dir.ok());
  auto table = (*dir)->CreateTable(SchemaOf("new", {"a"}));
  ASSERT_TRUE(table.ok() && (*table)->Finish().ok());
  ASSERT_TRUE((*dir)->Commit().ok());
  EXPECT_TRUE(fs::exists(dir_ / "out/new.csv"));
  EXPECT_FALSE(fs::exists(dir_ / "out/old.csv"));
}

TEST_F(CsvWriterTest, ForceNeverReplacesWhatIsNotACsvOutput) {
  fs::create_directories(dir_ / "home/docs");
  std::ofstream(dir_ / "home/thesis.tex") << "precious\n";
  fs::create_directories(dir_ / "dir.csv");
  std::ofstream(dir_ / "plain") << "precious\n";
  for (const auto& status : {OpenCsvDirectorySink((dir_ / "home").string(), true).status(),
                             OpenCsvDirectorySink((dir_ / "plain").string(), true).status(),
                             OpenCsvFileSink((dir_ / "dir.csv").string(), true).status()}) {
    EXPECT_EQ(status.code(), ErrorCode::kConflict) << status.message();
    EXPECT_NE(status.message().find("refusing to replace"), std::string::npos);
  }
  EXPECT_EQ(ReadFile(dir_ / "home/thesis.tex"), "precious\n");
  EXPECT_TRUE(fs::is_directory(dir_ / "dir.csv"));
}

}  // namespace
}  // namespace veil
