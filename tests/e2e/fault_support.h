// Support for the fault-injection tests (tests/e2e/fault_*_test.cc): a generated people
// table and its policy, a veil process the test can signal, and polling helpers.
//
// - WritePeopleCsv() writes `rows` invented people; every name starts with "Zebedee", so
//   a message that leaks a cell value can be caught by looking for that word.
// - VeilProcess starts the real binary with stdout and stderr in files of a scratch
//   directory; Wait() reaps it and says whether it exited (and with what) or was killed.
// - Eventually() polls a condition for up to `seconds` (the cleanup guardian removes a
//   temporary copy only after veil is gone, so the tests give it a moment).
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <functional>
#include <thread>

#include "e2e/e2e_support.h"

namespace veil::e2e {

inline const char* kFaultPolicy = R"(version: 1
secret: {env: VEIL_TEST_SECRET}
entities:
  person:
    pseudonym: {alphabet: digits, length: 12}
    date_shift: {min_days: -30, max_days: 30}
tables:
  people:
    keys: {person: id}
    columns:
      id: {pseudonymise: person}
      name: {fake: first_name}
      born: {date_shift: person}
      score: keep
)";

inline const std::map<std::string, std::string>& FaultEnv() {
  static const std::map<std::string, std::string> env = {
      {"VEIL_TEST_SECRET", "fault-injection-secret-0123456789"}};
  return env;
}

inline void WritePeopleCsv(const fs::path& path, int rows) {
  std::ofstream out(path, std::ios::binary);
  out << "id,name,born,score\n";
  for (int i = 1; i <= rows; ++i) {
    out << i << ",Zebedee" << i << ",19" << (50 + i % 50) << "-0" << (1 + i % 9) << "-1" << (i % 10)
        << "," << (i % 97) << "\n";
  }
}

inline std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

inline bool Eventually(const std::function<bool()>& condition, double seconds = 5) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

// Names in `dir` that look like a veil temporary copy.
inline std::vector<std::string> TempSiblings(const fs::path& dir) {
  std::vector<std::string> found;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.find(".veil-") != std::string::npos) found.push_back(name);
  }
  return found;
}

// The real `veil` binary run as a child process the test can signal.
class VeilProcess {
 public:
  VeilProcess(const std::vector<std::string>& args, const std::map<std::string, std::string>& env)
      : out_(dir_ / "out.txt"), err_(dir_ / "err.txt") {
    std::vector<std::string> argv = {VEIL_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> pointers;
    for (auto& arg : argv) pointers.push_back(arg.data());
    pointers.push_back(nullptr);
    // Everything the child needs is prepared before fork(): the test process may have threads.
    std::vector<std::string> assignments;
    for (char** e = environ; *e != nullptr; ++e) assignments.emplace_back(*e);
    for (const auto& [key, value] : env) assignments.push_back(key + "=" + value);
    std::vector<char*> environment;
    for (auto& assignment : assignments) environment.push_back(assignment.data());
    environment.push_back(nullptr);
    const int out = ::open(out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    const int err = ::open(err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    pid_ = ::fork();
    if (pid_ == 0) {
      if (::dup2(out, 1) < 0 || ::dup2(err, 2) < 0) ::_exit(127);
      ::execve(pointers[0], pointers.data(), environment.data());
      ::_exit(127);
    }
    ::close(out);
    ::close(err);
  }
  ~VeilProcess() {
    if (pid_ > 0 && !reaped_) {
      ::kill(pid_, SIGKILL);
      (void)Wait();
    }
  }
  VeilProcess(const VeilProcess&) = delete;
  VeilProcess& operator=(const VeilProcess&) = delete;

  pid_t pid() const { return pid_; }
  bool Running() {
    if (reaped_) return false;
    if (::waitpid(pid_, &status_, WNOHANG) != pid_) return true;
    reaped_ = true;
    return false;
  }
  void Signal(int signal) const { ::kill(pid_, signal); }

  // Reaps the process: "exit N" or "signal N".
  std::string Wait() {
    if (!reaped_) {
      while (::waitpid(pid_, &status_, 0) < 0 && errno == EINTR) {
      }
      reaped_ = true;
    }
    if (WIFEXITED(status_)) return "exit " + std::to_string(WEXITSTATUS(status_));
    if (WIFSIGNALED(status_)) return "signal " + std::to_string(WTERMSIG(status_));
    return "unknown";
  }
  std::string err() const { return ReadFile(err_); }

 private:
  ScratchDir dir_;
  fs::path out_, err_;
  pid_t pid_ = -1;
  int status_ = 0;
  bool reaped_ = false;
};

}  // namespace veil::e2e
