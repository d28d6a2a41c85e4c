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
  for (const char* option : {"--policy", "--force", "--quiet", "--delimiter"}) {
    EXPECT_NE(r.out.find(option), std::string::npos) << option;
  }
}

}  // namespace
}  // namespace veil::e2e
