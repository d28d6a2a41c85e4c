#include "cli/shared_options.h"

#include <cctype>
#include <filesystem>
#include <map>

namespace veil {

void AddPolicyOption(CLI::App& command, std::string& path, const std::string& description) {
  command.add_option("--policy", path, description)->required();
}

void AddDelimiterOption(CLI::App& command, std::string& text, const std::string& description) {
  command.add_option("--delimiter", text, description);
}

void AddReportOption(CLI::App& command, std::string& path, const std::string& description) {
  command.add_option("--report", path, description);
}

std::optional<ReportFormat> ReportFormatOf(const std::string& path) {
  static const std::map<std::string, ReportFormat> kExtensions = {
      {".md", ReportFormat::kMarkdown},
      {".markdown", ReportFormat::kMarkdown},
      {".html", ReportFormat::kHtml},
      {".htm", ReportFormat::kHtml},
      {".json", ReportFormat::kJson}};
  std::string extension = std::filesystem::path(path).extension().string();
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto found = kExtensions.find(extension);
  if (found == kExtensions.end()) return std::nullopt;
  return found->second;
}

void AddJobsOption(CLI::App& command, int& jobs, const std::string& description) {
  command.add_option("--jobs", jobs, description)->check(CLI::Range(1, 256));
}

void AddFormatOption(CLI::App& command, OutputFormat& format, const std::string& description) {
  static const std::map<std::string, OutputFormat> kNames = {{"text", OutputFormat::kText},
                                                             {"json", OutputFormat::kJson}};
  command
      .add_option_function<std::string>(
          "--format", [&format](const std::string& name) { format = kNames.at(name); }, description)
      ->check(CLI::IsMember(kNames));
}

void AddSubsetOptions(CLI::App& command, std::vector<std::string>& subset, bool& keep_unrelated) {
  command
      .add_option("--subset", subset,
                  "Only these rows and the rows linked to them by foreign keys (and by the "
                  "policy's entities): \"TABLE: CONDITION\" (SQL; for CSV `col = v` or "
                  "`col IN (v, ...)`), \"TABLE: N%\" or \"TABLE: N rows\" (a sample drawn with "
                  "the policy's secret); repeatable (their union)")
      ->allow_extra_args(false);
  command.add_flag("--subset-keep-unrelated", keep_unrelated,
                   "With --subset: copy tables no foreign key links to the subset whole "
                   "(default: empty)");
}

Result<char> ParseDelimiter(const std::string& text) {
  if (text.empty()) return char{0};
  if (text == "tab" || text == "\\t") return '\t';
  if (text.size() == 1 && text != "\"" && text != "\n" && text != "\r") return text[0];
  return InvalidArgument(kDelimiterRefusal);
}

}  // namespace veil
