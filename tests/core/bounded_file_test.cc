#include "core/bounded_file.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace veil {
namespace {

namespace fs = std::filesystem;

class BoundedFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "veil-bounded-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path Write(const std::string& name, const std::string& bytes) {
    std::ofstream(dir_ / name, std::ios::binary) << bytes;
    return dir_ / name;
  }
  fs::path dir_;
};

TEST_F(BoundedFileTest, ReadsAFileUpToAndIncludingTheLimit) {
  const std::string bytes(70000, 'x');  // more than one read chunk
  const auto path = Write("f", bytes);
  auto read = ReadFileWithLimit(path, bytes.size(), "test file");
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(*read, bytes);
  auto empty = ReadFileWithLimit(Write("e", ""), 0, "test file");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(*empty, "");
}

TEST_F(BoundedFileTest, AFileOneByteOverTheLimitIsRefusedWithoutItsContent) {
  const auto path = Write("f", "secret-content!");
  auto read = ReadFileWithLimit(path, 14, "test file");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), ErrorCode::kIo);
  EXPECT_EQ(read.status().message(),
            "the test file " + path.string() + " is larger than 14 bytes, the most veil reads");
}

TEST_F(BoundedFileTest, DevicesAndPipesThatNeverEndStopAtTheLimit) {
  auto zero = ReadFileWithLimit("/dev/zero", 1 << 20, "secret file");
  ASSERT_FALSE(zero.ok());
  EXPECT_NE(zero.status().message().find("larger than 1 MiB"), std::string::npos);

  const fs::path fifo = dir_ / "fifo";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  const pid_t writer = fork();
  ASSERT_GE(writer, 0);
  if (writer == 0) {  // writes forever, until the reader closes its end
    std::ofstream out(fifo, std::ios::binary);
    const std::string chunk(4096, 'y');
    while (out.write(chunk.data(), chunk.size())) {
    }
    _exit(0);
  }
  auto piped = ReadFileWithLimit(fifo, 100000, "policy file");
  ASSERT_FALSE(piped.ok());
  EXPECT_NE(piped.status().message().find("larger than 100000 bytes"), std::string::npos);
  kill(writer, SIGKILL);
  waitpid(writer, nullptr, 0);
}

TEST_F(BoundedFileTest, MissingFilesAndDirectoriesSayWhy) {
  auto missing = ReadFileWithLimit((dir_ / "nope").string(), 10, "policy file");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("cannot read the policy file"), std::string::npos);
  EXPECT_NE(missing.status().message().find("No such file"), std::string::npos);
  auto directory = ReadFileWithLimit(dir_.string(), 10, "hierarchy file");
  ASSERT_FALSE(directory.ok());
  EXPECT_NE(directory.status().message().find("it is a directory"), std::string::npos);
}

TEST(DescribeByteCountTest, UsesTheLargestWholeUnit) {
  EXPECT_EQ(DescribeByteCount(size_t{1} << 30), "1 GiB");
  EXPECT_EQ(DescribeByteCount(16 * 1024 * 1024), "16 MiB");
  EXPECT_EQ(DescribeByteCount(64 * 1024), "64 KiB");
  EXPECT_EQ(DescribeByteCount(1500), "1500 bytes");
}

}  // namespace
}  // namespace veil
