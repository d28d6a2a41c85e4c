// End-to-end tests of the vocabulary every `veil` command shares (src/cli/shared_options.h,
// src/cli/exit_codes.h): exit status 2 and a `veil: ` line for a bad command line (an
// unknown option, a bad --delimiter), exit status 1 and a `veil: error: ` line for a failed
// run, and --delimiter tab honoured by each command that reads CSV. The table of commands
// below must name every command `veil --help` lists.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "e2e/e2e_support.h"

namespace veil::e2e {
namespace {

// TAB-separated, but its header has as many commas as tabs, so detection would take the
// comma (the earlier candidate): only a honoured --delimiter tab reads its three columns.
constexpr const char* kTabPeople =
    "age\tsex\tx,y,z\n"
    "30\tF\t1,2,3\n30\tF\t4,5,6\n41\tM\t7,8,9\n41\tM\t1,1,1\n";

constexpr const char* kPolicy =
    "version: 1\n"
    "tables:\n"
    "  people:\n"
    "    columns:\n"
    "      age: {generalise: {intervals: [0, 40, 80], levels: [1, 2]}}\n"
    "      sex: {generalise: {groups: [2]}}\n"
    "      \"x,y,z\": keep\n"
    "    privacy: {k: 2}\n";

// The message every command prints for a --delimiter it cannot use.
constexpr const char* kDelimiterRefusal = "veil: --delimiter takes one character (or 'tab')\n";

struct Command {
  std::string name;
  bool has_delimiter = true;
  bool has_jobs = false;
  bool takes_policy = true;  // scan drafts a policy rather than reading one
};

const std::vector<Command>& Commands() {
  static const std::vector<Command> commands = {
      {"anonymise", true, true},   {"verify", true, true},         {"risk"}, {"hierarchy"},
      {"scan", true, true, false}, {"generate", true, true, false}};
  return commands;
}

class CliVocabularyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(dir_ / "people.csv") << kTabPeople;
    std::ofstream(dir_ / "policy.yaml") << kPolicy;
    const auto copy = RunVeil({"anonymise", "-q", "--delimiter", "tab", "--policy",
                               Path("policy.yaml"), Path("people.csv"), Path("copy.csv")});
    ASSERT_EQ(copy.exit_code, 0) << copy.err;
  }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  // A complete, valid command line for `command` reading `source`, then `extra`.
  std::vector<std::string> Args(const std::string& command, const std::string& source,
                                const std::vector<std::string>& extra) const {
    const bool takes_policy = std::any_of(Commands().begin(), Commands().end(), [&](const auto& c) {
      return c.name == command && c.takes_policy;
    });
    std::vector<std::string> args{command};
    if (takes_policy) args.insert(args.end(), {"--policy", Path("policy.yaml")});
    if (command == "generate") {  // the schema is read from the source's header line
      args.insert(args.end(), {"--force", "--schema", source, Path("generated")});
    } else {
      args.push_back(source);
    }
    if (command == "anonymise") args.push_back(Path("out.csv"));
    if (command == "verify") args.push_back(Path("copy.csv"));
    if (command == "hierarchy") args.push_back("sex");
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  }

  RunResult Run(const std::string& command, const std::vector<std::string>& extra) const {
    return RunVeil(Args(command, Path("people.csv"), extra));
  }

  ScratchDir dir_;
};

// The first word of each line of the "Subcommands:" section of `veil --help`.
std::set<std::string> ListedCommands() {
  std::istringstream help(RunVeil({"--help"}).out);
  std::set<std::string> names;
  bool in_section = false;
  for (std::string line; std::getline(help, line);) {
    if (line.starts_with("Subcommands:")) {
      in_section = true;
    } else if (in_section && line.starts_with("  ")) {
      std::istringstream words(line);
      std::string name;
      words >> name;  // "anonymise," when an alias follows
      if (name.ends_with(',')) name.pop_back();
      names.insert(name);
    } else if (in_section && !line.empty()) {
      in_section = false;
    }
  }
  return names;
}

TEST_F(CliVocabularyTest, TheTableNamesEveryCommandTheHelpLists) {
  std::set<std::string> tested;
  for (const auto& command : Commands()) tested.insert(command.name);
  const std::set<std::string> listed = ListedCommands();
  ASSERT_FALSE(listed.empty()) << RunVeil({"--help"}).out;
  EXPECT_EQ(listed, tested);
}

TEST_F(CliVocabularyTest, AnUnknownOptionIsAUsageErrorOnOneVeilLine) {
  for (const auto& command : Commands()) {
    const auto r = Run(command.name, {"--no-such-option"});
    EXPECT_EQ(r.exit_code, 2) << command.name << ": " << r.err;
    EXPECT_TRUE(r.err.starts_with("veil: ")) << command.name << ": " << r.err;
    EXPECT_FALSE(r.err.starts_with("veil: error: ")) << command.name << ": " << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << command.name << ": " << r.err;
    EXPECT_NE(r.err.find("--no-such-option"), std::string::npos) << command.name << ": " << r.err;
  }
  EXPECT_EQ(dir_.Entries(), (std::vector<std::string>{"copy.csv", "people.csv", "policy.yaml"}));
}

// CLI11 quotes the argument it refuses; a password in a database URI typed there (or in
// a connection string) must not reach the terminal.
TEST_F(CliVocabularyTest, AUsageErrorNeverRepeatsAPassword) {
  for (const std::string extra :
       {"postgresql://ann:TopSecret42@127.0.0.1:1/care", "host=h password=TopSecret42"}) {
    const auto r = RunVeil(
        {"verify", "--policy", Path("policy.yaml"), Path("people.csv"), Path("people.csv"), extra});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("veil: "), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("TopSecret42"), std::string::npos) << r.err;
    EXPECT_EQ(r.out.find("TopSecret42"), std::string::npos) << r.out;
  }
}

