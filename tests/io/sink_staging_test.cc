// Sinks stage their output: Prepare() finishes it aside, OpenStaged() reads it from there,
// and only Commit() makes it appear at the target.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>

#include "io/csv/sink.h"
#include "io/csv/source.h"
#include "io/sqlite/sink.h"

namespace veil {
namespace {

namespace fs = std::filesystem;

class SinkStagingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device random;
    dir_ = fs::temp_directory_path() / ("veil-staging-" + std::to_string(random()));
    fs::create_directories(dir_);
    std::ofstream(dir_ / "people.csv") << "id,name\n1,Ann\n2,Bob\n3,Cara\n";
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Copies people.csv into `sink` as one table.
  void Write(Sink& sink) {
    auto source = OpenCsvFileSource((dir_ / "people.csv").string(), CsvOptions{});
    ASSERT_TRUE(source.ok()) << source.status().message();
    auto schema = (*source)->Schema("people");
    ASSERT_TRUE(schema.ok());
    auto writer = sink.CreateTable(*schema);
    ASSERT_TRUE(writer.ok()) << writer.status().message();
    auto reader = (*source)->Open("people");
    ASSERT_TRUE(reader.ok());
    Batch batch;
    while (true) {
      auto more = (*reader)->Next(batch);
      ASSERT_TRUE(more.ok());
      if (!*more) break;
      ASSERT_TRUE((*writer)->Write(batch).ok());
    }
    ASSERT_TRUE((*writer)->Finish().ok());
  }

  // The rows of `table` in `source`.
  static int64_t CountRows(Source& source, const std::string& table) {
    auto reader = source.Open(table);
    EXPECT_TRUE(reader.ok()) << reader.status().message();
    if (!reader.ok()) return -1;
    int64_t rows = 0;
    Batch batch;
    while (true) {
      auto more = (*reader)->Next(batch);
      EXPECT_TRUE(more.ok());
      if (!more.ok() || !*more) break;
      rows += static_cast<int64_t>(batch.rows());
    }
    return rows;
  }

  std::vector<std::string> Entries() const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir_)) names.push_back(e.path().filename());
    std::sort(names.begin(), names.end());
    return names;
  }

  fs::path dir_;
};

TEST_F(SinkStagingTest, ASqliteCopyIsReadBeforeItAppearsAtTheTarget) {
  auto sink = OpenSqliteSink((dir_ / "out.sqlite").string(), false);
  ASSERT_TRUE(sink.ok()) << sink.status().message();
  Write(**sink);
  EXPECT_FALSE((*sink)->OpenStaged().ok());  // not before Prepare()
  ASSERT_TRUE((*sink)->Prepare().ok());
  EXPECT_FALSE(fs::exists(dir_ / "out.sqlite"));
  {
    auto staged = (*sink)->OpenStaged();
    ASSERT_TRUE(staged.ok()) << staged.status().message();
    EXPECT_EQ((*staged)->TableNames(), std::vector<std::string>{"people"});
    EXPECT_EQ(CountRows(**staged, "people"), 3);
    EXPECT_EQ((*staged)->Describe(), "sqlite file " + (dir_ / "out.sqlite").string());
  }
  EXPECT_FALSE(fs::exists(dir_ / "out.sqlite"));
  ASSERT_TRUE((*sink)->Commit().ok());
  EXPECT_EQ(Entries(), (std::vector<std::string>{"out.sqlite", "people.csv"}));
}

TEST_F(SinkStagingTest, AStagedCsvFileIsReadUnderTheTargetsTableName) {
  auto sink = OpenCsvFileSink((dir_ / "out.csv").string(), false);
  ASSERT_TRUE(sink.ok()) << sink.status().message();
  Write(**sink);
  ASSERT_TRUE((*sink)->Prepare().ok());
  auto staged = (*sink)->OpenStaged();
  ASSERT_TRUE(staged.ok()) << staged.status().message();
  EXPECT_EQ((*staged)->TableNames(), std::vector<std::string>{"out"});
  EXPECT_EQ(CountRows(**staged, "out"), 3);
  staged->reset();
  EXPECT_FALSE(fs::exists(dir_ / "out.csv"));
  ASSERT_TRUE((*sink)->Commit().ok());
  EXPECT_TRUE(fs::exists(dir_ / "out.csv"));
}

TEST_F(SinkStagingTest, APreparedSinkDestroyedUncommittedLeavesNothing) {
  for (const char* target : {"out.sqlite", "out"}) {
    auto sink = std::string(target) == "out" ? OpenCsvDirectorySink((dir_ / target).string(), false)
                                             : OpenSqliteSink((dir_ / target).string(), false);
    ASSERT_TRUE(sink.ok()) << sink.status().message();
    Write(**sink);
    ASSERT_TRUE((*sink)->Prepare().ok());
    auto staged = (*sink)->OpenStaged();
    ASSERT_TRUE(staged.ok()) << staged.status().message();
    EXPECT_EQ(CountRows(**staged, "people"), 3);
    staged->reset();
    sink->reset();
    EXPECT_EQ(Entries(), std::vector<std::string>{"people.csv"}) << target;
  }
}

}  // namespace
}  // namespace veil
