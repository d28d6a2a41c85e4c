// The options every command shares (src/cli/shared_options.h): what --delimiter accepts and
// refuses, and that --jobs, --format and --policy are checked while parsing.
#include "cli/shared_options.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace veil {
namespace {

TEST(ParseDelimiterTest, EmptyMeansDetect) {
  const auto delimiter = ParseDelimiter("");
  ASSERT_TRUE(delimiter.ok());
  EXPECT_EQ(delimiter.value(), '\0');
}

TEST(ParseDelimiterTest, TabHasThreeSpellings) {
  for (const std::string text : {"tab", "\\t", "\t"}) {
    const auto delimiter = ParseDelimiter(text);
    ASSERT_TRUE(delimiter.ok()) << text;
    EXPECT_EQ(delimiter.value(), '\t') << text;
  }
}

TEST(ParseDelimiterTest, OneOrdinaryCharacterIsItself) {
  for (const char c : {',', ';', '|', ':', ' ', 'x'}) {
    const auto delimiter = ParseDelimiter(std::string(1, c));
    ASSERT_TRUE(delimiter.ok()) << c;
    EXPECT_EQ(delimiter.value(), c);
  }
}

TEST(ParseDelimiterTest, QuotesLineBreaksAndLongerTextAreRefusedAlike) {
  for (const std::string text : {"\"", "\n", "\r", "ab", ";;", "tabs", "TAB", "\t\t"}) {
    const auto delimiter = ParseDelimiter(text);
    ASSERT_FALSE(delimiter.ok()) << text;
    EXPECT_EQ(delimiter.status().code(), ErrorCode::kInvalidArgument) << text;
    EXPECT_EQ(delimiter.status().message(), kDelimiterRefusal) << text;
  }
}

TEST(ReportFormatOfTest, TheExtensionNamesTheFormatWhateverItsCase) {
  EXPECT_EQ(ReportFormatOf("r.md"), ReportFormat::kMarkdown);
  EXPECT_EQ(ReportFormatOf("dir/r.markdown"), ReportFormat::kMarkdown);
  EXPECT_EQ(ReportFormatOf("r.html"), ReportFormat::kHtml);
  EXPECT_EQ(ReportFormatOf("R.HTM"), ReportFormat::kHtml);
  EXPECT_EQ(ReportFormatOf("a.b/r.Json"), ReportFormat::kJson);
}

TEST(ReportFormatOfTest, AnyOtherExtensionOrNoneIsNoFormat) {
  for (const std::string path : {"r.pdf", "r.txt", "r", "", "json", ".json/r", "r.json.gz"}) {
    EXPECT_EQ(ReportFormatOf(path), std::nullopt) << path;
  }
}

// Parses `args` with a command that has every shared option; throws what CLI11 throws.
struct Parsed {
  std::string policy;
  std::string delimiter;
  std::string report;
  int jobs = 0;
  OutputFormat format = OutputFormat::kText;
};

Parsed Parse(std::vector<std::string> args) {
  Parsed parsed;
  CLI::App app;
  AddPolicyOption(app, parsed.policy, "policy");
  AddDelimiterOption(app, parsed.delimiter, "delimiter");
  AddReportOption(app, parsed.report, "report");
  AddJobsOption(app, parsed.jobs, "jobs");
  AddFormatOption(app, parsed.format, "format");
  std::reverse(args.begin(), args.end());  // CLI11 takes them last first
  app.parse(args);
  return parsed;
}

TEST(SharedOptionsTest, EachOptionStoresWhatWasTyped) {
  const Parsed parsed = Parse({"--policy", "p.yaml", "--delimiter", "tab", "--report", "r.json",
                               "--jobs", "3", "--format", "json"});
  EXPECT_EQ(parsed.policy, "p.yaml");
  EXPECT_EQ(parsed.delimiter, "tab");
  EXPECT_EQ(parsed.report, "r.json");
  EXPECT_EQ(parsed.jobs, 3);
  EXPECT_EQ(parsed.format, OutputFormat::kJson);
  EXPECT_EQ(Parse({"--policy", "p.yaml", "--format", "text"}).format, OutputFormat::kText);
}

TEST(SharedOptionsTest, DefaultsWhenLeftOut) {
  const Parsed parsed = Parse({"--policy", "p.yaml"});
  EXPECT_EQ(parsed.delimiter, "");
  EXPECT_EQ(parsed.report, "");
  EXPECT_EQ(parsed.jobs, 0);
  EXPECT_EQ(parsed.format, OutputFormat::kText);
}

TEST(SharedOptionsTest, PolicyIsRequired) {
  EXPECT_THROW(Parse({"--jobs", "2"}), CLI::RequiredError);
}

TEST(SharedOptionsTest, JobsOutsideOneTo256AreRefusedWhileParsing) {
  EXPECT_EQ(Parse({"--policy", "p", "--jobs", "1"}).jobs, 1);
  EXPECT_EQ(Parse({"--policy", "p", "--jobs", "256"}).jobs, 256);
  for (const std::string jobs : {"0", "257", "-1", "many", "2.5"}) {
    EXPECT_THROW(Parse({"--policy", "p", "--jobs", jobs}), CLI::ParseError) << jobs;
  }
}

TEST(SharedOptionsTest, FormatIsTextOrJson) {
  for (const std::string format : {"xml", "JSONL", ""}) {
    EXPECT_THROW(Parse({"--policy", "p", "--format", format}), CLI::ParseError) << format;
  }
}

}  // namespace
}  // namespace veil
