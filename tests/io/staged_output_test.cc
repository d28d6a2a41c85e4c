#include "io/staged_output.h"

#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace veil {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// True if no child of this process is left unreaped (a zombie).
bool NoZombieChildren() {
  return ::waitpid(-1, nullptr, WNOHANG) <= 0;
}

class StagedOutputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    dir_ = fs::temp_directory_path() / ("veil-staged-" + std::to_string(rd()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  std::vector<std::string> Entries() const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir_)) names.push_back(e.path().filename());
    std::sort(names.begin(), names.end());
    return names;
  }

  // Polls for up to two seconds until `path` is gone.
  static bool DisappearsSoon(const fs::path& path) {
    for (int i = 0; i < 200; ++i) {
      if (!fs::exists(fs::symlink_status(path))) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }

  fs::path dir_;
};

TEST_F(StagedOutputTest, TempIsAHiddenSiblingAndTargetIsUntouched) {
  auto staged = StagedOutput::Create(dir_ / "out.csv", false);
  ASSERT_TRUE(staged.ok()) << staged.status().message();
  const fs::path temp = staged->temp_path();
  EXPECT_EQ(temp.parent_path(), dir_);
  EXPECT_EQ(
      temp.filename().string().rfind(".out.csv.veil-tmp-" + std::to_string(getpid()) + "-", 0), 0u)
      << temp;
  EXPECT_FALSE(fs::exists(temp));
  EXPECT_EQ(staged->target(), dir_ / "out.csv");
  EXPECT_TRUE(fs::is_empty(dir_));
}

TEST_F(StagedOutputTest, CommitMovesFileIntoPlace) {
  {
    auto staged = StagedOutput::Create(dir_ / "out.csv", false);
    ASSERT_TRUE(staged.ok());
    std::ofstream(staged->temp_path()) << "new\n";
    ASSERT_TRUE(staged->Commit().ok());
    EXPECT_FALSE(staged->Commit().ok());  // only once
    EXPECT_TRUE(NoZombieChildren());
  }
  EXPECT_EQ(ReadFile(dir_ / "out.csv"), "new\n");
  EXPECT_EQ(Entries(), std::vector<std::string>{"out.csv"});
}

TEST_F(StagedOutputTest, CommitMovesDirectoryIntoPlace) {
  {
    auto staged = StagedOutput::Create(dir_ / "out", false);
    ASSERT_TRUE(staged.ok());
    fs::create_directory(staged->temp_path());
    std::ofstream(staged->temp_path() / "a.csv") << "a\n";
    ASSERT_TRUE(staged->Commit().ok());
  }
  EXPECT_EQ(ReadFile(dir_ / "out/a.csv"), "a\n");
  EXPECT_EQ(Entries(), std::vector<std::string>{"out"});
}

TEST_F(StagedOutputTest, DestructorRemovesTempAndReapsGuardian) {
  fs::path temp;
  {
    auto staged = StagedOutput::Create(dir_ / "out", false);
    ASSERT_TRUE(staged.ok());
    temp = staged->temp_path();
    fs::create_directories(temp / "nested");
    std::ofstream(temp / "nested/x.csv") << "x\n";
  }
  EXPECT_FALSE(fs::exists(temp));
  EXPECT_TRUE(fs::is_empty(dir_));
  EXPECT_TRUE(NoZombieChildren());
}

TEST_F(StagedOutputTest, CommitWithNothingWrittenFailsAndLeavesNothing) {
  {
    auto staged = StagedOutput::Create(dir_ / "out.csv", false);
    ASSERT_TRUE(staged.ok());
    EXPECT_FALSE(staged->Commit().ok());
  }
  EXPECT_TRUE(fs::is_empty(dir_));
}

TEST_F(StagedOutputTest, ExistingTargetIsRefusedWithoutReplace) {
  std::ofstream(dir_ / "out.csv") << "precious\n";
  auto staged = StagedOutput::Create(dir_ / "out.csv", false);
  ASSERT_FALSE(staged.ok());
  EXPECT_EQ(staged.status().code(), ErrorCode::kConflict);
  EXPECT_NE(staged.status().message().find("out.csv exists; use --force to replace it"),
            std::string::npos)
      << staged.status().message();
  EXPECT_EQ(ReadFile(dir_ / "out.csv"), "precious\n");
}

