// Support for end-to-end tests: runs the real `veil` binary, makes scratch directories,
// and reads CSV output with a parser independent of veil's own.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "core/uk_identifiers.h"

namespace veil::e2e {

namespace fs = std::filesystem;

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string ShellQuote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += (c == '\'') ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// A valid NHS number (mod-11 check digit) drawn from `random`.
inline std::string RandomNhsNumber(std::mt19937& random) {
  while (true) {
    std::string nine;
    for (int i = 0; i < 9; ++i) nine.push_back(static_cast<char>('0' + random() % 10));
    const int check = NhsCheckDigit(nine);
    if (check >= 0) return nine + static_cast<char>('0' + check);
  }
}

inline std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Runs `veil ARGS...` with extra environment assignments; captures stdout and stderr.
// With `kill_after_seconds` > 0, a run still going then is killed (exit code 137).
inline RunResult RunVeil(const std::vector<std::string>& args,
                         const std::map<std::string, std::string>& env = {},
                         int kill_after_seconds = 0) {
  static int counter = 0;
  const fs::path base = fs::temp_directory_path() /
                        ("veil-e2e-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
  std::string command = "env";
  if (kill_after_seconds > 0) {
    command = "timeout -s KILL " + std::to_string(kill_after_seconds) + " env";
  }
  for (const auto& [k, v] : env) command += " " + k + "=" + ShellQuote(v);
  command += " " + ShellQuote(VEIL_BINARY);
  for (const auto& a : args) command += " " + ShellQuote(a);
  command += " >" + ShellQuote(base.string() + ".out") + " 2>" + ShellQuote(base.string() + ".err");
  RunResult result;
  const int status = std::system(command.c_str());
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = ReadFile(base.string() + ".out");
  result.err = ReadFile(base.string() + ".err");
  fs::remove(base.string() + ".out");
  fs::remove(base.string() + ".err");
  return result;
}

// A scratch directory removed at the end of the test.
class ScratchDir {
 public:
  ScratchDir() {
    std::random_device rd;
    path_ =
        fs::temp_directory_path() / ("veil-test-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }
  fs::path operator/(const std::string& name) const { return path_ / name; }
  // Names in the directory, hidden ones included.
  std::vector<std::string> Entries() const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(path_)) names.push_back(e.path().filename());
    std::sort(names.begin(), names.end());
    return names;
  }

 private:
  fs::path path_;
};

using Row = std::vector<std::string>;

// A minimal RFC 4180 reader for checking output: returns header + rows.
inline std::vector<Row> ParseCsv(const std::string& text) {
  std::vector<Row> rows;
  Row row;
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row.push_back(field);
      field.clear();
      rows.push_back(row);
      row.clear();
    } else {
      field += c;
    }
  }
  if (!field.empty() || !row.empty()) {
    row.push_back(field);
    rows.push_back(row);
  }
  return rows;
}

// A CSV table as column name -> values, for readable assertions.
struct Table {
  Row header;
  std::vector<Row> rows;
  size_t Col(const std::string& name) const {
    for (size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return i;
    }
    ADD_FAILURE() << "no column " << name;
    return 0;
  }
  std::vector<std::string> Values(const std::string& name) const {
    std::vector<std::string> v;
    const size_t c = Col(name);
    for (const auto& r : rows) v.push_back(r[c]);
    return v;
  }
};

inline Table ReadCsvTable(const fs::path& path) {
  auto all = ParseCsv(ReadFile(path));
  Table t;
  if (all.empty()) return t;
  t.header = all.front();
  t.rows.assign(all.begin() + 1, all.end());
  return t;
}

// Writes `table` as RFC 4180 CSV (quoting fields that need it), for planting defects.
inline void WriteCsvTable(const fs::path& path, const Table& table) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  const auto write_row = [&](const Row& row) {
    for (size_t i = 0; i < row.size(); ++i) {
      const std::string& f = row[i];
      if (i > 0) out << ',';
      if (f.find_first_of(",\"\r\n") == std::string::npos) {
        out << f;
        continue;
      }
      out << '"';
      for (char c : f) out << (c == '"' ? std::string("\"\"") : std::string(1, c));
      out << '"';
    }
    out << '\n';
  };
  write_row(table.header);
  for (const auto& row : table.rows) write_row(row);
}

inline fs::path SourceDir() {
  return fs::path(VEIL_SOURCE_DIR);
}

// A file of the people/episodes fixture (tests/fixtures/people: invented children, their
// episodes and the policy for them).
inline fs::path PeopleFixture(const std::string& name) {
  return SourceDir() / "tests/fixtures/people" / name;
}

// Copies the people fixture's CSV files into DIR/in and anonymises them into DIR/out with
// the fixture's policy; returns veil's result.
inline RunResult AnonymisePeopleFixture(const ScratchDir& dir,
                                        const std::map<std::string, std::string>& env) {
  fs::create_directories(dir / "in");
  fs::copy(PeopleFixture("people.csv"), dir / "in/people.csv");
  fs::copy(PeopleFixture("episodes.csv"), dir / "in/episodes.csv");
  return RunVeil(
      {"anonymise", "--quiet", "--policy", PeopleFixture("policy.yaml"), dir / "in", dir / "out"},
      env);
}

// The environment the people fixture's policy reads its secret from.
inline const std::map<std::string, std::string>& PeopleFixtureEnv() {
  static const std::map<std::string, std::string> env = {
      {"VEIL_TEST_SECRET", "e2e-secret-0123456789abcdef"}};
  return env;
}

// A test that starts from the people fixture anonymised into SCRATCH/out, with the
// original's and the copy's tables already read.
class PeopleCopyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto r = AnonymisePeopleFixture(dir_, PeopleFixtureEnv());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    in_people_ = ReadCsvTable(dir_ / "in/people.csv");
    in_episodes_ = ReadCsvTable(dir_ / "in/episodes.csv");
    people_ = ReadCsvTable(dir_ / "out/people.csv");
    episodes_ = ReadCsvTable(dir_ / "out/episodes.csv");
  }

  ScratchDir dir_;
  Table in_people_, in_episodes_, people_, episodes_;
};

}  // namespace veil::e2e
