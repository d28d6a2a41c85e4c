// End-to-end: the real binary under a full disk (the LD_PRELOAD shim of
// tests/support/fault_shim.cc) and a read-only target directory. Every failure must be
// exit 1 with a message naming the place and the cause, never a value, and must leave
// neither the target nor a temporary sibling.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sys/mount.h>

#include <cstring>

#include "e2e/fault_support.h"

namespace veil::e2e {
namespace {

constexpr int kRows = 3000;

struct Output {
  std::string name;  // the target, relative to the scratch directory
  std::string what;  // a word the error must contain (the file or directory named)
};

void PrintTo(const Output& output, std::ostream* out) {
  *out << output.name;
}

std::map<std::string, std::string> DiskFullAfter(int64_t bytes) {
  std::map<std::string, std::string> env = FaultEnv();
  env["LD_PRELOAD"] = VEIL_FAULT_SHIM;
  env["VEIL_FAULT_ENOSPC_AFTER"] = std::to_string(bytes);
  return env;
}

std::vector<std::string> Anonymise(const ScratchDir& dir, const std::string& source,
                                   const fs::path& target) {
  return {"anonymise", "-q", "--policy", dir / "policy.yaml", dir / source, target};
}

int64_t BytesUnder(const fs::path& path) {
  if (fs::is_regular_file(path)) return static_cast<int64_t>(fs::file_size(path));
  int64_t total = 0;
  for (const auto& entry : fs::recursive_directory_iterator(path)) {
    if (entry.is_regular_file()) total += static_cast<int64_t>(entry.file_size());
  }
  return total;
}

class DiskFullTest : public ::testing::TestWithParam<Output> {
 protected:
  void SetUp() override {
    fs::create_directories(dir_ / "in");
    WritePeopleCsv(dir_ / "in/people.csv", kRows);
    std::ofstream(dir_ / "policy.yaml") << kFaultPolicy;
  }
  std::string Source() const { return GetParam().name == "out.csv" ? "in/people.csv" : "in"; }

  // The size of a complete output, from a run with the shim loaded but no limit.
  int64_t FullSize() {
    std::map<std::string, std::string> env = FaultEnv();
    env["LD_PRELOAD"] = VEIL_FAULT_SHIM;
    const auto r = RunVeil(Anonymise(dir_, Source(), dir_ / GetParam().name), env);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const int64_t size = BytesUnder(dir_ / GetParam().name);
    fs::remove_all(dir_ / GetParam().name);
    return size;
  }

  void ExpectCleanFailure(int64_t limit) {
    SCOPED_TRACE("disk full after " + std::to_string(limit) + " bytes");
    const auto r = RunVeil(Anonymise(dir_, Source(), dir_ / GetParam().name), DiskFullAfter(limit));
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(Lower(r.err).find("no space left"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(GetParam().what), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("Zebedee"), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_TRUE(Eventually([&] { return TempSiblings(dir_.path()).empty(); }))
        << fmt::format("{}", fmt::join(TempSiblings(dir_.path()), ", "));
    EXPECT_EQ(dir_.Entries(), (std::vector<std::string>{"in", "policy.yaml"}));
  }

  ScratchDir dir_;
};

TEST_P(DiskFullTest, EarlyMidAndAtCommitEachFailCleanly) {
  const int64_t size = FullSize();
  ASSERT_GT(size, 1000);
  ExpectCleanFailure(0);         // the first write
  ExpectCleanFailure(size / 2);  // half-way through the data
  ExpectCleanFailure(size - 1);  // the last byte
  ExpectCleanFailure(size);      // every byte written, the flush to disk at commit fails
}

INSTANTIATE_TEST_SUITE_P(Outputs, DiskFullTest,
                         ::testing::Values(Output{"out", "people.csv"},
                                           Output{"out.csv", "out.csv"},
                                           Output{"out.sqlite", "out.sqlite"}),
                         [](const auto& info) {
                           return info.index == 0   ? std::string("CsvDirectory")
                                  : info.index == 1 ? std::string("CsvFile")
                                                    : std::string("Sqlite");
                         });

// A directory nothing can be created in. As root, permissions do not stop writes, so
// root gets a read-only bind mount of the directory over itself.
class ReadOnlyDirectory {
 public:
  explicit ReadOnlyDirectory(const fs::path& path) : path_(path) {
    fs::create_directories(path_);
    if (::geteuid() != 0) {
      fs::permissions(path_, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                                 fs::perms::group_exec | fs::perms::others_read |
                                 fs::perms::others_exec);
      ready_ = true;
      return;
    }
    mounted_ = ::mount(path_.c_str(), path_.c_str(), nullptr, MS_BIND, nullptr) == 0;
    ready_ = mounted_ && ::mount(nullptr, path_.c_str(), nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY,
                                 nullptr) == 0;
    if (!ready_) error_ = std::strerror(errno);
  }
  ~ReadOnlyDirectory() {
    if (mounted_) ::umount2(path_.c_str(), MNT_DETACH);
    fs::permissions(path_, fs::perms::owner_all);
  }
  bool ready() const { return ready_; }
  const std::string& error() const { return error_; }

 private:
  fs::path path_;
  bool mounted_ = false;
  bool ready_ = false;
  std::string error_;
};

TEST(ReadOnlyTargetTest, EachOutputKindFailsNamingTheDirectoryAndLeavesNothing) {
  ScratchDir dir;
  fs::create_directories(dir / "in");
  WritePeopleCsv(dir / "in/people.csv", 50);
  std::ofstream(dir / "policy.yaml") << kFaultPolicy;
  const fs::path locked = dir / "locked";
  ReadOnlyDirectory read_only(locked);
  ASSERT_TRUE(read_only.ready()) << "cannot make " << locked << " read-only: " << read_only.error();
  for (const auto& [source, target] : std::vector<std::pair<std::string, std::string>>{
           {"in", "out"}, {"in/people.csv", "out.csv"}, {"in", "out.sqlite"}}) {
    SCOPED_TRACE(target);
    const auto r = RunVeil(Anonymise(dir, source, locked / target), FaultEnv());
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find(locked.string()), std::string::npos) << r.err;
    EXPECT_NE(Lower(r.err).find(::geteuid() == 0 ? "read-only" : "permission denied"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(r.err.find("Zebedee"), std::string::npos) << r.err;
    EXPECT_TRUE(fs::is_empty(locked));
    EXPECT_EQ(dir.Entries(), (std::vector<std::string>{"in", "locked", "policy.yaml"}));
  }
}

}  // namespace
}  // namespace veil::e2e
