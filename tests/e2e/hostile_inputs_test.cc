// End-to-end: inputs built to exhaust veil — a secret or policy that never ends, a policy
// whose aliases expand exponentially, a hierarchy file that is /dev/zero — are refused
// with a message and a non-zero exit, quickly, never by a crash.
#include <fmt/format.h>

#include <chrono>

#include "e2e/e2e_support.h"

namespace veil::e2e {
namespace {

void WriteFile(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

const std::map<std::string, std::string> kEnv = {{"VEIL_TEST_SECRET", "0123456789abcdef0123"}};
// Each refusal takes well under a second; before the fix these runs grew without end.
constexpr int kKillAfterSeconds = 30;

// A run that failed on its own terms: an exit status of 1 or 2, not a signal (128 + n).
void ExpectCleanFailure(const RunResult& r) {
  EXPECT_TRUE(r.exit_code == 1 || r.exit_code == 2) << r.exit_code << "\n" << r.err;
}

// `&lK {'$.p0': {json: <level K-1>}, '$.p1': {json: *lK-1}, ...}`: each level uses the
// one below ten times, so nine levels describe 10^9 json rules in under 2 KB.
std::string AliasLevel(int level) {
  if (level == 0) return "&l0 {'$.a': {fake: first_name}}";
  std::string entries = fmt::format("'$.p0': {{json: {}}}", AliasLevel(level - 1));
  for (int i = 1; i < 10; ++i) entries += fmt::format(", '$.p{}': {{json: *l{}}}", i, level - 1);
  return fmt::format("&l{} {{{}}}", level, entries);
}

TEST(HostileInputsTest, ASecretFileThatNeverEndsIsRefused) {
  ScratchDir dir;
  WriteFile(dir / "people.csv", "id,name\n1,Ann\n");
  WriteFile(dir / "policy.yaml", R"(version: 1
secret: {file: /dev/zero}
tables:
  people:
    columns: {id: keep, name: {fake: first_name}}
)");
  const auto r =
      RunVeil({"anonymise", "--policy", dir / "policy.yaml", dir / "people.csv", dir / "out.csv"},
              {}, kKillAfterSeconds);
  ExpectCleanFailure(r);
  EXPECT_NE(r.err.find("secret file /dev/zero is larger than 64 KiB"), std::string::npos) << r.err;
  EXPECT_EQ(dir.Entries(), (std::vector<std::string>{"people.csv", "policy.yaml"}));
}

TEST(HostileInputsTest, APolicyThatNeverEndsIsRefused) {
  ScratchDir dir;
  WriteFile(dir / "people.csv", "id,name\n1,Ann\n");
  for (const std::string command : {"anonymise", "verify", "risk"}) {
    std::vector<std::string> args = {command, "--policy", "/dev/zero", dir / "people.csv"};
    if (command != "risk") args.push_back(dir / (command == "verify" ? "people.csv" : "out.csv"));
    const auto r = RunVeil(args, kEnv, kKillAfterSeconds);
    ExpectCleanFailure(r);
    EXPECT_NE(r.err.find("policy file /dev/zero is larger than 16 MiB"), std::string::npos)
        << command << ": " << r.err;
  }
  EXPECT_EQ(dir.Entries(), (std::vector<std::string>{"people.csv"}));
}

TEST(HostileInputsTest, AliasesThatExpandExponentiallyAreRefusedNamingTheLine) {
  ScratchDir dir;
  WriteFile(dir / "people.csv", "id,name\n1,{}\n");
  const std::string policy =
      "version: 1\nsecret: {env: VEIL_TEST_SECRET}\ntables:\n  people:\n"
      "    columns:\n      id: keep\n      name: {json: " +
      AliasLevel(9) + "}\n";
  ASSERT_LT(policy.size(), 2500u);
  WriteFile(dir / "policy.yaml", policy);
  const auto start = std::chrono::steady_clock::now();
  const auto r =
      RunVeil({"anonymise", "--policy", dir / "policy.yaml", dir / "people.csv", dir / "out.csv"},
              kEnv, kKillAfterSeconds);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ExpectCleanFailure(r);
  EXPECT_NE(r.err.find("policy.yaml:7: the policy expands to more than 200000 YAML nodes"),
            std::string::npos)
      << r.err;
  EXPECT_LT(seconds, 10.0);
  EXPECT_EQ(dir.Entries(), (std::vector<std::string>{"people.csv", "policy.yaml"}));
}

TEST(HostileInputsTest, AHierarchyFileThatNeverEndsIsRefused) {
  ScratchDir dir;
  WriteFile(dir / "people.csv", "age,diagnosis\n34,flu\n35,cold\n");
  WriteFile(dir / "policy.yaml", R"(version: 1
tables:
  people:
    columns:
      age: {generalise: {hierarchy: /dev/zero}}
      diagnosis: keep
    privacy: {k: 2}
)");
  const auto r =
      RunVeil({"anonymise", "--policy", dir / "policy.yaml", dir / "people.csv", dir / "out.csv"},
              {}, kKillAfterSeconds);
  ExpectCleanFailure(r);
  EXPECT_NE(r.err.find("hierarchy file /dev/zero is larger than 256 MiB"), std::string::npos)
      << r.err;
  EXPECT_EQ(dir.Entries(), (std::vector<std::string>{"people.csv", "policy.yaml"}));
}

}  // namespace
}  // namespace veil::e2e