TEST_F(CliVocabularyTest, EveryCommandRefusesABadDelimiterWithTheSameLine) {
  for (const std::string bad : {"\"", "ab", "\n", "\r", ";;", "tabs"}) {
    for (const auto& command : Commands()) {
      if (!command.has_delimiter) continue;
      const auto r = Run(command.name, {"--delimiter", bad});
      EXPECT_EQ(r.exit_code, 2) << command.name << " --delimiter '" << bad << "': " << r.err;
      EXPECT_EQ(r.err, kDelimiterRefusal) << command.name << " --delimiter '" << bad << "'";
      EXPECT_EQ(r.out, "") << command.name;
    }
  }
  EXPECT_EQ(dir_.Entries(), (std::vector<std::string>{"copy.csv", "people.csv", "policy.yaml"}));
}

TEST_F(CliVocabularyTest, EveryCommandReadsATabSeparatedFileWithDelimiterTab) {
  for (const std::string tab : {"tab", "\\t", "\t"}) {
    for (const auto& command : Commands()) {
      if (!command.has_delimiter) continue;
      fs::remove(dir_ / "out.csv");
      const auto r = Run(command.name, {"--delimiter", tab});
      EXPECT_EQ(r.exit_code, 0) << command.name << " --delimiter '" << tab << "': " << r.err
                                << r.out;
      if (command.name == "anonymise") {
        EXPECT_EQ(ReadFile(dir_ / "out.csv"), ReadFile(dir_ / "copy.csv"));
        EXPECT_EQ(ReadCsvTable(dir_ / "out.csv").header, (Row{"age", "sex", "x,y,z"}));
      }
      if (command.name == "verify") {
        EXPECT_NE(r.out.find("PASSED"), std::string::npos) << r.out;
      }
      if (command.name == "hierarchy") {
        EXPECT_EQ(r.out, "F;F..M;*\nM;F..M;*\n");
      }
      if (command.name == "scan") {  // the third column's name, read whole
        EXPECT_NE(r.out.find("x,y,z"), std::string::npos) << r.out;
      }
      if (command.name == "generate") {
        EXPECT_EQ(ReadCsvTable(dir_ / "generated" / "people.csv").header,
                  (Row{"age", "sex", "x,y,z"}));
      }
    }
  }
}

TEST_F(CliVocabularyTest, WithoutDelimiterTabTheFixtureIsMisread) {
  // The control for the test above: detection alone splits the header at its commas.
  for (const auto& command : Commands()) {
    fs::remove(dir_ / "out.csv");
    const auto r = Run(command.name, {});
    if (command.name == "scan") {  // no policy to contradict: the columns come out split
      EXPECT_EQ(r.out.find("x,y,z"), std::string::npos) << r.out;
      continue;
    }
    if (command.name == "generate") {  // likewise: the header is read split at its commas
      ASSERT_EQ(r.exit_code, 0) << r.err;
      EXPECT_NE(ReadCsvTable(dir_ / "generated" / "people.csv").header,
                (Row{"age", "sex", "x,y,z"}));
      continue;
    }
    EXPECT_NE(r.exit_code, 0) << command.name << ": " << r.out;
  }
}

TEST_F(CliVocabularyTest, AFailedRunExitsOneWithOneErrorLine) {
  for (const auto& command : Commands()) {
    const auto r = RunVeil(Args(command.name, Path("missing.csv"), {"--delimiter", "tab"}));
    EXPECT_EQ(r.exit_code, 1) << command.name << ": " << r.err;
    EXPECT_TRUE(r.err.starts_with("veil: error: ")) << command.name << ": " << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << command.name << ": " << r.err;
    EXPECT_NE(r.err.find("missing.csv"), std::string::npos) << command.name << ": " << r.err;
  }
  EXPECT_EQ(dir_.Entries(), (std::vector<std::string>{"copy.csv", "people.csv", "policy.yaml"}));
}

TEST_F(CliVocabularyTest, JobsOutOfRangeIsAUsageError) {
  for (const auto& command : Commands()) {
    if (!command.has_jobs) continue;
    for (const std::string jobs : {"0", "257", "many"}) {
      const auto r = Run(command.name, {"--delimiter", "tab", "--jobs", jobs});
      EXPECT_EQ(r.exit_code, 2) << command.name << " --jobs " << jobs << ": " << r.err;
      EXPECT_TRUE(r.err.starts_with("veil: --jobs")) << command.name << ": " << r.err;
    }
    EXPECT_EQ(Run(command.name, {"--delimiter", "tab", "--jobs", "2"}).exit_code, 0)
        << command.name;
    fs::remove(dir_ / "out.csv");
  }
}

TEST_F(CliVocabularyTest, AMissingPolicyOptionIsAUsageError) {
  for (const auto& command : Commands()) {
    if (!command.takes_policy) continue;
    std::vector<std::string> args = Args(command.name, Path("people.csv"), {});
    args.erase(args.begin() + 1, args.begin() + 3);  // --policy FILE
    const auto r = RunVeil(args);
    EXPECT_EQ(r.exit_code, 2) << command.name << ": " << r.err;
    EXPECT_TRUE(r.err.starts_with("veil: ")) << command.name << ": " << r.err;
    EXPECT_NE(r.err.find("--policy"), std::string::npos) << command.name << ": " << r.err;
  }
}

}  // namespace
}  // namespace veil::e2e