TEST_F(StagedOutputTest, TargetAppearingBeforeCommitIsNotOverwritten) {
  auto staged = StagedOutput::Create(dir_ / "out.csv", false);
  ASSERT_TRUE(staged.ok());
  std::ofstream(staged->temp_path()) << "new\n";
  std::ofstream(dir_ / "out.csv") << "precious\n";
  EXPECT_EQ(staged->Commit().code(), ErrorCode::kConflict);
  EXPECT_EQ(ReadFile(dir_ / "out.csv"), "precious\n");
}

TEST_F(StagedOutputTest, ExistingTargetIsReplacedWithReplace) {
  std::ofstream(dir_ / "out.csv") << "old\n";
  fs::create_directories(dir_ / "out");
  std::ofstream(dir_ / "out/old.csv") << "old\n";
  {
    auto file = StagedOutput::Create(dir_ / "out.csv", true);
    ASSERT_TRUE(file.ok()) << file.status().message();
    std::ofstream(file->temp_path()) << "new\n";
    EXPECT_EQ(ReadFile(dir_ / "out.csv"), "old\n");
    ASSERT_TRUE(file->Commit().ok());
    auto dir = StagedOutput::Create(dir_ / "out", true);
    ASSERT_TRUE(dir.ok());
    fs::create_directory(dir->temp_path());
    std::ofstream(dir->temp_path() / "new.csv") << "new\n";
    ASSERT_TRUE(dir->Commit().ok());
  }
  EXPECT_EQ(ReadFile(dir_ / "out.csv"), "new\n");
  EXPECT_EQ(ReadFile(dir_ / "out/new.csv"), "new\n");
  EXPECT_FALSE(fs::exists(dir_ / "out/old.csv"));
  EXPECT_EQ(Entries(), (std::vector<std::string>{"out", "out.csv"}));
}

TEST_F(StagedOutputTest, MissingParentDirectoryIsAnIoError) {
  auto staged = StagedOutput::Create(dir_ / "no/such/out.csv", false);
  ASSERT_FALSE(staged.ok());
  EXPECT_EQ(staged.status().code(), ErrorCode::kIo);
}

TEST_F(StagedOutputTest, MoveTransfersOwnership) {
  auto staged = StagedOutput::Create(dir_ / "out.csv", false);
  ASSERT_TRUE(staged.ok());
  StagedOutput first = std::move(staged).value();
  const fs::path temp = first.temp_path();
  std::ofstream(temp) << "x\n";
  StagedOutput second = std::move(first);
  auto other = StagedOutput::Create(dir_ / "other.csv", false);
  ASSERT_TRUE(other.ok());
  std::ofstream(other->temp_path()) << "y\n";
  const fs::path other_temp = other->temp_path();
  second = std::move(*other);  // abandons "out.csv", takes over "other.csv"
  EXPECT_FALSE(fs::exists(temp));
  EXPECT_TRUE(fs::exists(other_temp));
  ASSERT_TRUE(second.Commit().ok());
  EXPECT_EQ(ReadFile(dir_ / "other.csv"), "y\n");
  EXPECT_EQ(Entries(), std::vector<std::string>{"other.csv"});
}

// A process killed with SIGKILL cannot clean up; the guardian must.
TEST_F(StagedOutputTest, GuardianRemovesTempAfterSigkill) {
  int report[2];
  ASSERT_EQ(::pipe(report), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(report[0]);
    auto staged = StagedOutput::Create(dir_ / "out", false);
    if (!staged.ok()) ::_exit(1);
    fs::create_directory(staged->temp_path());
    std::ofstream(staged->temp_path() / "data.csv") << "secret\n";
    const std::string temp = staged->temp_path().string() + "\n";
    if (::write(report[1], temp.data(), temp.size()) != static_cast<ssize_t>(temp.size())) {
      ::_exit(2);
    }
    for (;;) ::pause();
  }
  ::close(report[1]);
  std::string temp;
  char c = 0;
  while (::read(report[0], &c, 1) == 1 && c != '\n') temp += c;
  ASSERT_FALSE(temp.empty());
  EXPECT_TRUE(fs::exists(fs::path(temp) / "data.csv"));
  ::kill(child, SIGKILL);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  EXPECT_TRUE(WIFSIGNALED(status));
  EXPECT_TRUE(DisappearsSoon(temp)) << temp;
  EXPECT_FALSE(fs::exists(dir_ / "out"));
  EXPECT_TRUE(fs::is_empty(dir_));
  // The guardian closed its copy of every other descriptor, so the pipe is at EOF now.
  pollfd p = {report[0], POLLIN, 0};
  ASSERT_EQ(::poll(&p, 1, 2000), 1);
  EXPECT_EQ(::read(report[0], &c, 1), 0);
  ::close(report[0]);
}

}  // namespace
}  // namespace veil
