// End-to-end: command-line options of `veil anonymise`.
#include "e2e/e2e_support.h"

namespace veil::e2e {
namespace {

void WriteFile(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

const char* kPolicy = R"(version: 1
tables:
  t:
    columns:
      name: {value: X}
      city: keep
)";

TEST(AnonymiseOptionsTest, DelimiterIsDetectedOrGiven) {
  ScratchDir dir;
  WriteFile(dir / "policy.yaml", kPolicy);
  WriteFile(dir / "t.csv", "\xEF\xBB\xBFname;city\r\nAnn;Leeds, West Yorkshire\r\n");
  auto r =
      RunVeil({"anonymise", "-q", "--policy", dir / "policy.yaml", dir / "t.csv", dir / "a/t.csv"});
  EXPECT_NE(r.exit_code, 0);  // the parent directory a/ does not exist
  r = RunVeil({"anonymise", "-q", "--policy", dir / "policy.yaml", dir / "t.csv", dir / "o.csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadFile(dir / "o.csv"), "name,city\nX,\"Leeds, West Yorkshire\"\n");
  // Forcing a comma makes the header one column, which the policy does not cover.
  r = RunVeil({"anonymise", "-q", "--delimiter", ",", "--policy", dir / "policy.yaml",
               dir / "t.csv", dir / "p.csv"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("not say what to do"), std::string::npos) << r.err;
  r = RunVeil({"anonymise", "-q", "--delimiter", "ab", "--policy", dir / "policy.yaml",
               dir / "t.csv", dir / "p.csv"});
  EXPECT_EQ(r.exit_code, 2);
}

TEST(AnonymiseOptionsTest, ProgressOnATerminalQuietSilencesEverything) {
  ScratchDir dir;
  WriteFile(dir / "policy.yaml", kPolicy);
  {
    std::ofstream out(dir / "t.csv");
    out << "name,city\n";
    for (int i = 0; i < 2500000; ++i) out << "N" << i << ",Leeds\n";
  }
  // `script` gives veil a terminal for stderr, so the progress line appears.
  const std::string command = std::string(VEIL_BINARY) + " anonymise --policy " +
                              (dir / "policy.yaml").string() + " " + (dir / "t.csv").string() +
                              " " + (dir / "o.csv").string();
  const std::string log = (dir / "tty.log").string();
  const int status = std::system(
      ("script -qec " + ShellQuote(command) + " " + ShellQuote(log) + " >/dev/null").c_str());
  ASSERT_EQ(WEXITSTATUS(status), 0);
  const std::string screen = ReadFile(log);
  EXPECT_NE(screen.find("rows/s"), std::string::npos) << screen;
  EXPECT_NE(screen.find("t: "), std::string::npos);
  const auto quiet = RunVeil(
      {"anonymise", "--quiet", "--policy", dir / "policy.yaml", dir / "t.csv", dir / "q.csv"});
  EXPECT_EQ(quiet.exit_code, 0);
  EXPECT_EQ(quiet.out + quiet.err, "");
}

TEST(AnonymiseOptionsTest, HelpListsEveryOption) {
  const auto r = RunVeil({"anonymise", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* option :
       {"--policy", "--force", "--quiet", "--delimiter", "--jobs", "--in-place"}) {
    EXPECT_NE(r.out.find(option), std::string::npos) << option;
  }
}

TEST(AnonymiseOptionsTest, JobsChangeSpeedNeverTheOutput) {
  ScratchDir dir;
  WriteFile(dir / "policy.yaml", R"(version: 1
secret: {env: VEIL_SECRET}
entities:
  person: {pseudonym: {alphabet: hex, length: 12}, date_shift: {min_days: -9, max_days: 9}}
tables:
  t:
    keys: {person: id}
    columns:
      id: {pseudonymise: person}
      name: {fake: first_name}
      seen: {date_shift: person}
)");
  {
    std::ofstream out(dir / "t.csv");
    out << "id,name,seen\n";
    for (int i = 0; i < 30000; ++i)
      out << i % 7000 << ",Name" << i << ",2020-01-" << 10 + i % 9 << "\n";
  }
  const std::map<std::string, std::string> env = {{"VEIL_SECRET", "jobs-test-secret-0123456789"}};
  std::vector<std::string> outputs;
  for (const char* jobs : {"1", "3"}) {
    const std::string out = (dir / ("out" + std::string(jobs) + ".csv")).string();
    const auto r = RunVeil(
        {"anonymise", "-q", "--jobs", jobs, "--policy", dir / "policy.yaml", dir / "t.csv", out},
        env);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    outputs.push_back(ReadFile(out));
  }
  EXPECT_GT(outputs[0].size(), 30000u);
  EXPECT_EQ(outputs[0], outputs[1]);
  const auto bad = RunVeil(
      {"anonymise", "--jobs", "0", "--policy", dir / "policy.yaml", dir / "t.csv", dir / "x.csv"});
  EXPECT_EQ(bad.exit_code, 2);
  const auto both = RunVeil(
      {"anonymise", "--in-place", "--policy", dir / "policy.yaml", dir / "t.csv", dir / "y.csv"});
  EXPECT_EQ(both.exit_code, 2) << both.err;
}

}  // namespace
}  // namespace veil::e2e
