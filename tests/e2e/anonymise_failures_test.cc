// End-to-end: `veil anonymise` refuses and fails cleanly, leaving nothing behind.
#include <signal.h>

#include <chrono>
#include <thread>

#include "e2e/e2e_support.h"

namespace veil::e2e {
namespace {

void WriteFile(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

const char* kPolicy = R"(version: 1
secret: {env: VEIL_TEST_SECRET}
entities:
  person: {pseudonym: {alphabet: alnum, length: 12}}
tables:
  people:
    columns:
      id: {pseudonymise: person}
      name: {fake: first_name}
)";
const std::map<std::string, std::string> kEnv = {{"VEIL_TEST_SECRET", "0123456789abcdef0123"}};

TEST(AnonymiseFailuresTest, UnlistedColumnsAndTablesAreRefusedWithNothingWritten) {
  ScratchDir dir;
  fs::create_directories(dir / "in");
  WriteFile(dir / "in/people.csv", "id,name,nhs_number\n1,Ann,9434765919\n");
  WriteFile(dir / "in/visits.csv", "id,when\n1,2020-01-01\n");
  WriteFile(dir / "policy.yaml", kPolicy);
  const auto r =
      RunVeil({"anonymise", "--policy", dir / "policy.yaml", dir / "in", dir / "out"}, kEnv);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("people.nhs_number"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("visits (table)"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("9434765919"), std::string::npos);
  EXPECT_EQ(dir.Entries(), (std::vector<std::string>{"in", "policy.yaml"}));
}

TEST(AnonymiseFailuresTest, MalformedCsvNamesFileLineColumnButNotTheValue) {
  ScratchDir dir;
  WriteFile(dir / "people.csv", "id,name\n1,Ann\n2,\"Zebedee99 never closed\n");
  WriteFile(dir / "policy.yaml", kPolicy);
  const auto r = RunVeil(
      {"anonymise", "--policy", dir / "policy.yaml", dir / "people.csv", dir / "out.csv"}, kEnv);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("people.csv"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("line 3"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("Zebedee99"), std::string::npos) << r.err;
  EXPECT_EQ(dir.Entries(), (std::vector<std::string>{"people.csv", "policy.yaml"}));

  WriteFile(dir / "people.csv", "id,name\n1,Ann\n2,Zebedee99,extra\n");
  const auto ragged = RunVeil(
      {"anonymise", "--policy", dir / "policy.yaml", dir / "people.csv", dir / "out.csv"}, kEnv);
  EXPECT_NE(ragged.exit_code, 0);
  EXPECT_NE(ragged.err.find("line 3"), std::string::npos) << ragged.err;
  EXPECT_EQ(ragged.err.find("Zebedee99"), std::string::npos) << ragged.err;
  EXPECT_FALSE(fs::exists(dir / "out.csv"));
}

TEST(AnonymiseFailuresTest, RuleThatDoesNotFitTheDataNamesTableColumnRow) {
  ScratchDir dir;
  WriteFile(dir / "t.csv", "when\n2020-01-01\n2020-02-01\nTuesday-Zebedee\n");
  WriteFile(dir / "policy.yaml",
            "version: 1\ntables:\n  t:\n    columns:\n      when: {date_shift: {min_days: 1, "
            "max_days: 3}}\n");
  const auto r = RunVeil({"anonymise", "--policy", dir / "policy.yaml", dir / "t.csv", dir / "o"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("table t, column when"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("row 3"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("Zebedee"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "o"));
}

TEST(AnonymiseFailuresTest, ExistingTargetNeedsForceAndSourceIsNeverTheTarget) {
  ScratchDir dir;
  WriteFile(dir / "people.csv", "id,name\n1,Ann\n");
  WriteFile(dir / "policy.yaml", kPolicy);
  WriteFile(dir / "out.csv", "precious\n");
  auto r = RunVeil(
      {"anonymise", "--policy", dir / "policy.yaml", dir / "people.csv", dir / "out.csv"}, kEnv);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("--force"), std::string::npos) << r.err;
  EXPECT_EQ(ReadFile(dir / "out.csv"), "precious\n");
  r = RunVeil({"anonymise", "--force", "-q", "--policy", dir / "policy.yaml", dir / "people.csv",
               dir / "out.csv"},
              kEnv);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(ReadFile(dir / "out.csv"), "precious\n");
  r = RunVeil({"anonymise", "--force", "--policy", dir / "policy.yaml", dir / "people.csv",
               dir / "people.csv"},
              kEnv);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(ReadFile(dir / "people.csv"), "id,name\n1,Ann\n");
}

TEST(AnonymiseFailuresTest, MissingOrShortSecretIsRefusedWithoutPrintingIt) {
  ScratchDir dir;
  WriteFile(dir / "people.csv", "id,name\n1,Ann\n");
  WriteFile(dir / "policy.yaml", kPolicy);
  auto r =
      RunVeil({"anonymise", "--policy", dir / "policy.yaml", dir / "people.csv", dir / "o.csv"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("VEIL_TEST_SECRET"), std::string::npos) << r.err;
  r = RunVeil({"anonymise", "--policy", dir / "policy.yaml", dir / "people.csv", dir / "o.csv"},
              {{"VEIL_TEST_SECRET", "shortXYZ"}});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(r.err.find("shortXYZ"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "o.csv"));
}

TEST(AnonymiseFailuresTest, KilledRunLeavesNoTargetAndNoTemporaryCopy) {
  ScratchDir dir;
  {
    std::ofstream out(dir / "people.csv");
    out << "id,name\n";
    for (int i = 0; i < 3000000; ++i) out << i << ",Name" << i % 1000 << "\n";
  }
  WriteFile(dir / "policy.yaml", kPolicy);
  const fs::path out_dir = dir / "out";
  fs::create_directories(out_dir);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    setenv("VEIL_TEST_SECRET", kEnv.at("VEIL_TEST_SECRET").c_str(), 1);
    const std::string policy = (dir / "policy.yaml").string();
    const std::string source = (dir / "people.csv").string();
    const std::string target = (out_dir / "people.csv").string();
    execl(VEIL_BINARY, VEIL_BINARY, "anonymise", "-q", "--policy", policy.c_str(), source.c_str(),
          target.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // Wait until the temporary sibling exists (after the policy checks and the first read
  // of the source, slow under sanitizers), then kill -9 mid-run.
  bool saw_temp = false;
  for (int i = 0; i < 60000 && !saw_temp; ++i) {
    for (const auto& e : fs::directory_iterator(out_dir)) {
      if (e.path().filename().string().find("veil-tmp") != std::string::npos) saw_temp = true;
    }
    if (!saw_temp) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(saw_temp);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the run finished before it could be killed";
  bool empty = false;
  for (int i = 0; i < 300 && !empty; ++i) {
    empty = fs::is_empty(out_dir);
    if (!empty) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(empty) << "a killed run left files behind";
}

}  // namespace
}  // namespace veil::e2e
