#include "io/sqlite/schema_file.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <cctype>
#include <string_view>
#include <vector>

#include "core/bounded_file.h"
#include "io/sqlite/handle.h"
#include "io/sqlite/source.h"

namespace veil {
namespace {

struct Statement {
  std::string text;
  int line = 0;  // 1-based line of the file where it starts
};

bool IsBatchSeparator(std::string_view line) {
  size_t begin = 0;
  size_t end = line.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(line[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(line[end - 1]))) --end;
  const std::string_view word = line.substr(begin, end - begin);
  return word.size() == 2 && std::toupper(static_cast<unsigned char>(word[0])) == 'G' &&
         std::toupper(static_cast<unsigned char>(word[1])) == 'O';
}

bool IsBlank(std::string_view text) {
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// The file's statements, split where SQLite says a statement is complete (it knows
// quotes and comments) or at a `GO` line.
std::vector<Statement> SplitStatements(std::string_view text) {
  std::vector<Statement> statements;
  Statement current;
  int line_number = 0;
  size_t begin = 0;
  while (begin < text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(begin, end - begin);
    begin = end + 1;
    ++line_number;
    if (IsBatchSeparator(line)) continue;
    if (IsBlank(current.text)) current = Statement{"", line_number};
    current.text.append(line);
    current.text.push_back('\n');
    if (sqlite3_complete(current.text.c_str()) != 0) {
      statements.push_back(std::move(current));
      current = Statement{};
    }
  }
  if (!IsBlank(current.text)) statements.push_back(std::move(current));
  return statements;
}

// The statement's first words, upper-cased, comments skipped: "CREATE TABLE", ...
std::string LeadingWords(std::string_view text, int words) {
  std::string out;
  size_t i = 0;
  while (i < text.size() && words > 0) {
    const char c = text[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (text.substr(i, 2) == "--") {
      i = text.find('\n', i);
      if (i == std::string_view::npos) break;
    } else if (text.substr(i, 2) == "/*") {
      i = text.find("*/", i);
      if (i == std::string_view::npos) break;
      i += 2;
    } else {
      if (!out.empty()) out.push_back(' ');
      while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) {
        out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(text[i++]))));
      }
      if (i < text.size() && !std::isalpha(static_cast<unsigned char>(text[i])) &&
          !std::isspace(static_cast<unsigned char>(text[i]))) {
        break;  // a symbol: no more words
      }
      --words;
    }
  }
  return out;
}

// Whether a statement declares schema: only these are run.
bool DeclaresSchema(std::string_view text) {
  const std::string words = LeadingWords(text, 3);
  for (const char* kind : {"CREATE TABLE", "CREATE INDEX", "CREATE UNIQUE INDEX", "CREATE VIEW"}) {
    if (words.starts_with(kind)) return true;
  }
  return false;
}

}  // namespace

Result<std::unique_ptr<Source>> OpenSchemaFile(const std::string& path) {
  VEIL_ASSIGN_OR_RETURN(std::string text,
                        ReadFileWithLimit(path, kMaxSchemaFileBytes, "SQL schema file"));
  VEIL_ASSIGN_OR_RETURN(
      SqliteDb db,
      SqliteDb::Open(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY | SQLITE_OPEN_NOMUTEX,
                     path));
  for (const Statement& statement : SplitStatements(text)) {
    if (!DeclaresSchema(statement.text)) continue;
    char* message = nullptr;
    const int rc = sqlite3_exec(db.get(), statement.text.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
      const std::string reason = message != nullptr ? message : sqlite3_errstr(rc);
      sqlite3_free(message);
      return InputError(
          fmt::format("{}: line {}: the statement there is not one SQLite "
                      "understands: {}",
                      path, statement.line, reason));
    }
  }
  return OpenSqliteSourceOn(std::move(db), "SQL schema file");
}

}  // namespace veil
